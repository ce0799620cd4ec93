/**
 * Rigs on real clusters that the benchmark suite ({@code io.aerie.bench.suite}) does not run: a whole cluster's
 * restart time ({@link io.aerie.bench.latency.ClusterRestartTime}) and many rounds of the suite's own failover
 * workload, Aerie beside ZooKeeper ({@link io.aerie.bench.latency.FailoverRounds}), with the nodes' election steps
 * printed as they happen beside it ({@link io.aerie.bench.latency.ElectionTimeline}). Round trips, watch fan-out and
 * single failovers are the suite's workloads.
 */
package io.aerie.bench.latency;
