package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Per-session limits and hard quotas through the wire: a request past a limit gets its code, changes nothing
 * and counts in its counter; another session is not held to the first one's count.
 */
class ServiceSessionLimitsTest
{
    private static final int MAX_WATCHES = 2;
    private static final int MAX_EPHEMERALS = 1;

    private final ServiceFixture f = new ServiceFixture(limited());

    @AfterEach
    void after()
    {
        f.close();
    }

    @Test
    void shouldRefuseAWatchedReadPastTheSessionsWatchLimit()
    {
        final Client a = f.connect(5000);
        f.create(a, "/x", "data", CreateMode.PERSISTENT);
        assertEquals(ResultCode.OK, watchData(a, "/x").code());
        assertEquals(ResultCode.NO_NODE, watchExists(a, "/missing").code());

        final Replies.DataReply refused = watchData(a, "/x2");
        final Replies.Children children = Replies.children(
            f.request(a.connection(), f.wire.getChildren(f.nextCorrelationId(), "/x", false, true)));

        assertEquals(ResultCode.NO_NODE, refused.code(), "no watch is left on a missing node by getData");
        assertEquals(ResultCode.TOO_MANY_WATCHES, children.code());
        assertEquals(2, f.service.watches().watchCount(a.sessionId()));
        assertEquals(1, f.counters().watchLimitHits.get());
    }

    @Test
    void shouldStillAnswerAWatchTheSessionAlreadyHolds()
    {
        final Client a = f.connect(5000);
        f.create(a, "/x", "data", CreateMode.PERSISTENT);
        f.create(a, "/y", "data", CreateMode.PERSISTENT);
        watchData(a, "/x");
        watchData(a, "/y");

        assertEquals(ResultCode.OK, watchData(a, "/x").code());
        assertEquals(0, f.counters().watchLimitHits.get());
    }

    @Test
    void shouldRefuseAddWatchPastTheLimitButNotAnotherSessions()
    {
        final Client a = f.connect(5000);
        final Client b = f.connect(5000);
        addWatch(a, "/p1");
        addWatch(a, "/p2");

        assertEquals(ResultCode.TOO_MANY_WATCHES, addWatch(a, "/p3").code());
        assertEquals(ResultCode.OK, addWatch(b, "/p3").code());
    }

    @Test
    void shouldRefuseAnEphemeralPastTheSessionsLimitAndCountIt()
    {
        final Client a = f.connect(5000);
        assertEquals(ResultCode.OK, f.create(a, "/e1", "", CreateMode.EPHEMERAL).code());
        final long zxid = f.lastZxid();

        assertEquals(ResultCode.TOO_MANY_EPHEMERALS, f.create(a, "/e2", "", CreateMode.EPHEMERAL).code());
        assertEquals(ResultCode.TOO_MANY_EPHEMERALS,
            f.multi(a, Op.create("/p", "", CreateMode.PERSISTENT), Op.create("/e3", "", CreateMode.EPHEMERAL)).code());

        assertEquals(zxid, f.lastZxid(), "refused writes take no zxid");
        assertEquals(2, f.counters().ephemeralLimitHits.get());
    }

    @Test
    void shouldRefuseAWriteOverAHardQuotaAndCountIt()
    {
        final Client a = f.connect(5000);
        f.create(a, "/app", "", CreateMode.PERSISTENT);
        f.create(a, "/zookeeper/quota/app", "", CreateMode.PERSISTENT);
        f.create(a, "/zookeeper/quota/app/zookeeper_limits", "count=-1,bytes=-1;countHardLimit=-1;byteHardLimit=3",
            CreateMode.PERSISTENT);
        f.create(a, "/zookeeper/quota/app/zookeeper_stats", "count=0,bytes=0", CreateMode.PERSISTENT);
        final long digest = f.digest();

        assertEquals(ResultCode.QUOTA_EXCEEDED, f.setData(a, "/app", "1234", -1).code());

        assertEquals(digest, f.digest());
        assertEquals(1, f.counters().quotaRejected.get());
        assertEquals("count=1,bytes=0", f.getData(a, "/zookeeper/quota/app/zookeeper_stats").data());
    }

    private Replies.DataReply watchData(final Client client, final String path)
    {
        return Replies.dataReply(f.request(client.connection(), f.wire.getData(f.nextCorrelationId(), path, true)));
    }

    private Replies.StatReply watchExists(final Client client, final String path)
    {
        return Replies.existsReply(f.request(client.connection(), f.wire.exists(f.nextCorrelationId(), path, true)));
    }

    private Replies.Reply addWatch(final Client client, final String path)
    {
        return Replies.addWatchReply(
            f.request(client.connection(), f.wire.addWatch(f.nextCorrelationId(), path, WatchMode.PERSISTENT)));
    }

    private static AerieClusteredService.Context limited()
    {
        final AerieClusteredService.Context ctx = ServiceFixture.context().maxWatchesPerSession(MAX_WATCHES);
        ctx.treeContext().maxEphemeralsPerSession(MAX_EPHEMERALS).quotaEnforced(true);
        return ctx;
    }
}
