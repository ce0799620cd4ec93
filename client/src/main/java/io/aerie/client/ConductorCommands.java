package io.aerie.client;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.function.Consumer;

/**
 * Hands requests from any number of application threads to the one conductor thread, without locks and, in
 * steady state, without allocation.
 * <p>
 * Why a queue of pooled command objects rather than a ring buffer of encoded bytes: a request carries object
 * references as well as bytes (its {@link ResponseHandler}, the {@link Watcher} a read sets), which a byte ring
 * cannot hold without a side table. A {@link ManyToOneConcurrentArrayQueue} keeps each producer's order (one
 * thread's asynchronous requests reach the cluster in the order it made them), and the commands come back to a
 * {@link ManyToManyConcurrentArrayQueue} free list after the conductor applied them, so a command is allocated
 * only when more are in the air than ever before.
 */
final class ConductorCommands
{
    static final int CAPACITY = 4096;

    private final ManyToOneConcurrentArrayQueue<RequestCommand> queue = new ManyToOneConcurrentArrayQueue<>(CAPACITY);
    private final ManyToManyConcurrentArrayQueue<RequestCommand> pool = new ManyToManyConcurrentArrayQueue<>(CAPACITY);
    private final Consumer<RequestCommand> applier;
    private final ClientConductor conductor;

    ConductorCommands(final ClientConductor conductor)
    {
        this.conductor = conductor;
        this.applier = this::apply;
    }

    /**
     * @return a cleared command, from the pool when there is one.
     */
    RequestCommand acquire()
    {
        final RequestCommand command = pool.poll();
        return null == command ? new RequestCommand() : command;
    }

    /**
     * Hand a command to the conductor. Returns at once unless {@link #CAPACITY} commands are already waiting for
     * the conductor: then the caller idles until there is room, or the client closes.
     *
     * @throws IllegalStateException if the client closed before the command could be handed over.
     */
    void submit(final RequestCommand command, final IdleStrategy idleStrategy, final ClientThreading threading)
    {
        if (!queue.offer(command))
        {
            idleStrategy.reset();
            while (!queue.offer(command))
            {
                if (threading.isClosed())
                {
                    throw new IllegalStateException("the client is closed");
                }
                idleStrategy.idle();
            }
        }
    }

    /**
     * Apply every command waiting, in the order each thread made them; on the conductor thread.
     *
     * @return number applied.
     */
    int drain()
    {
        return queue.isEmpty() ? 0 : queue.drain(applier);
    }

    private void apply(final RequestCommand command)
    {
        try
        {
            command.applyTo(conductor);
        }
        finally
        {
            command.clear();
            pool.offer(command);
        }
    }
}
