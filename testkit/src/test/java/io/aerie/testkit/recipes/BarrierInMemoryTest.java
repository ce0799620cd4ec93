package io.aerie.testkit.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.recipes.DistributedBarrier;
import io.aerie.client.recipes.DistributedDoubleBarrier;
import io.aerie.testkit.InMemoryAerie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.aerie.testkit.recipes.Steps.invoker;
import static io.aerie.testkit.recipes.Steps.pollUntil;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Barriers on the in-memory cluster: a waiter held until the barrier goes, and a double barrier that lets no member
 * in before all have come. Waits block, polling their own client, so the waiters run on worker threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BarrierInMemoryTest
{
    private final InMemoryAerie aerie = InMemoryAerie.launch();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() throws InterruptedException
    {
        worker.shutdownNow();
        assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS));
        aerie.close();
    }

    @Test
    void shouldHoldAWaiterUntilTheBarrierIsRemoved() throws Exception
    {
        final AerieClient setterClient = aerie.newClient(invoker());
        final DistributedBarrier setter = new DistributedBarrier(setterClient, "/gate");
        final DistributedBarrier waiter = new DistributedBarrier(aerie.newClient(invoker()), "/gate");
        setter.setBarrier();

        final Future<Boolean> passed = worker.submit(() -> waiter.waitOnBarrier(30, TimeUnit.SECONDS));
        pollUntil("the waiter watching the barrier", () -> watchCount() == 1);
        final boolean passedWhileUp = passed.isDone();
        setter.removeBarrier();

        assertFalse(passedWhileUp);
        assertTrue(passed.get(30, TimeUnit.SECONDS));
        assertFalse(setter.isSet());
    }

    @Test
    void shouldLetNoMemberOfADoubleBarrierInBeforeAllHaveCome() throws Exception
    {
        final AerieClient observer = aerie.newClient(invoker());
        final DistributedDoubleBarrier first = new DistributedDoubleBarrier(aerie.newClient(invoker()), "/start", 2);
        final DistributedDoubleBarrier second = new DistributedDoubleBarrier(aerie.newClient(invoker()), "/start", 2);

        final Future<Boolean> firstIn = worker.submit(() -> first.enter(30, TimeUnit.SECONDS));
        pollUntil("the first member waiting", () -> childCount(observer, "/start") == 1, observer);
        final boolean inAlone = firstIn.isDone();
        final boolean secondIn = second.enter(30, TimeUnit.SECONDS);

        assertFalse(inAlone);
        assertTrue(secondIn);
        assertTrue(firstIn.get(30, TimeUnit.SECONDS));
    }

    private long watchCount()
    {
        return aerie.query((service) -> service.watches().watchCount());
    }

    private static int childCount(final AerieClient client, final String path)
    {
        try
        {
            return client.getChildren(path).size();
        }
        catch (final AerieException ex)
        {
            return -1;
        }
    }
}
