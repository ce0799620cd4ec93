package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;

import java.util.concurrent.TimeUnit;

/**
 * A barrier: while its node exists, processes that {@link #waitOnBarrier(long, TimeUnit) wait on it} are held; when
 * it is removed, they all go. ZooKeeper's barrier recipe.
 *
 * <h2>How</h2>
 * The barrier is a persistent node: {@link #setBarrier()} creates it (and missing ancestors), {@link #removeBarrier()}
 * deletes it. A waiter reads it with getData and a one-time data watch (so no watch is left behind when the barrier
 * is already down), waits for the watch to fire, and reads again.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@link #waitOnBarrier} returns true only on a fresh answer showing the node absent, and false only when its
 *   timeout has passed: a barrier set and removed while a waiter is held releases it (it reads again on every
 *   event).</li>
 *   <li>The node is persistent: the barrier outlives the session of the process that set it. A setter that dies
 *   leaves its barrier up until some process removes it.</li>
 *   <li>Every waiter is woken by a removal (herd effect: each reads once more). That is the nature of a barrier.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Call on the client's thread, outside client callbacks: every method blocks, polling the client. {@link
 * #setBarrier()} and {@link #removeBarrier()} wait at most the client's request timeout (then OPERATION_TIMEOUT, the
 * outcome unknown); {@link #waitOnBarrier} its own timeout.
 *
 * <h2>Session loss: what the caller must do</h2>
 * While the client is DISCONNECTED a waiter keeps waiting (it reads again, and that read is answered once the
 * session resumes); EVENTS_LOST makes it read again. When the session expires or is closed, every method throws
 * SESSION_EXPIRED: connect a new client and make a new barrier instance on it. The barrier itself is unaffected.
 */
public final class DistributedBarrier
{
    private final AerieClient client;
    private final String barrierPath;
    private final RecipeCall call;
    private final WatchSignal signal = new WatchSignal();

    /**
     * @param client      the client to use; polled by the blocking methods.
     * @param barrierPath the barrier's node.
     */
    public DistributedBarrier(final AerieClient client, final String barrierPath)
    {
        this.client = client;
        this.barrierPath = barrierPath;
        this.call = new RecipeCall(client);
    }

    /**
     * Raise the barrier: create its node (persistent, empty), and its missing ancestors. Idempotent: a barrier
     * already up stays up.
     *
     * @throws AerieException SESSION_EXPIRED if the session has ended, OPERATION_TIMEOUT if no answer came within the
     *                        client's request timeout (the barrier may or may not be up), or another error.
     */
    public void setBarrier() throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        try
        {
            RecipeCall.createWithParents(client, barrierPath, null, CreateMode.PERSISTENT);
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NODE_EXISTS != ex.code())
            {
                throw ex;
            }
        }
    }

    /**
     * Lower the barrier: delete its node, releasing every waiter. Idempotent: a barrier already down stays down.
     *
     * @throws AerieException SESSION_EXPIRED if the session has ended, NOT_EMPTY if someone created children under
     *                        the barrier's node, OPERATION_TIMEOUT if no answer came within the client's request
     *                        timeout (the barrier may or may not be down), or another error.
     */
    public void removeBarrier() throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        try
        {
            client.delete(barrierPath, -1);
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE != ex.code())
            {
                throw ex;
            }
        }
    }

    /**
     * @return true if the barrier is up (its node exists), as of a fresh read.
     * @throws AerieException SESSION_EXPIRED if the session has ended, OPERATION_TIMEOUT, or another error.
     */
    public boolean isSet() throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        return null != client.exists(barrierPath);
    }

    /**
     * Wait, polling the client, until the barrier is down or the timeout passes.
     *
     * @param timeout how long to wait, the reads' round trips included.
     * @param unit    unit of {@code timeout}.
     * @return true if the barrier is down (its node absent on a fresh read), false if the timeout passed first.
     * @throws AerieException SESSION_EXPIRED if the session expired or was closed, or the error of a failed read (for
     *                        example NO_AUTH).
     */
    public boolean waitOnBarrier(final long timeout, final TimeUnit unit) throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        while (true)
        {
            signal.reset();
            final ResultCode code = call.await(client.getDataAsync(barrierPath, signal, call), barrierPath, deadlineNs);
            if (null == code)
            {
                return false;
            }
            if (ResultCode.NO_NODE == code)
            {
                return true;
            }
            if (ResultCode.OK != code)
            {
                throw AerieException.create(code, barrierPath);
            }
            if (!call.awaitSignal(signal, barrierPath, deadlineNs))
            {
                return false;
            }
        }
    }

    /**
     * @return the barrier's node path.
     */
    public String path()
    {
        return barrierPath;
    }
}
