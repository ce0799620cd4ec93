package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * A mutual exclusion lock across processes, reentrant per instance: ZooKeeper's lock recipe.
 *
 * <h2>How</h2>
 * An acquire creates an ephemeral-sequential node {@code <path>/lock-N} (the path created, persistent, if
 * missing); the instance with the oldest node holds the lock; every other waits on the node just older than its
 * own only (a one-time data watch: one release wakes one waiter, no herd effect) and reads the children again
 * when it goes. Waiters are served in the order they queued. Release deletes the node.
 *
 * <h2>Guarantees</h2>
 * At most one instance holds the lock at a time in the cluster's order; an instance claims it only on a fresh
 * answer showing its node first, with its client connected. Like every lease on a session, a holder whose
 * process pauses, or whose client has not yet noticed a lost session, may believe it holds the lock after it lost
 * it: fence the protected resource with {@link #fencingToken()} (see {@link InterProcessLock}).
 *
 * <h2>Threading</h2>
 * Everything happens on the client's thread: the queue's progress is made in client callbacks, from
 * {@link AerieClient#poll()} or any blocking call; {@link #acquire(long, TimeUnit)} polls the client until done and
 * must not be called from a callback. Different instances may share a client (on its thread).
 *
 * <h2>Session loss: what the caller must do</h2>
 * On DISCONNECTED {@link #isHeld()} is false until the connection is back with the session and the node confirmed
 * first: the holder must not act on the protected resource meanwhile. If the session expires or is closed the lock
 * is lost ({@link #holdCount()} 0, release a no-op) and every later acquire throws SESSION_EXPIRED: connect a new
 * client and make a new lock instance on it.
 */
public final class InterProcessMutex implements InterProcessLock
{
    /** Name prefix of the lock nodes. */
    static final String PREFIX = "lock-";

    private final AerieClient client;
    private final SequentialNode node;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private int holdCount;

    /**
     * @param client   the client whose session the lock nodes live in.
     * @param lockPath the lock's node (its children are the holder and the waiters), created if missing.
     */
    public InterProcessMutex(final AerieClient client, final String lockPath)
    {
        this(client, lockPath, PREFIX, QueuePolicy.OLDEST, new QueueSnapshot(PREFIX));
    }

    /**
     * A lock whose nodes share the queue with other kinds (the read-write lock).
     */
    InterProcessMutex(
        final AerieClient client,
        final String lockPath,
        final String prefix,
        final QueuePolicy policy,
        final QueueSnapshot queue)
    {
        this.client = client;
        this.node = new SequentialNode(client, lockPath, prefix, policy, queue, new NodeEvents());
    }

    @Override
    public boolean acquire(final long timeout, final TimeUnit unit) throws AerieException
    {
        if (holdCount > 0 && node.isReady())
        {
            holdCount++;
            return true;
        }
        RecipeSupport.requireSessionAlive(client);
        if (!node.isInQueue())
        {
            node.enter(null);
        }
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        idleStrategy.reset();
        while (true)
        {
            final int nodeState = node.state();
            if (SequentialNode.READY == nodeState)
            {
                holdCount++;
                return true;
            }
            if (SequentialNode.GONE == nodeState)
            {
                if (QueueListener.NODE_DELETED != node.goneCause())
                {
                    final ResultCode code = node.failure();
                    final String path = node.path();
                    node.leave();
                    throw AerieException.create(null == code ? ResultCode.SESSION_EXPIRED : code, path);
                }
                node.enter(null); // a waiting node deleted by someone else: queue again
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                if (0 == holdCount)
                {
                    node.leave();
                }
                return false;
            }
            idleStrategy.idle(client.poll());
        }
    }

    @Override
    public void release()
    {
        if (holdCount > 0 && 0 == --holdCount)
        {
            node.leave();
        }
    }

    @Override
    public boolean isHeld()
    {
        return holdCount > 0 && node.isReady();
    }

    @Override
    public int holdCount()
    {
        return holdCount;
    }

    @Override
    public long fencingToken()
    {
        return isHeld() ? node.czxid() : NO_TOKEN;
    }

    @Override
    public String nodePath()
    {
        return node.isInQueue() ? node.path() : null;
    }

    /**
     * @return sequence number of this instance's node while queued or held, else -1.
     */
    long sequence()
    {
        return node.isInQueue() ? node.sequence() : -1;
    }

    /**
     * The lock node's progress: only a loss needs handling here, the rest is read by {@link #acquire}.
     */
    private final class NodeEvents implements QueueListener
    {
        @Override
        public void onReady(final SequentialNode readyNode)
        {
        }

        @Override
        public void onSuspended(final SequentialNode suspendedNode)
        {
        }

        @Override
        public void onGone(final SequentialNode goneNode, final int cause)
        {
            holdCount = 0;
        }
    }
}
