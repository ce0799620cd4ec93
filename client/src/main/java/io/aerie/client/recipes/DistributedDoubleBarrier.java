package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A double barrier: {@code memberCount} processes {@link #enter(long, TimeUnit) enter} and none proceeds until all
 * have; at the end they {@link #leave(long, TimeUnit) leave} and none proceeds until all have. ZooKeeper's double
 * barrier recipe.
 *
 * <h2>How</h2>
 * Each member creates an ephemeral-sequential node {@code <path>/member-N} (the path created, persistent, if
 * missing), then reads {@code <path>/ready} with a one-time data watch and lists the members: the member that sees
 * {@code memberCount} of them creates {@code ready} (or, if an old one is there, writes it), which fires every
 * waiter's watch. A {@code ready} node counts for a member only if it was written after the member's node was created
 * (its mzxid is larger than the member's czxid), so a {@code ready} left by an earlier round never lets a member in
 * early. To leave, the oldest member waits for the youngest one's node to go, every other member deletes its node
 * and waits for the oldest one's; the oldest deletes its node, and {@code ready}, when it is alone. Each waiter
 * watches one node.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@link #enter} returns true only once {@code memberCount} members' nodes existed together (as one answer
 *   listed them), or once this member saw a {@code ready} written after it arrived. A member arriving once the
 *   barrier is full enters at once (it writes {@code ready} again).</li>
 *   <li>{@link #leave} returns true only once every member's node is gone: each member has left, or its session
 *   ended.</li>
 *   <li>Members are ephemeral: a member whose session ends stops counting. One that dies before the barrier is full
 *   leaves the others waiting for a replacement; one that dies after, lets the others leave.</li>
 *   <li>A timed-out {@link #enter} deletes this member's node (members that counted it may have entered already); a
 *   timed-out {@link #leave} deletes it too (others may still be inside). Reuse a barrier path for a new round only
 *   after every member of the previous one has left.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Call on the client's thread, outside client callbacks: both methods block, polling the client, at most their
 * timeout. One instance is one member; a client may hold several (on its thread).
 *
 * <h2>Session loss: what the caller must do</h2>
 * While the client is DISCONNECTED a member keeps waiting, and reads again once the session resumes; EVENTS_LOST
 * makes it read again. When the session expires or is closed, {@link #enter} and {@link #leave} throw SESSION_EXPIRED
 * and this member's node is gone: the others no longer count it. Connect a new client and make a new member to take
 * part again.
 */
public final class DistributedDoubleBarrier
{
    /** Name prefix of member nodes. */
    static final String PREFIX = "member-";
    /** Name of the node the last member to arrive creates. */
    static final String READY = "ready";

    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    private final AerieClient client;
    private final String barrierPath;
    private final String readyPath;
    private final String prefixPath;
    private final int memberCount;
    private final RecipeCall call;
    private final WatchSignal signal = new WatchSignal();
    private String ownPath;
    private String ownName;
    private long ownCzxid;

    /**
     * @param client      the client whose session the member's node lives in; polled by the blocking methods.
     * @param barrierPath the barrier's node (its children are the members and {@code ready}), created if missing.
     * @param memberCount how many members must enter before any proceeds; the same in every process.
     * @throws IllegalArgumentException if {@code memberCount < 1}.
     */
    public DistributedDoubleBarrier(final AerieClient client, final String barrierPath, final int memberCount)
    {
        if (memberCount < 1)
        {
            throw new IllegalArgumentException("memberCount must be >= 1: " + memberCount);
        }
        this.client = client;
        this.barrierPath = barrierPath;
        this.readyPath = RecipeSupport.child(barrierPath, READY);
        this.prefixPath = RecipeSupport.child(barrierPath, PREFIX);
        this.memberCount = memberCount;
        this.call = new RecipeCall(client);
    }

    /**
     * Enter: wait, polling the client, until {@code memberCount} members have entered or the timeout passes.
     *
     * @param timeout how long to wait, round trips included.
     * @param unit    unit of {@code timeout}.
     * @return true if the barrier is full; false if the timeout passed first (this member's node is then deleted).
     * @throws IllegalStateException if this member has entered and not left.
     * @throws AerieException        SESSION_EXPIRED if the session expired or was closed, NO_NODE if this member's
     *                               node was deleted by someone else, or the error of a failed request.
     */
    public boolean enter(final long timeout, final TimeUnit unit) throws AerieException
    {
        if (null != ownPath)
        {
            throw new IllegalStateException("already entered: " + ownPath);
        }
        RecipeSupport.requireSessionAlive(client);
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        final ResultCode created = call.create(prefixPath, null, CreateMode.EPHEMERAL_SEQUENTIAL, deadlineNs, true);
        if (null == created)
        {
            return false;
        }
        fail(created, prefixPath);
        ownPath = call.createdPath();
        ownName = ownPath.substring(barrierPath.length() + ("/".equals(barrierPath) ? 0 : 1));
        ownCzxid = call.stat().czxid();
        try
        {
            if (awaitFull(deadlineNs))
            {
                return true;
            }
            forget(true);
            return false;
        }
        catch (final AerieException ex)
        {
            forget(ResultCode.SESSION_EXPIRED != ex.code());
            throw ex;
        }
    }

    /**
     * Leave: delete this member's node and wait, polling the client, until every member's node is gone or the
     * timeout passes.
     *
     * @param timeout how long to wait, round trips included.
     * @param unit    unit of {@code timeout}.
     * @return true if every member has left; false if the timeout passed first (this member's node is deleted).
     * @throws IllegalStateException if this member has not entered.
     * @throws AerieException        SESSION_EXPIRED if the session expired or was closed, or the error of a failed
     *                               request.
     */
    public boolean leave(final long timeout, final TimeUnit unit) throws AerieException
    {
        if (null == ownPath)
        {
            throw new IllegalStateException("not entered");
        }
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        try
        {
            final boolean left = awaitAllGone(deadlineNs);
            forget(!left);
            return left;
        }
        catch (final AerieException ex)
        {
            forget(ResultCode.SESSION_EXPIRED != ex.code());
            throw ex;
        }
    }

    /**
     * @return path of this member's node while entered, else null.
     */
    public String nodePath()
    {
        return ownPath;
    }

    /**
     * @return the number of members the barrier waits for.
     */
    public int memberCount()
    {
        return memberCount;
    }

    private boolean awaitFull(final long deadlineNs) throws AerieException
    {
        while (true)
        {
            signal.reset();
            final ResultCode ready = call.await(client.existsAsync(readyPath, signal, call), readyPath, deadlineNs);
            if (null == ready)
            {
                return false;
            }
            if (ResultCode.OK == ready && call.stat().mzxid() > ownCzxid)
            {
                return true;
            }
            fail(ResultCode.NO_NODE == ready ? ResultCode.OK : ready, readyPath);
            final List<String> members = members(deadlineNs);
            if (null == members)
            {
                return false;
            }
            if (!members.contains(ownName))
            {
                throw AerieException.create(ResultCode.NO_NODE, ownPath);
            }
            if (members.size() >= memberCount)
            {
                return raiseReady(deadlineNs);
            }
            if (!call.awaitSignal(signal, readyPath, deadlineNs))
            {
                return false;
            }
        }
    }

    /**
     * Create {@code ready}, or write it if an earlier round left it: either wakes every waiter's watch.
     */
    private boolean raiseReady(final long deadlineNs) throws AerieException
    {
        ResultCode code = call.create(readyPath, null, CreateMode.PERSISTENT, deadlineNs, false);
        if (ResultCode.NODE_EXISTS == code)
        {
            code = call.await(client.setData(readyPath, EMPTY, 0, 0, -1, call), readyPath, deadlineNs);
            if (ResultCode.NO_NODE == code)
            {
                code = call.create(readyPath, null, CreateMode.PERSISTENT, deadlineNs, false);
            }
        }
        if (null == code)
        {
            return false;
        }
        fail(code, readyPath);
        return true;
    }

    private boolean awaitAllGone(final long deadlineNs) throws AerieException
    {
        boolean ownDeleted = false;
        while (true)
        {
            final List<String> members = members(deadlineNs);
            if (null == members)
            {
                return false;
            }
            if (members.isEmpty())
            {
                return true;
            }
            final int ownIndex = members.indexOf(ownName);
            ownDeleted |= ownIndex < 0;
            if (0 == ownIndex && 1 == members.size())
            {
                // The last one out: once its node is gone every member has left; ready goes too, for the next round.
                if (!deleteIgnoringAbsent(ownPath, deadlineNs))
                {
                    return false;
                }
                deleteIgnoringAbsent(readyPath, deadlineNs);
                return true;
            }
            final String awaited;
            if (0 == ownIndex)
            {
                awaited = members.get(members.size() - 1);
            }
            else
            {
                if (!ownDeleted)
                {
                    if (!deleteIgnoringAbsent(ownPath, deadlineNs))
                    {
                        return false;
                    }
                    ownDeleted = true;
                }
                awaited = members.get(0);
            }
            final String awaitedPath = RecipeSupport.child(barrierPath, awaited);
            signal.reset();
            final ResultCode code = call.await(client.getDataAsync(awaitedPath, signal, call), awaitedPath, deadlineNs);
            if (null == code || (ResultCode.OK == code && !call.awaitSignal(signal, awaitedPath, deadlineNs)))
            {
                return false;
            }
            fail(ResultCode.NO_NODE == code ? ResultCode.OK : code, awaitedPath);
        }
    }

    /**
     * @return the member nodes' names, oldest first (fixed-width sequence numbers: name order is creation order); an
     * empty list if the barrier's node is gone; null if the deadline passed first.
     */
    private List<String> members(final long deadlineNs) throws AerieException
    {
        final ResultCode code = call.await(client.getChildrenAsync(barrierPath, null, call), barrierPath, deadlineNs);
        if (null == code)
        {
            return null;
        }
        if (ResultCode.NO_NODE == code)
        {
            return List.of();
        }
        fail(code, barrierPath);
        return RecipeCall.sequentialNames(call.names(), PREFIX);
    }

    /**
     * @return true if answered (deleted, or absent already), false if the deadline passed first.
     */
    private boolean deleteIgnoringAbsent(final String path, final long deadlineNs) throws AerieException
    {
        final ResultCode code = call.await(client.delete(path, -1, call), path, deadlineNs);
        if (null != code && ResultCode.NO_NODE != code)
        {
            fail(code, path);
        }
        return null != code;
    }

    /**
     * Forget this member's node, deleting it (without waiting) if asked and the session is alive.
     */
    private void forget(final boolean delete)
    {
        if (delete && RecipeSupport.isSessionAlive(client))
        {
            client.delete(ownPath, -1, call);
        }
        ownPath = null;
        ownName = null;
        ownCzxid = 0;
    }

    private static void fail(final ResultCode code, final String path) throws AerieException
    {
        if (ResultCode.OK != code)
        {
            throw AerieException.create(code, path);
        }
    }
}
