/**
 * The suite's "Aerie via ZooKeeper protocol" target: Aerie node processes each running a ZooKeeper gateway beside the
 * node, measured with the same ZooKeeper Java client as the ZooKeeper targets, so only the server differs.
 */
package io.aerie.bench.suite.gateway;
