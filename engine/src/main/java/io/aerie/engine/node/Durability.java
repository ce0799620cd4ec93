package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;

import java.util.Locale;

/**
 * When a node forces the cluster's log to disk: Aeron's file sync levels for the archive's recordings (the Raft
 * log), its catalog, and the consensus module's files, set together.
 * <p>
 * A write is acknowledged once a majority of members have it at their append position; the durability says where
 * "have it" is. With {@link #NONE} it is each majority member's page cache: a write survives the crash of any
 * process and the loss of a minority of machines, but a power loss of a majority of machines at once can lose the
 * last acknowledged writes. With {@link #DATA} (ZooKeeper's default {@code forceSync=yes}) the recording's data is
 * on disk before the position that acknowledges it moves, so an acknowledged write survives a power loss of the
 * whole cluster; {@link #ALL} also forces file metadata.
 */
public enum Durability
{
    /** No fsync (Aeron file sync level 0): fastest; acknowledged writes live in a majority's page cache. */
    NONE(0),
    /** fsync of data before acknowledging (level 1), as ZooKeeper's {@code forceSync=yes}. */
    DATA(1),
    /** fsync of data and metadata (level 2). */
    ALL(2);

    private final int fileSyncLevel;

    Durability(final int fileSyncLevel)
    {
        this.fileSyncLevel = fileSyncLevel;
    }

    /**
     * @return Aeron's file sync level: 0 none, 1 data, 2 data and metadata.
     */
    public int fileSyncLevel()
    {
        return fileSyncLevel;
    }

    /**
     * @param name {@code none}, {@code data} or {@code all}, any case.
     * @return the durability of that name.
     * @throws ConfigurationException if the name is none of them.
     */
    public static Durability parse(final String name)
    {
        try
        {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigurationException(
                NodeStorage.Configuration.DURABILITY_PROP_NAME + "=" + name + " is not one of none, data, all");
        }
    }
}
