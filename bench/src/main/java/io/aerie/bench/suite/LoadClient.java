package io.aerie.bench.suite;

/**
 * One client session of a {@link SystemUnderTest}, driven by the rig.
 * <p>
 * <b>Threads.</b> Every method is called by one thread, the rig's (not thread-safe). Asynchronous operations
 * complete through a {@link Completion}, called either
 * <ul>
 *     <li>on the rig's thread from inside {@link #poll()} (Aerie: the rig must keep polling), or</li>
 *     <li>on a thread of the client library (ZooKeeper: its event thread), in which case {@link #poll()} does
 *     nothing and {@link #completesOnPollingThread()} is false.</li>
 * </ul>
 * The rig therefore records from completions with thread-safe structures (HdrHistogram {@code Recorder},
 * atomics). Completions and {@link WatchListener}s must not call the blocking helpers; a completion may send the
 * next asynchronous operation itself (create+delete does), on its thread, while the rig's thread only waits: the
 * operations are then sent one at a time, each after the last completed. Operations use any
 * version (-1), the open ACL, and no watch unless stated.
 * <p>
 * <b>Allocation.</b> Implementations should not allocate per operation where the client library allows it
 * (Aerie: reuse handlers and buffers); the rig measures allocation on its own thread.
 */
public interface LoadClient extends AutoCloseable
{
    /** Create modes the workloads use. */
    enum Mode
    {
        /** A persistent node (ZooKeeper's PERSISTENT). */
        PERSISTENT,
        /** An ephemeral node with a sequence suffix (ZooKeeper's EPHEMERAL_SEQUENTIAL). */
        EPHEMERAL_SEQUENTIAL
    }

    /**
     * The outcome of one asynchronous operation. Called exactly once per operation accepted by the client,
     * unless the session is closed first; see the class comment for the calling thread.
     */
    @FunctionalInterface
    interface Completion
    {
        /**
         * @param token the caller's token given with the operation.
         * @param ok    true if the service answered success (OK); false for any error, including a lost
         *              connection or a timeout.
         */
        void onComplete(long token, boolean ok);

        /**
         * The outcome of a {@link LoadClient#create}: implementations of {@link LoadClient} call this one for
         * creates (and only for creates), so a rig may learn the created name (for a sequential node).
         *
         * @param createdPath the path created (with its sequence suffix), valid only during the call; null
         *                    when not ok.
         */
        default void onCreated(final long token, final boolean ok, final CharSequence createdPath)
        {
            onComplete(token, ok);
        }
    }

    /**
     * Told of a change to the data of a watched node. Called once per NODE_DATA_CHANGED event reaching this
     * listener (not for connection-state or other event types), on the thread described in the class comment.
     */
    @FunctionalInterface
    interface WatchListener
    {
        /** The watched node's data changed. */
        void onDataChanged();
    }

    /**
     * Send a create. The parent must exist.
     *
     * @param data bytes to store (the array must not change until completion; the rig reuses one array).
     */
    void create(String path, byte[] data, Mode mode, long token, Completion completion);

    /** Send a delete of any version. */
    void delete(String path, long token, Completion completion);

    /** Send a setData of any version (the array must not change until completion). */
    void setData(String path, byte[] data, long token, Completion completion);

    /** Send a getData, without a watch. */
    void getData(String path, long token, Completion completion);

    /**
     * Drive the client: send what is queued, receive answers and call completions and watch listeners on the
     * calling thread. A no-op returning 0 for clients with their own threads.
     *
     * @return the amount of work done (0 when idle), for an idle strategy.
     */
    int poll();

    /**
     * @return true if completions and watch listeners run inside {@link #poll()} on the rig's thread (so the
     * rig's thread allocation per op covers the whole client path), false if on a library thread.
     */
    boolean completesOnPollingThread();

    /**
     * Blocking: create a persistent node with this data unless it already exists (then leave it as it is).
     *
     * @throws Exception on any other error or a timeout.
     */
    void createIfAbsent(String path, byte[] data) throws Exception;

    /**
     * Blocking: delete a node (any version) if it exists; no children expected.
     *
     * @throws Exception on any other error or a timeout.
     */
    void deleteIfPresent(String path) throws Exception;

    /**
     * Blocking: register a persistent (non-recursive) watch on an existing node for this session, with this
     * listener; each call adds one more listener (as one more {@code Watcher} object in ZooKeeper, so one
     * change notifies every listener registered, whichever session holds it).
     *
     * @throws Exception on an error or a timeout.
     */
    void addPersistentWatch(String path, WatchListener listener) throws Exception;

    /** Close the session (its ephemerals and watches go with it). Never throws. */
    @Override
    void close();
}
