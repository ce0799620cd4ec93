/**
 * The restart rigs: how long Aerie and Apache ZooKeeper take to serve again after a restart, from the log alone,
 * from a snapshot, and after {@code kill -9}, with N znodes in the tree ({@code bench/bin/restart},
 * {@link io.aerie.bench.restart.RestartRig}); and a whole 3-node cluster's restart after every node's
 * {@code kill -9}, by election phase ({@link io.aerie.bench.restart.ClusterRestartTime}, on the suite's node
 * processes).
 */
package io.aerie.bench.restart;
