/**
 * Benchmarks of Aerie, one generation: JMH micro-benchmarks in sub-packages that mirror what they measure
 * ({@code io.aerie.bench.tree} for {@code io.aerie.engine.tree}), and {@link io.aerie.bench.BenchmarkMain}, the
 * shared launcher behind each benchmark's {@code main()}; the benchmark suite ({@code io.aerie.bench.suite},
 * {@code bench/bin/suite}), whose workloads measure the end-to-end figures against Aerie, ZooKeeper and the echo
 * floor, the recipes' included ({@code --workloads election,lock}); and named rigs over the suite's targets and child
 * JVMs, which start no clusters of their own: {@link io.aerie.bench.suite.FailoverRounds} (the suite's failover
 * workload, many rounds) and {@link io.aerie.bench.restart.ClusterRestartTime} (on the suite's node processes).
 * Apart from these, the restart rig ({@code io.aerie.bench.restart}), the client's own rigs
 * ({@code io.aerie.bench.client}: threading modes and local reads, on a cluster in the rig's JVM), the gateway's
 * and the ingress fuzzer ({@code io.aerie.bench.fuzz}).
 */
package io.aerie.bench;
