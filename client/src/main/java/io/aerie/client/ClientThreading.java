package io.aerie.client;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who may drive a client's conductor, as Aeron's client does it.
 * <p>
 * Default mode: a conductor thread ({@link ClientConductorAgent} under an {@link AgentRunner}) owns the conductor;
 * calls from any other thread are handed to it through {@link ConductorCommands}, and calls from the conductor
 * thread itself (from inside a callback) drive it directly. Invoker mode: a thread owns the conductor for the length
 * of each call it makes ({@code poll()}, a blocking call with the callbacks run inside it, an asynchronous call); a
 * call from another thread meanwhile is refused with an {@link IllegalStateException} before it touches any state.
 * Between calls the client may pass from thread to thread (made on one thread, handed to a worker), as long as the
 * hand-over itself orders memory (a thread start, a queue, a join).
 */
final class ClientThreading
{
    private final boolean invoker;
    private final AtomicCounter errorCounter = new AtomicCounter(new UnsafeBuffer(ByteBuffer.allocateDirect(64)), 0);
    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private volatile boolean closed;
    private int depth;
    private AgentRunner runner;

    ClientThreading(final boolean invoker)
    {
        this.invoker = invoker;
        this.owner.set(Thread.currentThread());
    }

    boolean isInvoker()
    {
        return invoker;
    }

    /**
     * Enter a call: say whether the calling thread drives the conductor itself. In invoker mode the caller then owns
     * the client until the matching {@link #exit(boolean)}; calls nest (a callback calling the client).
     *
     * @return true if the calling thread drives the conductor directly; false if it must hand its request to the
     * conductor thread (default mode only).
     * @throws IllegalStateException in invoker mode, while another thread is inside a call.
     */
    boolean isDirect()
    {
        final Thread current = Thread.currentThread();
        final Thread owningThread = owner.get();
        if (current == owningThread)
        {
            depth++;
            return true;
        }
        if (invoker)
        {
            if (null == owningThread && owner.compareAndSet(null, current))
            {
                depth = 1;
                return true;
            }
            throw new IllegalStateException("AerieClient in invoker mode is in use by thread " +
                String.valueOf(owner.get()) + "; called from " + current.getName() +
                ": an invoker-mode client is driven by one thread at a time");
        }
        return false;
    }

    /**
     * Leave a call entered with {@link #isDirect()}; in invoker mode the outermost one frees the client for the next
     * thread.
     */
    void exit(final boolean direct)
    {
        if (direct && invoker && 0 == --depth && !closed)
        {
            owner.set(null);
        }
    }

    /**
     * Start the conductor thread; from here on calls are handed to it until it has started and owns the conductor.
     */
    void start(final ClientConductorAgent agent, final IdleStrategy idleStrategy, final ErrorHandler errorHandler)
    {
        owner.set(null);
        runner = new AgentRunner(idleStrategy, errorHandler, errorCounter, agent);
        AgentRunner.startOnThread(runner);
    }

    void conductorThread(final Thread thread)
    {
        owner.set(thread);
    }

    /**
     * Invoker mode, once connected: free for the next thread to call (the connecting thread may hand it to a worker).
     */
    void connected()
    {
        depth = 0;
        owner.set(null);
    }

    /**
     * Stop the conductor thread, if any, waiting for it to end, and make the caller the conductor's owner so it can
     * close the session itself. Calls made from other threads after this fail with {@link IllegalStateException}.
     *
     * @throws IllegalStateException if called on the conductor thread (from a callback): it cannot wait for itself;
     *                               in invoker mode, while another thread is inside a call.
     */
    void stop()
    {
        if (null != runner && Thread.currentThread() == runner.thread())
        {
            throw new IllegalStateException("close the client from an application thread, not from its callbacks");
        }
        if (invoker)
        {
            isDirect();
        }
        closed = true;
        if (null != runner)
        {
            CloseHelper.close(runner);
        }
        owner.set(Thread.currentThread());
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
