/**
 * The ZooKeeper wire gateway: ZooKeeper's client protocol (jute records over TCP, served with Netty) in front of an
 * Aerie cluster, so unchanged ZooKeeper clients (the Java client, zkCli, Curator) use Aerie. Each ZooKeeper connection
 * is one Aerie session ({@code io.aerie.client.AerieClient} in invoker mode), driven by one agent thread that owns
 * every connection's state; ZooKeeper's requests become the client's asynchronous requests, its answers and watch
 * events become ZooKeeper's replies and notifications. {@link io.aerie.gateway.ZooKeeperGateway} is the public
 * facade; everything else is package-private.
 */
package io.aerie.gateway;
