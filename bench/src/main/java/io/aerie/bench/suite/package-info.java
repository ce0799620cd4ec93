/**
 * The benchmark suite: the same workloads against Aerie, the raw Aeron Cluster echo floor and Apache ZooKeeper,
 * each a {@link io.aerie.bench.suite.SystemUnderTest} whose servers run in child processes
 * ({@link io.aerie.bench.suite.ChildJvm}) and whose sessions ({@link io.aerie.bench.suite.LoadClient}) are driven
 * by an HdrHistogram rig ({@link io.aerie.bench.suite.Rig}); {@link io.aerie.bench.suite.BenchmarkSuite} runs them
 * and writes {@code bench/results/}. {@link io.aerie.bench.suite.FailoverRounds} is a named rig over the same
 * pieces: the failover workload, many rounds, Aerie beside ZooKeeper; {@link io.aerie.bench.suite.ElectionTimeline}
 * prints the nodes' election steps beside it, so where a failover's time goes is shown.
 */
package io.aerie.bench.suite;
