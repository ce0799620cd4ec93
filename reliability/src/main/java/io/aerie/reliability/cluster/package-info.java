/**
 * The system under test as real processes: three Aerie node JVMs ({@link io.aerie.reliability.cluster.NodeCluster}),
 * on loopback or each in its own network namespace with its own address
 * ({@link io.aerie.reliability.cluster.NetworkNamespaces}), read from outside through their CnC counters, and the
 * faults done to them: kill -9, SIGSTOP/SIGCONT, partitions and slow links.
 */
package io.aerie.reliability.cluster;
