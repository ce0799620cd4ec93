package io.aerie.reliability.report;

import io.aerie.reliability.checker.Anomaly;

import java.util.List;

/**
 * One workload's outcome.
 *
 * @param name      the workload.
 * @param ops       operations recorded.
 * @param ok        acknowledged.
 * @param fail      certainly not applied.
 * @param info      indeterminate.
 * @param summary   workload-specific facts.
 * @param anomalies what its checker found.
 */
public record WorkloadResult(String name, long ops, long ok, long fail, long info, String summary, List<Anomaly> anomalies)
{
}
