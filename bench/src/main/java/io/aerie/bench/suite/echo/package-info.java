/**
 * The floor: the engine's trivial echo {@link io.aeron.cluster.service.ClusteredService} (a test fixture) run exactly
 * as Aerie runs (same node processes, idle strategies, channels and term lengths), whose round trip Aerie's write
 * latency is compared to.
 */
package io.aerie.bench.suite.echo;
