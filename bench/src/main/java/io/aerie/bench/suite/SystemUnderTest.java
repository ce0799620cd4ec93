package io.aerie.bench.suite;

import java.nio.file.Path;

/**
 * A coordination service the suite measures: Aerie, the Aeron Cluster echo floor, or Apache ZooKeeper. The
 * servers run in their own processes (child JVMs); clients from {@link #connect()} run in the rig's JVM.
 * <p>
 * Lifecycle, all on the rig's thread: construct (cheap, no processes) → {@link #start(long)} → any number of
 * {@link #connect()} and at most one {@link #killLeader()} → {@link #close()}. An instance is started once.
 */
public interface SystemUnderTest extends AutoCloseable
{
    /**
     * @return the short label used in tables and JSON, e.g. {@code "aerie-3"}, {@code "zk-ensemble-fsync"}.
     */
    String name();

    /**
     * @return the configuration recorded with the results: number of processes, idle strategies, fsync, JVM
     * flags, heap, ports; one line or a few, human readable. Valid before {@link #start(long)}.
     */
    String description();

    /**
     * The znode every workload's nodes live under; {@link #start(long)} creates it.
     */
    String BENCH_ROOT = "/bench";

    /**
     * Start the servers, each in its own process, and return once the service accepts writes (a leader is
     * elected and a write from a fresh session succeeded, or an equivalent readiness check) and
     * {@link #BENCH_ROOT} exists.
     *
     * @param deadlineNs {@link System#nanoTime()} by which it must be ready.
     * @throws Exception if it is not ready by the deadline or a process failed; the caller then calls
     *                   {@link #close()}.
     */
    void start(long deadlineNs) throws Exception;

    /**
     * Open a new client session to the service (to the leader where that matters for writes).
     *
     * @return a connected client, owned by the caller, who closes it.
     * @throws Exception if no session could be established within the implementation's timeout.
     */
    LoadClient connect() throws Exception;

    /**
     * Kill the current leader's process with SIGKILL ({@code kill -9}, {@link ProcessHandle#destroyForcibly()})
     * and return at once, without waiting for a new leader.
     *
     * @return true if a leader process was killed; false if the target has no separate leader to kill (a
     * single node or a standalone server), in which case nothing happened.
     * @throws Exception if the leader could not be identified.
     */
    boolean killLeader() throws Exception;

    /**
     * Keep what may explain a failure, before {@link #close()} deletes the target's directories: copy into
     * {@code dir} the servers' logs and whatever the servers can still tell (error logs, counters, thread dumps of
     * live processes). Called on the rig thread, after a workload of this target failed, while its processes are
     * in the state that failed; best effort.
     *
     * @param dir an existing, empty directory for this target's files.
     * @return what was kept, for the results' notes; null if this target keeps nothing (the default).
     */
    default String keepEvidence(final Path dir)
    {
        return null;
    }

    /**
     * Kill every process this target started (forcibly if they do not stop quickly), wait for them to end, and
     * delete their directories. Idempotent; never throws.
     */
    @Override
    void close();
}
