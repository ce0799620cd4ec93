/**
 * {@code aerie admin}: cluster admin for the nodes on this machine, read from their directories as Aeron's
 * ClusterTool and AeronStat do, so it works without a client session and while the cluster has no leader.
 * {@code status} (one line per node), {@code snapshot} (asked of the leader), and ZooKeeper's four-letter words
 * {@code ruok}, {@code srvr} and {@code mntr}.
 * <p>
 * A node is found through its cluster mark file (member id, process id, Aeron directory, consensus module
 * activity); its metrics are the counters in its media driver's CnC file, named by
 * {@link io.aerie.engine.node.NodeCounters}; its snapshots are the entries of its recording log.
 * {@link io.aerie.tools.admin.AdminCommand} is the public entry point; everything else is package-private.
 */
package io.aerie.tools.admin;
