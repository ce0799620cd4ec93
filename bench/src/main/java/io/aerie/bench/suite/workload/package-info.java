/**
 * The suite's workloads, each runnable against any {@link io.aerie.bench.suite.SystemUnderTest}: write latency
 * (closed loop, fixed rates), create+delete of ephemeral-sequential nodes, read latency, pipelined throughput, watch
 * fan-out, failover, and the JMH allocation run; and, run only when named, the recipes' (Aerie alone): the lock's
 * round trip ({@code lock}) and the election's hand-over after the leader's process dies ({@code election}).
 */
package io.aerie.bench.suite.workload;
