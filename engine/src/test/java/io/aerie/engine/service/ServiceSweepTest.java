package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.aerie.engine.service.ServiceFixture.MAX_TIMEOUT_MS;
import static io.aerie.engine.service.ServiceFixture.START_MS;
import static io.aerie.engine.service.ServiceFixture.SWEEP_INTERVAL_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of the sweep timer: emptied containers and expired TTL nodes are deleted.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress and drives the log clock and the timers. Each test checks one behaviour through
 * the wire only.
 */
class ServiceSweepTest
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
    void shouldScheduleSweepOnStart()
    {
        assertEquals(START_MS + SWEEP_INTERVAL_MS, f.sweepDeadline());
    }

    @Test
    void shouldDeleteEmptiedContainerOnSweepAndRescheduleIt()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/c", "", CreateMode.CONTAINER);
        f.create(a, "/c/x", "", CreateMode.PERSISTENT);
        f.delete(a, "/c/x", -1);

        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        assertEquals(ResultCode.NO_NODE, f.exists(a, "/c").code());
        assertEquals(4, f.lastZxid());
        assertEquals(START_MS + 2 * SWEEP_INTERVAL_MS, f.sweepDeadline());
    }

    @Test
    void shouldKeepContainerThatNeverHadAChildOrStillHasOne()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        f.create(a, "/never", "", CreateMode.CONTAINER);
        f.create(a, "/full", "", CreateMode.CONTAINER);
        f.create(a, "/full/x", "", CreateMode.PERSISTENT);
        final long digest = f.digest();

        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        assertEquals(digest, f.digest());
        assertEquals(3, f.lastZxid());
        assertEquals(START_MS + 2 * SWEEP_INTERVAL_MS, f.sweepDeadline());
    }

    @Test
    void shouldDeleteTtlNodeOnFirstSweepAfterItsTtl()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        f.createTtl(a, "/t", CreateMode.PERSISTENT_WITH_TTL, 1500);

        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);
        assertEquals(ResultCode.OK, f.exists(a, "/t").code());
        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        assertEquals(ResultCode.NO_NODE, f.exists(a, "/t").code());
        assertEquals(2, f.lastZxid());
    }
}
