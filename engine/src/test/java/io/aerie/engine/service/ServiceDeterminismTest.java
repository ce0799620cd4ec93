package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.engine.service.Wire.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.aerie.engine.service.ServiceFixture.DIGEST;
import static io.aerie.engine.service.ServiceFixture.START_MS;
import static io.aerie.engine.service.ServiceFixture.WORLD_READ;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service test of determinism: two services fed the same log send the same bytes and reach the same state.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress and drives the log clock and the timers. Each test checks one behaviour through
 * the wire only.
 */
class ServiceDeterminismTest
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
    void shouldProduceIdenticalEgressAndStateFromTheSameLog()
    {
        try (ServiceFixture other = new ServiceFixture())
        {
            runScript(f);
            runScript(other);

            final List<byte[]> transcript = f.transcript();
            final List<byte[]> otherTranscript = other.transcript();
            assertTrue(transcript.size() > 30, "a transcript worth comparing");
            assertEquals(transcript.size(), otherTranscript.size());
            for (int i = 0; i < transcript.size(); i++)
            {
                assertArrayEquals(transcript.get(i), otherTranscript.get(i), "message " + i);
            }
            assertEquals(f.digest(), other.digest());
            assertEquals(f.lastZxid(), other.lastZxid());
            assertEquals(f.service.sessions().size(), other.service.sessions().size());
        }
    }

    private static void runScript(final ServiceFixture s)
    {
        final Wire w = s.wire;
        final var c1 = s.openConnection();
        final var c2 = s.openConnection();
        final var c3 = s.openConnection();
        s.deliver(c1, w.connect(1, 0, 700, new byte[0]));
        s.deliver(c2, w.connect(1, 0, 5000, new byte[0]));
        s.deliver(c3, w.connect(1, 0, 2500, new byte[0]));
        final List<ServiceFixture.Client> crowd = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            crowd.add(s.connect(300 + 10 * (i % 3)));
            s.deliver(crowd.get(i).connection(), w.create(1, "/crowd-" + i, "", CreateMode.EPHEMERAL));
        }
        s.deliver(c1, w.create(2, "/app", "config", CreateMode.PERSISTENT));
        s.deliver(c1, w.create(3, "/app/lock-", "", CreateMode.EPHEMERAL_SEQUENTIAL));
        s.advanceTo(START_MS + 50);
        s.deliver(c2, w.create(2, "/app/lock-", "", CreateMode.EPHEMERAL_SEQUENTIAL));
        s.deliver(c3, w.create(2, "/app/members", "", CreateMode.CONTAINER));
        s.deliver(c3, w.create(3, "/app/members/m1", "", CreateMode.EPHEMERAL));
        s.deliver(c2, w.create(3, "/ttl", CreateMode.PERSISTENT_WITH_TTL, 1200));
        s.deliver(c2, w.multi(4, Op.create("/batch", "b", CreateMode.PERSISTENT), Op.setData("/app", "v2", 0),
            Op.create("/batch/s-", "", CreateMode.PERSISTENT_SEQUENTIAL)));
        s.deliver(c2, w.multi(5, Op.create("/nope", "", CreateMode.PERSISTENT), Op.delete("/missing", -1)));
        s.deliver(c1, new byte[]{ 1, 2, 3 });
        s.deliver(c1, Arrays.copyOf(w.create(4, "/x", "y", CreateMode.PERSISTENT), 30));
        s.deliver(c2, w.create(4, "/bad/../path", "", CreateMode.PERSISTENT));
        s.deliver(c2, w.create(4, "/bad/../path", "", CreateMode.PERSISTENT));
        s.deliver(c3, w.getChildren(4, "/app", true));
        s.deliver(c3, w.getEphemerals(5, "/"));
        s.deliver(c3, w.getAcl(6, "/app"));
        s.deliver(c3, w.setAcl(7, "/app", 0, List.of(DIGEST, WORLD_READ)));
        s.deliver(c2, w.getData(6, "/app"));
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.advanceTo(START_MS + 400);
        s.deliver(c2, w.keepAlive(7));
        s.deliver(c3, w.keepAlive(8));
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.deliver(c1, w.exists(5, "/app/lock-0000000000"));
        s.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);
        s.deliver(c3, w.delete(9, "/app/members/m1", -1));
        s.closeConnection(c3);
        s.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);
        s.deliver(c2, w.getChildren(8, "/", true));
        s.deliver(c2, w.getAllChildrenNumber(9, "/"));
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.deliver(c2, w.sync(10, "/"));
        s.deliver(c2, w.closeSession(11));
        s.deliver(c2, w.exists(12, "/"));
    }
}
