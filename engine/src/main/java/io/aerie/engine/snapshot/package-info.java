/**
 * The service snapshot, on Aeron Cluster's pattern ({@code ServiceSnapshotTaker} / {@code ServiceSnapshotLoader}):
 * SBE messages of their own schema ({@code aerie-snapshot-schema.xml}, package {@code io.aerie.codecs.snapshot})
 * between a BEGIN and an END {@code SnapshotMarker} carrying the format version. Each component writes and loads
 * its own messages ({@code SessionTable} and {@code WatchRegistry}: {@code writeSnapshot} / {@code loadSnapshot};
 * the tree through {@code ZnodeTree.snapshots()}: {@code write} / {@code load}); {@link io.aerie.engine.snapshot.ServiceSnapshotTaker} frames them onto the snapshot
 * publication and {@link io.aerie.engine.snapshot.ServiceSnapshotLoader} hands each loaded message to its
 * component. Snapshots of the earlier {@code DataOutput} format ("AERV", service format 2) still load: they are
 * converted to the same messages as they are read, so an upgrade never needs a wipe.
 */
package io.aerie.engine.snapshot;
