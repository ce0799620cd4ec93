package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of the reserved /zookeeper nodes and quotas, through the wire: the stats a client reads back and
 * the counter of writes over a limit.
 */
class ServiceQuotaTest
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
    void shouldRefuseDeletingReservedNodesOverTheWire()
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.BAD_ARGUMENTS, f.delete(a, "/zookeeper/quota", -1).code());
        assertEquals(ResultCode.NO_AUTH, f.setData(a, "/zookeeper/config", "x", -1).code());
        assertEquals(0, f.lastZxid(), "a refused write takes no zxid");
    }

    @Test
    void shouldKeepStatsAndCountWritesOverALimitWithoutRefusingThem()
    {
        final Client a = f.connect(5000);
        f.create(a, "/app", "", CreateMode.PERSISTENT);
        f.create(a, "/zookeeper/quota/app", "", CreateMode.PERSISTENT);
        f.create(a, "/zookeeper/quota/app/zookeeper_limits", "count=2,bytes=-1", CreateMode.PERSISTENT);
        f.create(a, "/zookeeper/quota/app/zookeeper_stats", "count=0,bytes=0", CreateMode.PERSISTENT);

        assertEquals(ResultCode.OK, f.create(a, "/app/a", "12", CreateMode.PERSISTENT).code());
        assertEquals(0, f.counters().quotaExceeded.get());
        assertEquals(ResultCode.OK, f.create(a, "/app/b", "345", CreateMode.PERSISTENT).code());

        assertEquals(1, f.counters().quotaExceeded.get());
        assertEquals("count=3,bytes=5", f.getData(a, "/zookeeper/quota/app/zookeeper_stats").data());
    }
}
