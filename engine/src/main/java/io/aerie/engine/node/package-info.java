/**
 * The node launcher: one Aerie node is one JVM running an Aeron media driver, archive and consensus
 * module ({@link io.aeron.cluster.ClusteredMediaDriver}) plus one clustered service container.
 * {@link io.aerie.engine.node.AerieNode} is the component facade (launch, configure, close, {@code main});
 * {@link io.aerie.engine.node.LocalCluster} starts a whole 1- or 3-node cluster on loopback in one JVM for
 * development, demos and cluster tests. {@link io.aerie.engine.node.NodeCounters} names a node's metrics (the
 * service's and the consensus module's Aeron counters) for the node's HTTP metrics endpoint and for
 * {@code aerie admin}. Everything else here is package-private wiring: the Aeron contexts of one node, the
 * cluster member port layout, idle strategies by name, the counting error handler, the termination watch that
 * tells a requested stop from an abnormal one, the ingress frame check in front of Aeron's ingress decoder, the
 * HTTP endpoint and the stale mark file clean-up used after a crash.
 */
package io.aerie.engine.node;
