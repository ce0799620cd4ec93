/**
 * Apache ZooKeeper as a {@link io.aerie.bench.suite.SystemUnderTest}: real ZooKeeper servers
 * ({@code QuorumPeerMain}) in child JVMs on loopback, standalone or as a 3-server ensemble, fsync on or off,
 * and a {@link io.aerie.bench.suite.LoadClient} on ZooKeeper's own Java client (asynchronous API, persistent
 * watches). {@link io.aerie.bench.suite.zookeeper.ZooKeeperTargets} is the public entry point; the process
 * management ({@code ZooKeeperEnsemble}, {@code ZooKeeperServerProcess}, {@code ZooKeeperConfigFile},
 * {@code FourLetterWords}) and the client adapter ({@code ZooKeeperLoadClient}) are package-private.
 */
package io.aerie.bench.suite.zookeeper;
