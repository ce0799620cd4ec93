package io.aerie.engine.snapshot;

/**
 * What identifies an Aerie service snapshot and the version of what its messages mean.
 */
final class SnapshotFormat
{
    /** {@code SnapshotMarker.typeId} of an Aerie service snapshot: "AERIESNP". */
    static final long TYPE_ID = 0x4145524945534E50L;
    /** Version of the messages' meaning this code writes and the newest it loads. */
    static final int FORMAT_VERSION = 1;
    /** First int (big-endian) of a snapshot in the earlier DataOutput format, service format 2: "AERV". */
    static final int LEGACY_MAGIC = 0x41455256;

    private SnapshotFormat()
    {
    }
}
