package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;

/**
 * A shared {@code long} counter in one persistent node (8 bytes, big-endian; an absent or empty node counts as 0):
 * a {@link DistributedAtomicValue} with arithmetic.
 *
 * <h2>Guarantees</h2>
 * {@link #add(long)} (and {@link #increment()}) read, add and write with the read version as condition, retrying only
 * when another writer got in between: concurrent increments from any number of processes all count, exactly once each
 * when they return normally. {@link #compareAndSet(long, long)} is atomic in the cluster. See
 * {@link DistributedAtomicValue} for the cost and the fairness of the retry loop.
 *
 * <h2>Threading</h2>
 * Every method blocks, polling the client (each request bounded by its request timeout): call on the client's thread,
 * outside client callbacks.
 *
 * <h2>Session loss: what the caller must do</h2>
 * As {@link DistributedAtomicValue}: while DISCONNECTED a call waits up to the request timeout, then throws
 * OPERATION_TIMEOUT, after which <b>an add may or may not have been applied</b>: the counter is not told twice by the
 * recipe, and the caller decides whether to read and retry. After the session expired or was closed every call throws
 * SESSION_EXPIRED: connect a new client and make a new counter instance. The count is unaffected.
 */
public final class SharedCounter
{
    private final DistributedAtomicValue value;

    /**
     * @param client the client to use; polled by the blocking methods.
     * @param path   the counter's node, created on first write.
     */
    public SharedCounter(final AerieClient client, final String path)
    {
        this.value = new DistributedAtomicValue(client, path);
    }

    /**
     * @return the count, as of a fresh read.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT or another error.
     * @throws IllegalStateException if the node holds something other than 0 or 8 bytes.
     */
    public long get() throws AerieException
    {
        return decode(value.get().bytes());
    }

    /**
     * Set the count whatever it was.
     *
     * @param count the new count.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (maybe applied) or another error.
     */
    public void set(final long count) throws AerieException
    {
        value.set(encode(count));
    }

    /**
     * Set the count to {@code newCount} if it is {@code expected}.
     *
     * @param expected the count it must have (0 if the node is absent).
     * @param newCount the new count.
     * @return true if set; false if the count was not {@code expected}.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (maybe applied) or another error.
     */
    public boolean compareAndSet(final long expected, final long newCount) throws AerieException
    {
        while (true)
        {
            final VersionedValue current = value.get();
            if (decode(current.bytes()) != expected)
            {
                return false;
            }
            if (value.trySet(current, encode(newCount)))
            {
                return true;
            }
        }
    }

    /**
     * Add to the count, retrying while other writers get in between.
     *
     * @param delta what to add (negative to subtract); overflow wraps.
     * @return the count after this addition.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (maybe applied) or another error.
     */
    public long add(final long delta) throws AerieException
    {
        while (true)
        {
            final VersionedValue current = value.get();
            final long next = decode(current.bytes()) + delta;
            if (value.trySet(current, encode(next)))
            {
                return next;
            }
        }
    }

    /**
     * @return the count after adding one.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (maybe applied) or another error.
     */
    public long increment() throws AerieException
    {
        return add(1);
    }

    /**
     * @return the counter's node path.
     */
    public String path()
    {
        return value.path();
    }

    static byte[] encode(final long count)
    {
        final byte[] bytes = new byte[Long.BYTES];
        for (int i = Long.BYTES - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(count >>> (8 * (Long.BYTES - 1 - i)));
        }
        return bytes;
    }

    static long decode(final byte[] bytes)
    {
        if (0 == bytes.length)
        {
            return 0;
        }
        if (Long.BYTES != bytes.length)
        {
            throw new IllegalStateException("not a counter: " + bytes.length + " bytes");
        }
        long count = 0;
        for (final byte b : bytes)
        {
            count = (count << 8) | (b & 0xFF);
        }
        return count;
    }
}
