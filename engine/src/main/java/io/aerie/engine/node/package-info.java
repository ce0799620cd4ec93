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
 * <p>
 * <b>Configuration shape</b> (Aeron's: a nested {@code Configuration} of {@code *_PROP_NAME} / {@code *_DEFAULT}
 * constants and readers, a nested {@code Context} with fluent setters, same-named getters and {@code conclude()}).
 * {@code ConsensusModule} holds every setting of its component in one file of ~4,600 lines (Configuration ~1,200, Context ~3,000); here the rule is
 * no class over 500 lines, so the node's settings are split by the part of the node that uses them, each a small
 * final class with its own {@code Configuration} and {@code Context}:
 * <ul>
 *     <li>{@link io.aerie.engine.node.NodeTransport}: members, hosts, port base and layout, read channel, metrics
 *     endpoint and the gateway's port name;</li>
 *     <li>{@link io.aerie.engine.node.NodeStorage}: node and Aeron directories, durability, start-up clean-up,
 *     snapshot retention;</li>
 *     <li>{@link io.aerie.engine.node.ClusterTiming}: heartbeats, elections, canvass, Aeron session timeout;</li>
 *     <li>{@link io.aerie.engine.node.NodeLimits}: sessions, term, message and segment lengths;</li>
 *     <li>{@link io.aerie.engine.node.NodeAgents}: threading mode, profile, idle strategies;</li>
 *     <li>{@link io.aerie.engine.node.NodeService}: the service the node runs (Aerie's own by default).</li>
 * </ul>
 * {@link io.aerie.engine.node.AerieNode.Context} composes them ({@code ctx.timing().leaderHeartbeatTimeoutNs(...)}),
 * owns what is the node's alone (member id, error handler, termination hook) and its {@code conclude()} checks the
 * unknown-property rule and concludes each part once. {@link io.aerie.engine.node.AerieNode.Configuration} names the
 * node's own properties. Property names did not change with the split: a properties file keeps working.
 */
package io.aerie.engine.node;
