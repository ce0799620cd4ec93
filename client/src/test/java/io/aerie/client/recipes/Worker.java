package io.aerie.client.recipes;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A task on its own thread, owning the client it uses (a client is single-threaded): its result, or what it threw,
 * is handed back by {@link #join()}.
 *
 * @param <T> the task's result.
 */
final class Worker<T>
{
    /**
     * What a worker runs.
     *
     * @param <T> the result.
     */
    @FunctionalInterface
    interface Task<T>
    {
        T run() throws Exception;
    }

    private final Thread thread;
    private volatile T result;
    private volatile Throwable failure;

    private Worker(final String name, final Task<T> task)
    {
        thread = new Thread(() ->
        {
            try
            {
                result = task.run();
            }
            catch (final Throwable t)
            {
                failure = t;
            }
        }, name);
    }

    static <T> Worker<T> start(final String name, final Task<T> task)
    {
        final Worker<T> worker = new Worker<>(name, task);
        worker.thread.start();
        return worker;
    }

    /**
     * @return the task's result.
     * @throws Exception what the task threw.
     */
    T join() throws Exception
    {
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(thread.isAlive(), thread.getName() + " finished");
        if (failure instanceof Exception)
        {
            throw (Exception)failure;
        }
        if (null != failure)
        {
            throw new AssertionError(thread.getName() + " failed", failure);
        }
        return result;
    }

    boolean isDone()
    {
        return !thread.isAlive();
    }
}
