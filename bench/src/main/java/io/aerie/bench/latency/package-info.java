/**
 * End-to-end latency measured against a real cluster with HdrHistogram: the client's view of a round trip
 * through ingress, the replicated log, the service and egress.
 */
package io.aerie.bench.latency;
