/**
 * The thin Aerie client: {@link io.aerie.client.AerieClient} connects to the cluster over Aeron, opens a
 * session, and sends requests, each answered asynchronously to a {@link io.aerie.client.ResponseHandler}
 * (no allocation per call in steady state) or, in the blocking forms, returned to the caller. Watches set by
 * those requests, and session state changes, reach {@link io.aerie.client.Watcher}s as
 * {@link io.aerie.client.WatchedEvent}s (dispatched without allocation). By default a conductor thread drives the
 * client and runs the callbacks, and any thread may call it; in invoker mode the application drives it with
 * {@link io.aerie.client.AerieClient#poll()} from one thread at a time. The blocking forms have ZooKeeper's
 * shapes: a multi returns {@link io.aerie.client.OpResult}s, errors are thrown as the subclasses of
 * {@link io.aerie.client.AerieException} (ZooKeeper's KeeperException), and a chroot in the connect string
 * makes every path relative to it. The client reaches the cluster through one seam,
 * {@link io.aerie.client.ClusterTransport} (Aeron Cluster by default), behind which a test can put the in-memory
 * cluster of {@code io.aerie:aerie-testkit}.
 */
package io.aerie.client;
