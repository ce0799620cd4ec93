package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.Replies.MultiReply;
import io.aerie.engine.service.Replies.StatValue;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.aerie.engine.service.ServiceFixture.MAX_TIMEOUT_MS;
import static io.aerie.engine.service.ServiceFixture.MIN_TIMEOUT_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Stat as ZooKeeper 3.9 clients see it, through the wire: cversion counts child creations and deletions
 * whoever deletes, sequential numbers count creations only, and containers and TTL nodes report an
 * ephemeralOwner of 0 on every answer that carries a Stat. Each expectation was checked against a real
 * ZooKeeper 3.9.5 server.
 */
class ServiceStatTest
{
    private ServiceFixture f;

    @BeforeEach
    void before()
    {
        f = new ServiceFixture();
    }

    @AfterEach
    void after()
    {
        f.close();
    }

    @Test
    void shouldCountClientDeleteInParentCversion()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.create(a, "/p/c", "", CreateMode.PERSISTENT);
        assertEquals(1, f.exists(a, "/p").stat().cversion());

        f.delete(a, "/p/c", -1);

        assertEquals(2, f.exists(a, "/p").stat().cversion());
    }

    @Test
    void shouldCountMultiDeleteInParentCversion()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/p", "", CreateMode.PERSISTENT);

        final MultiReply reply = f.multi(a,
            Op.create("/p/a", "", CreateMode.PERSISTENT),
            Op.delete("/p/a", -1),
            Op.create("/p/s-", "", CreateMode.PERSISTENT_SEQUENTIAL));

        assertEquals(ResultCode.OK, reply.code());
        assertEquals("/p/s-0000000001", reply.results().get(2).path(), "numbers count creations only");
        assertEquals(3, f.exists(a, "/p").stat().cversion());
    }

    @Test
    void shouldCountEphemeralsDeletedOnCloseSessionInParentCversion()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        final Client b = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.create(b, "/p/e1", "", CreateMode.EPHEMERAL);
        f.create(b, "/p/e2", "", CreateMode.EPHEMERAL_SEQUENTIAL);

        f.request(b.connection(), f.wire.closeSession(f.nextCorrelationId()));

        final StatValue parent = f.exists(a, "/p").stat();
        assertEquals(0, parent.numChildren());
        assertEquals(4, parent.cversion());
    }

    @Test
    void shouldCountEphemeralsDeletedOnExpiryInParentCversion()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        final Client b = f.connect(MIN_TIMEOUT_MS);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.create(b, "/p/e", "", CreateMode.EPHEMERAL);

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(ResultCode.NO_NODE, f.exists(a, "/p/e").code());
        assertEquals(2, f.exists(a, "/p").stat().cversion());
    }

    @Test
    void shouldCountContainerSweepInParentCversion()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.create(a, "/p/c", "", CreateMode.CONTAINER);
        f.create(a, "/p/c/x", "", CreateMode.PERSISTENT);
        f.delete(a, "/p/c/x", -1);

        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        assertEquals(ResultCode.NO_NODE, f.exists(a, "/p/c").code());
        assertEquals(2, f.exists(a, "/p").stat().cversion());
    }

    @Test
    void shouldCountTtlSweepInParentCversionAndKeepNumberingByCreations()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.createTtl(a, "/p/t", CreateMode.PERSISTENT_WITH_TTL, 1);

        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        assertEquals(ResultCode.NO_NODE, f.exists(a, "/p/t").code());
        assertEquals(2, f.exists(a, "/p").stat().cversion());
        assertEquals("/p/s-0000000001", f.create(a, "/p/s-", "", CreateMode.PERSISTENT_SEQUENTIAL).path());
        assertEquals(3, f.exists(a, "/p").stat().cversion());
    }

    @Test
    void shouldNumberSequentialChildrenByCreationsAfterDeletes()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/q", "", CreateMode.PERSISTENT);
        f.create(a, "/q/a", "", CreateMode.PERSISTENT);
        f.create(a, "/q/b", "", CreateMode.PERSISTENT);
        f.delete(a, "/q/a", -1);

        // ZooKeeper 3.9.5: two creations, one deletion; cversion 3, next number 2.
        assertEquals(3, f.exists(a, "/q").stat().cversion());
        assertEquals("/q/n-0000000002", f.create(a, "/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL).path());
    }

    @Test
    void shouldReportContainerOwnerAsZeroOnEveryStat()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        final List<StatValue> stats = new ArrayList<>();
        stats.add(f.create(a, "/c", "", CreateMode.CONTAINER).stat());
        stats.addAll(statsOf(a, "/c"));
        final MultiReply multi = f.multi(a, Op.create("/c2", "", CreateMode.CONTAINER), Op.setData("/c2", "x", -1));
        stats.add(multi.results().get(0).stat());
        stats.add(multi.results().get(1).stat());

        assertOwnerZero(stats);
    }

    @Test
    void shouldReportTtlOwnerAsZeroOnEveryStat()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        final List<StatValue> stats = new ArrayList<>();
        stats.add(f.createTtl(a, "/t", CreateMode.PERSISTENT_WITH_TTL, 60_000).stat());
        stats.add(f.createTtl(a, "/t-", CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 60_000).stat());
        stats.addAll(statsOf(a, "/t"));
        final MultiReply multi = f.multi(a,
            Op.createTtl("/t2", CreateMode.PERSISTENT_WITH_TTL, 60_000), Op.setData("/t2", "x", -1));
        stats.add(multi.results().get(0).stat());
        stats.add(multi.results().get(1).stat());

        assertOwnerZero(stats);
    }

    @Test
    void shouldStillReportOwnerSessionOfEphemeral()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);

        assertEquals(a.sessionId(), f.create(a, "/e", "", CreateMode.EPHEMERAL).stat().ephemeralOwner());
        for (final StatValue stat : statsOf(a, "/e"))
        {
            assertEquals(a.sessionId(), stat.ephemeralOwner());
        }
    }

    private List<StatValue> statsOf(final Client c, final String path)
    {
        final List<StatValue> stats = new ArrayList<>();
        stats.add(f.exists(c, path).stat());
        stats.add(f.getData(c, path).stat());
        stats.add(f.children(c, path, true).stat());
        stats.add(f.aclOf(c, path).stat());
        stats.add(f.setData(c, path, "changed", -1).stat());
        return stats;
    }

    private static void assertOwnerZero(final List<StatValue> stats)
    {
        for (int i = 0; i < stats.size(); i++)
        {
            final StatValue stat = stats.get(i);
            assertEquals(0, stat.ephemeralOwner(), "stat " + i);
            assertTrue(stat.czxid() > 0, "stat " + i + " is a real stat");
        }
    }
}
