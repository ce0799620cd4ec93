/**
 * The znode tree: ZooKeeper's data model (znodes, stats, versions, the seven create modes, multi) held
 * off-heap in Chronicle Map, single-threaded and deterministic. {@link io.aerie.engine.tree.ZnodeTree} is
 * the entry point for operations, and {@link io.aerie.engine.tree.ZnodeTreeSnapshots} (its
 * {@code snapshots()}) for its part of the service snapshot and the copies of its maps; everything else here
 * is their machinery: node records, the dense slot indexes that keep wide parents cheap, the undo journal
 * that makes changes all-or-nothing, snapshots and digests, ZooKeeper's reserved {@code /zookeeper} nodes
 * and the quota stats kept under {@code /zookeeper/quota}.
 */
package io.aerie.engine.tree;
