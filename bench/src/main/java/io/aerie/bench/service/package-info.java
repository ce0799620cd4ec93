/**
 * Benchmarks of the clustered service's apply path: encoded requests handed to the service as Aeron
 * Cluster would, without the cluster, to measure its cost and its allocation per request.
 */
package io.aerie.bench.service;
