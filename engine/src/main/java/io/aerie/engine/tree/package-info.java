/**
 * The znode tree: ZooKeeper's data model (znodes, stats, versions, the seven create modes, multi) held
 * off-heap in Chronicle Map, single-threaded and deterministic. {@link io.aerie.engine.tree.ZnodeTree} is
 * the entry point; everything else here is its machinery: node records, the dense slot indexes that keep
 * wide parents cheap, the undo journal that makes changes all-or-nothing, snapshots and digests.
 */
package io.aerie.engine.tree;
