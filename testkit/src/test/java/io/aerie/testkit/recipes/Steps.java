package io.aerie.testkit.recipes;

import io.aerie.client.AerieClient;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Steps shared by the recipe tests on the in-memory cluster: clients in invoker mode, driven from the test's thread.
 * On the in-memory cluster a request is applied when it is offered and its answer waits for the next poll, so
 * polling until a poll finds nothing to do brings a client fully up to date, deterministically.
 */
final class Steps
{
    static final int SESSION_MS = 5_000;
    /** More polls than any step here needs: a bound that turns a bug into a failure rather than a hang. */
    private static final int MAX_POLLS = 100_000;

    private Steps()
    {
    }

    static AerieClient.Context invoker()
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.session().sessionTimeoutMs(SESSION_MS);
        return clientCtx;
    }

    /**
     * Poll each client until none has anything left to do.
     */
    static void drain(final AerieClient... clients)
    {
        for (int i = 0; i < MAX_POLLS; i++)
        {
            int work = 0;
            for (final AerieClient client : clients)
            {
                work += client.poll();
            }
            if (0 == work)
            {
                return;
            }
        }
        fail("the clients kept finding work after " + MAX_POLLS + " polls");
    }

    /**
     * Poll the clients until the condition holds (a condition another thread makes true, or one that takes several
     * round trips), failing after a bounded number of polls.
     */
    static void pollUntil(final String what, final BooleanSupplier condition, final AerieClient... clients)
    {
        for (int i = 0; i < MAX_POLLS; i++)
        {
            if (condition.getAsBoolean())
            {
                return;
            }
            for (final AerieClient client : clients)
            {
                client.poll();
            }
            Thread.yield();
        }
        fail("never saw " + what);
    }
}
