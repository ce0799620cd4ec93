package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aeron.cluster.service.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads on a member that is not the leader (a follower, or any member replaying its log at start): those whose
 * only effect is their answer are skipped, as nobody receives it; those that leave a watch are still applied.
 */
class ServiceFollowerReadTest
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
    void shouldNotComputeAnswerOnlyReadsWhenNotLeader()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "x", CreateMode.PERSISTENT);
        f.cluster.role(Cluster.Role.FOLLOWER);

        assertEquals(List.of(), f.deliver(a.connection(), f.wire.getAllChildrenNumber(f.nextCorrelationId(), "/")));
        assertEquals(List.of(), f.deliver(a.connection(), f.wire.getAcl(f.nextCorrelationId(), "/a")));
        assertEquals(List.of(), f.deliver(a.connection(), f.wire.getEphemerals(f.nextCorrelationId(), "/")));
    }

    @Test
    void shouldStillLeaveTheWatchOfAReadWhenNotLeader()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "x", CreateMode.PERSISTENT);
        f.cluster.role(Cluster.Role.FOLLOWER);
        f.deliver(a.connection(), f.wire.getData(f.nextCorrelationId(), "/a", true));
        f.cluster.role(Cluster.Role.LEADER);

        final List<byte[]> sent = f.deliver(a.connection(), f.wire.setData(f.nextCorrelationId(), "/a", "y", -1));

        assertEquals(EventType.NODE_DATA_CHANGED, Replies.watchEvent(sent.get(0)).eventType());
        assertEquals(ResultCode.OK, f.getData(a, "/a").code());
    }
}
