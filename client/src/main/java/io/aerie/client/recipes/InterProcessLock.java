package io.aerie.client.recipes;

import io.aerie.client.AerieException;

import java.util.concurrent.TimeUnit;

/**
 * A lock shared by processes through an Aerie cluster: {@link InterProcessMutex}, and the two halves of an
 * {@link InterProcessReadWriteLock}.
 * <p>
 * Reentrant per lock instance: the client is single-threaded, so the holder is the instance, not a thread. An
 * instance that holds the lock may acquire it again (a count); it is released when {@link #release()} has been
 * called as many times. Two instances on the same path are two holders, even on the same client.
 * <p>
 * Call every method on the client's thread. {@link #acquire(long, TimeUnit)} polls the client and must not be
 * called from a client callback; the others never block.
 * <p>
 * A held lock is only as good as the session behind it. While the connection is lost {@link #isHeld()} is false
 * (the node may be gone); it turns true again if the connection comes back with the session and the node is
 * still first. If the session ends, the lock is lost: {@link #holdCount()} drops to 0 and {@link #release()}
 * does nothing. Check {@link #isHeld()} after each blocking call inside the critical section, and fence the
 * protected resource with {@link #fencingToken()} (or, inside Aerie, a {@code multi} that checks
 * {@link #nodePath()} still exists), as {@link LeaderLatch} describes for leaders.
 */
public interface InterProcessLock
{
    /** {@link #fencingToken()} when the lock is not held. */
    long NO_TOKEN = -1;

    /**
     * Acquire the lock, waiting at most the timeout, polling the client meanwhile. An instance that holds the
     * lock gets it again at once (count + 1); one whose hold is suspended by a lost connection waits for it to be
     * confirmed. On timeout a first acquire leaves the queue (its node deleted) and nothing is held.
     *
     * @param timeout how long to wait; a first acquire needs a few round trips to the cluster even when the lock
     *                is free.
     * @param unit    unit of {@code timeout}.
     * @return true if acquired, false if the timeout passed first.
     * @throws AerieException SESSION_EXPIRED if the session has ended (then nothing is held), or the error of a
     *                        failed request (for example NO_AUTH).
     */
    boolean acquire(long timeout, TimeUnit unit) throws AerieException;

    /**
     * Release one hold; at the last one, delete the lock node without waiting. Never blocks, never throws:
     * idempotent (nothing happens when nothing is held, including after the lock was lost with the session) and
     * safe while disconnected (the delete goes out when the session resumes; if it ends instead, the ephemeral
     * node goes with it).
     */
    void release();

    /**
     * @return true if this instance holds the lock and its node is known to be first, with the client connected.
     */
    boolean isHeld();

    /**
     * @return number of acquires not yet released (0 after the lock was lost).
     */
    int holdCount();

    /**
     * @return the czxid of the lock node while {@link #isHeld()}, else {@link #NO_TOKEN}: larger for every later
     * holder of this lock path, so a resource that keeps the largest token it has seen can refuse a late action of
     * a holder that has lost the lock.
     */
    long fencingToken();

    /**
     * @return path of this instance's lock node while it is queued or held, else null.
     */
    String nodePath();
}
