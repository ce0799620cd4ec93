package io.aerie.client.recipes;

/**
 * A value read from a {@link DistributedAtomicValue} with the version it had: hand it back to
 * {@link DistributedAtomicValue#trySet(VersionedValue, byte[])} to write only if nobody wrote in between. Immutable.
 */
public final class VersionedValue
{
    /** {@link #version()} of a value whose node does not exist. */
    public static final int ABSENT = -1;

    private static final byte[] EMPTY = new byte[0];

    private final byte[] value;
    private final int version;

    VersionedValue(final byte[] value, final int version)
    {
        this.value = null == value ? EMPTY : value;
        this.version = version;
    }

    /**
     * @return a copy of the value (empty when the node does not exist).
     */
    public byte[] value()
    {
        return value.clone();
    }

    /**
     * @return the node's data version when read, or {@link #ABSENT} if it did not exist.
     */
    public int version()
    {
        return version;
    }

    /**
     * @return true if the node existed when read.
     */
    public boolean exists()
    {
        return ABSENT != version;
    }

    byte[] bytes()
    {
        return value;
    }

    @Override
    public String toString()
    {
        return "VersionedValue{version=" + version + ", length=" + value.length + '}';
    }
}
