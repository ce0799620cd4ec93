/**
 * The suite's workloads, each runnable against any {@link io.aerie.bench.suite.SystemUnderTest}: write latency
 * (closed loop, fixed rates), create+delete of ephemeral-sequential nodes, read latency, pipelined throughput, watch
 * fan-out, failover, and the JMH allocation run.
 */
package io.aerie.bench.suite.workload;
