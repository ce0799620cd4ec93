package io.aerie.tools.shell;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The client thread: the only thread that touches the {@link ShellSession} and its
 * {@link io.aerie.client.AerieClient}, which is single threaded. It runs the tasks other threads submit (a shell
 * line, a completion lookup), one at a time in order, and polls the client whenever it has none, so keepalives go
 * out and watch events are printed while the reader thread waits for the user. Idles with a backoff that parks at
 * most {@value #MAX_PARK_MS} ms: a shell needs no microseconds, and an idle shell must not take a core.
 */
final class ClientAgent implements AutoCloseable
{
    static final long MAX_PARK_MS = 1;
    private static final long CLOSE_TIMEOUT_MS = 30_000;

    private final ShellSession session;
    private final Queue<FutureTask<?>> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean isRunning = true;

    /**
     * Start the client thread (a daemon, named {@code aerie-shell-client}).
     *
     * @param session what the tasks work with; from now on touched only by the client thread.
     */
    ClientAgent(final ShellSession session)
    {
        this.session = session;
        this.thread = new Thread(this::run, "aerie-shell-client");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Run a task on the client thread and wait for its result, however long it takes (the client bounds each of its
     * requests by the request timeout). Interrupts do not cut the wait short: JLine interrupts the reader thread
     * for a Ctrl-C typed at the prompt, which must not fail the next command.
     *
     * @param task what to do with the session; runs on the client thread.
     * @return the task's result.
     * @throws RuntimeException what the task threw.
     */
    <T> T call(final Function<ShellSession, T> task)
    {
        final FutureTask<T> future = submit(task);
        while (true)
        {
            try
            {
                return future.get();
            }
            catch (final InterruptedException ignore)
            {
                // Wait on: see above.
            }
            catch (final ExecutionException ex)
            {
                throw unwrap(ex);
            }
        }
    }

    /**
     * Run a task on the client thread and wait for its result at most a given time; a task still queued then is
     * cancelled. An interrupt (Ctrl-C at the prompt) ends the wait and stays set, for JLine to see.
     *
     * @return the task's result, or {@code otherwise} if it failed or took too long.
     */
    <T> T call(final Function<ShellSession, T> task, final long timeoutMs, final T otherwise)
    {
        final FutureTask<T> future = submit(task);
        try
        {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            future.cancel(false);
            return otherwise;
        }
        catch (final ExecutionException | TimeoutException | CancellationException ex)
        {
            future.cancel(false);
            return otherwise;
        }
    }

    /**
     * Stop the thread after the task it runs, closing the client (and so its session and embedded driver) on it;
     * waits for that, through interrupts (a Ctrl-C must not leave the driver's files behind), at most
     * {@value #CLOSE_TIMEOUT_MS} ms.
     */
    public void close()
    {
        isRunning = false;
        LockSupport.unpark(thread);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS);
        boolean isInterrupted = false;
        long remainingNs;
        while (thread.isAlive() && (remainingNs = deadlineNs - System.nanoTime()) > 0)
        {
            try
            {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNs)));
            }
            catch (final InterruptedException ex)
            {
                isInterrupted = true;
            }
        }
        if (isInterrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private <T> FutureTask<T> submit(final Function<ShellSession, T> task)
    {
        if (!isRunning)
        {
            throw new IllegalStateException("the shell's client thread has stopped");
        }

        final FutureTask<T> future = new FutureTask<>(() -> task.apply(session));
        tasks.add(future);
        LockSupport.unpark(thread);
        return future;
    }

    private void run()
    {
        final IdleStrategy idleStrategy = new BackoffIdleStrategy(
            10, 20, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(MAX_PARK_MS));
        try
        {
            while (isRunning)
            {
                final FutureTask<?> task = tasks.poll();
                if (null != task)
                {
                    task.run();
                    idleStrategy.reset();
                }
                else
                {
                    idleStrategy.idle(session.poll());
                }
            }
        }
        finally
        {
            session.closeClient();
            FutureTask<?> task;
            while (null != (task = tasks.poll()))
            {
                task.cancel(false);
            }
        }
    }

    private static RuntimeException unwrap(final ExecutionException ex)
    {
        final Throwable cause = ex.getCause();
        if (cause instanceof RuntimeException)
        {
            return (RuntimeException)cause;
        }
        if (cause instanceof Error)
        {
            throw (Error)cause;
        }

        return new ShellFailure(String.valueOf(cause), cause);
    }
}
