package io.aerie.reliability.workload;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.reliability.checker.Anomaly;
import io.aerie.reliability.history.History;
import io.aerie.reliability.history.Outcome;

import java.util.List;

/**
 * One workload: its znodes, the operation a process invokes, and its check.
 */
public interface Workload
{
    /**
     * @return the workload's name, for reports.
     */
    String name();

    /**
     * @return the history its processes record.
     */
    History history();

    /**
     * Create the workload's znodes; before any process runs.
     *
     * @param client a connected client.
     * @throws AerieException if the cluster refuses.
     */
    void setUp(AerieClient client) throws AerieException;

    /**
     * Invoke one operation and record it. Called by the process's own thread.
     *
     * @param client  the process's client.
     * @param process the logical process.
     * @return the operation's outcome; INFO makes the caller replace the process.
     */
    Outcome invoke(AerieClient client, int process);

    /**
     * A process is being replaced or stopped: drop what it held (for example an election latch). Default: nothing.
     *
     * @param process the logical process.
     */
    default void retire(final int process)
    {
    }

    /**
     * Read the final state (after healing) and check the history against it.
     *
     * @param client a connected client.
     * @return the anomalies, empty if none.
     * @throws AerieException if the final state cannot be read.
     */
    List<Anomaly> check(AerieClient client) throws AerieException;

    /**
     * @return a line of workload-specific facts for the report (terms, keys, final value...).
     */
    String summary();
}
