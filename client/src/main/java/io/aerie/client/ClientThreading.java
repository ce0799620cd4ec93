package io.aerie.client;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.ByteBuffer;

/**
 * Who may drive a client's conductor, as Aeron's client does it.
 * <p>
 * Default mode: a conductor thread ({@link ClientConductorAgent} under an {@link AgentRunner}) owns the conductor;
 * calls from any other thread are handed to it through {@link ConductorCommands}, and calls from the conductor
 * thread itself (from inside a callback) drive it directly. Invoker mode: the thread that connected owns the
 * conductor and drives it with {@code poll()}; a call from any other thread is refused with an
 * {@link IllegalStateException} before it touches any state.
 */
final class ClientThreading
{
    private final boolean invoker;
    private final AtomicCounter errorCounter = new AtomicCounter(new UnsafeBuffer(ByteBuffer.allocateDirect(64)), 0);
    private volatile Thread owner;
    private volatile boolean closed;
    private AgentRunner runner;

    ClientThreading(final boolean invoker)
    {
        this.invoker = invoker;
        this.owner = Thread.currentThread();
    }

    boolean isInvoker()
    {
        return invoker;
    }

    /**
     * @return true if the calling thread owns the conductor and drives it directly; false if it must hand its
     * request to the conductor thread (default mode only).
     * @throws IllegalStateException in invoker mode, called from a thread other than the one that connected.
     */
    boolean isDirect()
    {
        final Thread current = Thread.currentThread();
        if (current == owner)
        {
            return true;
        }
        if (invoker)
        {
            throw new IllegalStateException("AerieClient in invoker mode is driven by the thread that connected (" +
                owner.getName() + "); called from " + current.getName());
        }
        return false;
    }

    /**
     * Start the conductor thread; from here on calls are handed to it until it has started and owns the conductor.
     */
    void start(final ClientConductorAgent agent, final IdleStrategy idleStrategy, final ErrorHandler errorHandler)
    {
        owner = null;
        runner = new AgentRunner(idleStrategy, errorHandler, errorCounter, agent);
        AgentRunner.startOnThread(runner);
    }

    void conductorThread(final Thread thread)
    {
        owner = thread;
    }

    /**
     * Stop the conductor thread, if any, waiting for it to end, and make the caller the conductor's owner so it can
     * close the session itself. Calls made from other threads after this fail with {@link IllegalStateException}.
     */
    void stop()
    {
        closed = true;
        if (null != runner)
        {
            CloseHelper.close(runner);
            owner = Thread.currentThread();
        }
    }

    boolean isClosed()
    {
        return closed;
    }

    /**
     * @return errors the conductor thread caught (a callback that threw, an unexpected failure), since connect.
     */
    long errorCount()
    {
        return errorCounter.get();
    }
}
