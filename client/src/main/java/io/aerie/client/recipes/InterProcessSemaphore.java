package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore across processes: at most {@code maxLeases} {@link Lease}s held at once on a path.
 *
 * <h2>How</h2>
 * Curator's lease recipe on two children of the path (created, persistent, if missing): {@code locks}, an
 * {@link InterProcessMutex} that lets one acquirer at a time in, and {@code leases}, whose ephemeral-sequential
 * {@code lease-N} children are the permits. Holding the mutex, an acquirer creates its lease node and waits,
 * with a child watch on {@code leases}, until its node is among the {@code maxLeases} oldest; then it releases the
 * mutex. Only the one acquirer inside the mutex watches the leases (no herd effect); the others wait in the
 * mutex's queue, each watching its predecessor. A lease, once admitted, stays among the oldest (new ones are
 * younger), so at most {@code maxLeases} are ever held. Every process must use the same {@code maxLeases} for a
 * path.
 *
 * <h2>Threading</h2>
 * Call on the client's thread. {@link #acquire(long, TimeUnit)} polls the client until done and must not be called
 * from a client callback; leases are closed without blocking.
 *
 * <h2>Session loss: what the caller must do</h2>
 * On DISCONNECTED a lease is not {@link Lease#isValid() valid} until the connection is back with the session and
 * the node confirmed; the holder must not use the permit meanwhile. When the session ends, its leases are gone
 * (invalid for good, closing them does nothing) and acquires throw SESSION_EXPIRED: connect a new client and make
 * a new semaphore on it.
 */
public final class InterProcessSemaphore
{
    /** Name prefix of lease nodes. */
    static final String PREFIX = "lease-";

    private final AerieClient client;
    private final String leasesPath;
    private final int maxLeases;
    private final InterProcessMutex gate;
    private final QueuePolicy policy;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);

    /**
     * @param client    the client whose session the lease nodes live in.
     * @param path      the semaphore's node, created if missing.
     * @param maxLeases permits; the same in every process using the path.
     * @throws IllegalArgumentException if {@code maxLeases < 1}.
     */
    public InterProcessSemaphore(final AerieClient client, final String path, final int maxLeases)
    {
        if (maxLeases < 1)
        {
            throw new IllegalArgumentException("maxLeases must be >= 1: " + maxLeases);
        }
        this.client = client;
        this.maxLeases = maxLeases;
        this.leasesPath = RecipeSupport.child(path, "leases");
        this.gate = new InterProcessMutex(client, RecipeSupport.child(path, "locks"));
        this.policy = new QueuePolicy.LeasePolicy(maxLeases);
    }

    /**
     * Acquire one permit, waiting at most the timeout, polling the client meanwhile.
     *
     * @param timeout how long to wait.
     * @param unit    unit of {@code timeout}.
     * @return the lease, to be closed when done; null if the timeout passed first (nothing is held then).
     * @throws AerieException SESSION_EXPIRED if the session has ended, or the error of a failed request.
     */
    public Lease acquire(final long timeout, final TimeUnit unit) throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        if (!gate.acquire(timeout, unit))
        {
            return null;
        }
        try
        {
            return awaitLease(deadlineNs);
        }
        finally
        {
            gate.release();
        }
    }

    /**
     * @return the number of permits.
     */
    public int maxLeases()
    {
        return maxLeases;
    }

    private Lease awaitLease(final long deadlineNs) throws AerieException
    {
        final SequentialNode node = new SequentialNode(
            client, leasesPath, PREFIX, policy, new QueueSnapshot(PREFIX), QueueListener.NO_OP);
        final Lease lease = new Lease(node);
        node.enter(null);
        idleStrategy.reset();
        while (true)
        {
            final int nodeState = node.state();
            if (SequentialNode.READY == nodeState)
            {
                return lease;
            }
            if (SequentialNode.GONE == nodeState)
            {
                final ResultCode code = node.failure();
                lease.close();
                throw AerieException.create(null == code ? ResultCode.SESSION_EXPIRED : code, leasesPath);
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                lease.close();
                return null;
            }
            idleStrategy.idle(client.poll());
        }
    }
}
