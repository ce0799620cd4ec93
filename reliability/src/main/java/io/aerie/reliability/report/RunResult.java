package io.aerie.reliability.report;

import io.aerie.reliability.nemesis.Fault;

import java.util.List;
import java.util.Map;

/**
 * Everything a run found.
 *
 * @param title           what ran (nodes, network, nemeses, duration).
 * @param startedAt       wall clock at the start (ISO-8601).
 * @param loadStart       the 1-minute load average at the start.
 * @param loadEnd         the 1-minute load average at the end.
 * @param startNs         nanoTime at the start of the workloads.
 * @param endNs           nanoTime at their end.
 * @param settings        the run's settings, for the record.
 * @param workloads       each workload's outcome.
 * @param faults          every fault injected.
 * @param recoveriesMs    per fault kind, recovery time of each fault (ms, -1 where none was seen).
 * @param digests         per node, {count, zxid, digest} of its last DigestRequest after healing (null: none).
 * @param digestsEqual    true if every node reported the same digest at the same zxid.
 * @param unexpectedExits nodes that ended without being killed.
 * @param notRejoined     members that did not rejoin a stable term after the final healing (why), empty if all did.
 * @param expiry          the session-expiry-after-flood check, or null if not run.
 * @param quietElections  leader elections while no fault was in effect (between a fault's settling and the next).
 * @param quietMs         how long no fault was in effect, in all, ms.
 * @param notes           anything else worth a line.
 */
public record RunResult(
    String title,
    String startedAt,
    double loadStart,
    double loadEnd,
    long startNs,
    long endNs,
    Map<String, Object> settings,
    List<WorkloadResult> workloads,
    List<Fault> faults,
    Map<String, long[]> recoveriesMs,
    List<long[]> digests,
    boolean digestsEqual,
    List<String> unexpectedExits,
    List<String> notRejoined,
    ExpiryResult expiry,
    long quietElections,
    long quietMs,
    List<String> notes)
{
    /**
     * @return true if nothing went wrong: no anomaly, equal digests, no unexpected exit, every member rejoined,
     * sessions expired.
     */
    public boolean isValid()
    {
        return workloads.stream().allMatch(w -> w.anomalies().isEmpty()) && digestsEqual && unexpectedExits.isEmpty() &&
            notRejoined.isEmpty() &&
            (null == expiry || expiry.isValid());
    }
}
