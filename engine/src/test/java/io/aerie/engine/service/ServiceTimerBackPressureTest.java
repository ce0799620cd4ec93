package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.aerie.engine.service.ServiceFixture.MAX_TIMEOUT_MS;
import static io.aerie.engine.service.ServiceFixture.START_MS;
import static io.aerie.engine.service.ServiceFixture.SWEEP_INTERVAL_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Timers the cluster refuses under back pressure ({@code Cluster.scheduleTimer} returning false) are asked for
 * again with the next log entry, so sessions keep expiring and the sweep keeps running.
 */
class ServiceTimerBackPressureTest
{
    private static final int TIMEOUT_MS = 1000;

    private final ServiceFixture f = new ServiceFixture();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldScheduleARefusedExpiryCheckWithTheNextLogEntry()
    {
        final Client longLived = f.connect(MAX_TIMEOUT_MS);
        f.cluster.refuseTimers(true);
        f.connect(TIMEOUT_MS);
        assertEquals(START_MS + MAX_TIMEOUT_MS, f.expiryDeadline(), "the refused, earlier check is not held");

        f.cluster.refuseTimers(false);
        f.request(longLived.connection(), f.wire.keepAlive(f.nextCorrelationId()));

        assertEquals(START_MS + TIMEOUT_MS, f.expiryDeadline());
    }

    @Test
    void shouldExpireASessionWhoseExpiryCheckWasRefused()
    {
        final Client longLived = f.connect(MAX_TIMEOUT_MS);
        f.cluster.refuseTimers(true);
        final Client shortLived = f.connect(TIMEOUT_MS);
        f.create(shortLived, "/leader", "", CreateMode.EPHEMERAL);
        f.cluster.refuseTimers(false);
        f.request(longLived.connection(), f.wire.keepAlive(f.nextCorrelationId()));

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertNull(f.service.sessions().get(shortLived.sessionId()));
        assertEquals(ResultCode.NO_NODE, f.exists(longLived, "/leader").code());
    }

    @Test
    void shouldKeepAskingForARefusedTimerWhileBackPressureLasts()
    {
        final Client client = f.connect(MAX_TIMEOUT_MS);
        f.cluster.refuseTimers(true);
        f.connect(TIMEOUT_MS);
        final long refusedAtConnect = f.counters().timerRefusals.get();

        f.request(client.connection(), f.wire.keepAlive(f.nextCorrelationId()));
        f.request(client.connection(), f.wire.keepAlive(f.nextCorrelationId()));

        assertEquals(1, refusedAtConnect);
        assertEquals(3, f.counters().timerRefusals.get());
        assertEquals(START_MS + MAX_TIMEOUT_MS, f.expiryDeadline());
    }

    @Test
    void shouldScheduleARefusedSweepWithTheNextLogEntry()
    {
        final Client client = f.connect(MAX_TIMEOUT_MS);
        f.cluster.refuseTimers(true);
        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);
        assertNull(f.sweepDeadline());

        f.cluster.refuseTimers(false);
        f.request(client.connection(), f.wire.keepAlive(f.nextCorrelationId()));

        assertEquals(START_MS + 2 * SWEEP_INTERVAL_MS, f.sweepDeadline());
    }
}
