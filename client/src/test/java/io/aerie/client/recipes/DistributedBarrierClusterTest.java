package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The barrier against a real 3-node cluster: waiters on three clients held until the barrier is removed and never
 * before, idempotent set and remove, a barrier that outlives its setter's expired session, and a waiter whose
 * session expires while it waits.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedBarrierClusterTest
{
    private static final int PORT_BASE = 32000;
    private static final int WAITERS = 3;

    @TempDir
    static File tempDir;

    private RecipeCluster cluster;

    @BeforeAll
    void launch()
    {
        cluster = new RecipeCluster(PORT_BASE, tempDir);
    }

    @AfterEach
    void closeClients()
    {
        cluster.closeClients();
    }

    @AfterAll
    void close()
    {
        cluster.close();
    }

    @Test
    void shouldHoldEveryWaiterUntilTheBarrierIsRemoved() throws Exception
    {
        final AerieClient setterClient = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final DistributedBarrier setter = new DistributedBarrier(setterClient, "/held");
        setter.setBarrier();
        final AtomicBoolean removed = new AtomicBoolean();
        final List<Worker<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++)
        {
            final DistributedBarrier barrier = new DistributedBarrier(cluster.connect(RecipeCluster.LONG_SESSION_MS), "/held");
            assertFalse(barrier.waitOnBarrier(100, TimeUnit.MILLISECONDS), "held while up");
            waiters.add(Worker.start("waiter-" + i, () -> barrier.waitOnBarrier(30, TimeUnit.SECONDS) && removed.get()));
        }

        removed.set(true);
        setter.removeBarrier();

        for (final Worker<Boolean> waiter : waiters)
        {
            assertTrue(waiter.join(), "released, and only after the removal");
        }
        assertFalse(setter.isSet());
    }

    @Test
    void shouldPassAtOnceWithoutABarrierAndSetAndRemoveIdempotently() throws AerieException
    {
        final AerieClient client = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final DistributedBarrier barrier = new DistributedBarrier(client, "/deep/path/barrier");

        assertTrue(barrier.waitOnBarrier(30, TimeUnit.SECONDS), "no barrier: no wait");
        barrier.setBarrier();
        barrier.setBarrier();
        assertTrue(barrier.isSet());
        assertFalse(barrier.waitOnBarrier(50, TimeUnit.MILLISECONDS));
        barrier.removeBarrier();
        barrier.removeBarrier();
        assertFalse(barrier.isSet());
        assertTrue(barrier.waitOnBarrier(30, TimeUnit.SECONDS));
    }

    @Test
    void shouldKeepTheBarrierUpWhenItsSettersSessionExpires() throws AerieException
    {
        // The long session first: a short one is not polled while another client connects.
        final AerieClient waiterClient = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient setterClient = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        final DistributedBarrier setter = new DistributedBarrier(setterClient, "/orphaned");
        final DistributedBarrier waiter = new DistributedBarrier(waiterClient, "/orphaned");
        setter.setBarrier();
        final String marker = ClientPause.mark(setterClient, "barrier-setter");

        ClientPause.awaitExpired(waiterClient, marker); // the setter's client is no longer polled

        assertFalse(waiter.waitOnBarrier(200, TimeUnit.MILLISECONDS), "a persistent barrier outlives its setter");
        RecipeCluster.await("the setter told", () -> !RecipeSupport.isSessionAlive(setterClient), setterClient);
        final AerieException ex = assertThrows(AerieException.class, setter::removeBarrier);
        assertEquals(ResultCode.SESSION_EXPIRED, ex.code());
        waiter.removeBarrier();
        assertTrue(waiter.waitOnBarrier(30, TimeUnit.SECONDS));
    }

    @Test
    void shouldThrowSessionExpiredToAWaiterWhoseSessionExpires() throws Exception
    {
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        final AerieClient waiterClient = cluster.connect(RecipeCluster.SHORT_SESSION_MS);
        new DistributedBarrier(observer, "/expiring-waiter").setBarrier();
        final DistributedBarrier barrier = new DistributedBarrier(waiterClient, "/expiring-waiter");
        final ClientPause pause = new ClientPause(waiterClient, observer, "barrier-waiter");
        final Worker<Boolean> waiter = Worker.start("waiter", () -> barrier.waitOnBarrier(60, TimeUnit.SECONDS));

        pause.pauseUntilExpired();
        pause.release();

        final AerieException ex = assertThrows(AerieException.class, waiter::join);
        assertEquals(ResultCode.SESSION_EXPIRED, ex.code());
        assertTrue(new DistributedBarrier(observer, "/expiring-waiter").isSet(), "the barrier is unaffected");
    }
}
