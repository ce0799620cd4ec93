package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A shared value (a byte array) in one persistent node, with compare-and-set: the node's data version is the
 * condition, as setData with an expected version checks it atomically in the cluster.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@link #trySet(VersionedValue, byte[])} writes only if the node is still at the version read (or, for a value
 *   read absent, still absent): of several processes racing from the same read, exactly one succeeds.</li>
 *   <li>{@link #compareAndSet(byte[], byte[])} and {@link #update(UnaryOperator)} retry their read-then-trySet loop
 *   only when another writer got in between, so some writer always succeeds (lock-free, not wait-free: under heavy
 *   contention one caller may retry many times). Each try costs two round trips.</li>
 *   <li>The node is persistent: the value outlives every session. A node that does not exist reads as an empty value
 *   at version {@link VersionedValue#ABSENT}; the first write creates it (and missing ancestors).</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Every method blocks, polling the client with its blocking API (each request bounded by the client's request
 * timeout): call on the client's thread, outside client callbacks. Stateless between calls: instances are cheap.
 *
 * <h2>Session loss: what the caller must do</h2>
 * While the client is DISCONNECTED a call waits for the session to resume, up to the request timeout, then throws
 * OPERATION_TIMEOUT. <b>A write that timed out may still have been applied</b>: read again before deciding
 * ({@link #update} and {@link #compareAndSet} throw rather than retry then, so a timed-out increment is never
 * applied twice by them). When the session expires or is closed every call throws SESSION_EXPIRED: connect a new
 * client and make a new instance. The value itself is unaffected.
 */
public final class DistributedAtomicValue
{
    private final AerieClient client;
    private final String path;

    /**
     * @param client the client to use; polled by the blocking methods.
     * @param path   the value's node, created on first write.
     */
    public DistributedAtomicValue(final AerieClient client, final String path)
    {
        this.client = client;
        this.path = path;
    }

    /**
     * @return the value and its version, as of a fresh read.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT or another error.
     */
    public VersionedValue get() throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        final Stat stat = new Stat();
        try
        {
            return new VersionedValue(client.getData(path, stat), stat.version());
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE == ex.code())
            {
                return new VersionedValue(null, VersionedValue.ABSENT);
            }
            throw ex;
        }
    }

    /**
     * Write the value if nobody wrote since {@code expected} was read.
     *
     * @param expected what {@link #get()} returned.
     * @param newValue the new value, or null for empty.
     * @return true if written; false if the node changed version (or was created, or deleted) since.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (the write may or may not be applied) or another error.
     */
    public boolean trySet(final VersionedValue expected, final byte[] newValue) throws AerieException
    {
        return trySet(expected.version(), newValue);
    }

    /**
     * Write the value if the node is at {@code expectedVersion}, or create it if {@code expectedVersion} is
     * {@link VersionedValue#ABSENT} and it does not exist.
     *
     * @param expectedVersion the data version the node must have, or {@link VersionedValue#ABSENT}.
     * @param newValue        the new value, or null for empty.
     * @return true if written, false if the condition did not hold.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (the write may or may not be applied) or another error.
     */
    public boolean trySet(final int expectedVersion, final byte[] newValue) throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        try
        {
            if (VersionedValue.ABSENT == expectedVersion)
            {
                RecipeCall.createWithParents(client, path, newValue, CreateMode.PERSISTENT);
            }
            else
            {
                client.setData(path, newValue, expectedVersion);
            }
            return true;
        }
        catch (final AerieException ex)
        {
            final ResultCode code = ex.code();
            if (ResultCode.BAD_VERSION == code || ResultCode.NODE_EXISTS == code || ResultCode.NO_NODE == code)
            {
                return false;
            }
            throw ex;
        }
    }

    /**
     * Write the value whatever it was (creating the node if needed).
     *
     * @param newValue the new value, or null for empty.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (the write may or may not be applied) or another error.
     */
    public void set(final byte[] newValue) throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        while (true)
        {
            try
            {
                client.setData(path, newValue, -1);
                return;
            }
            catch (final AerieException ex)
            {
                if (ResultCode.NO_NODE != ex.code())
                {
                    throw ex;
                }
            }
            if (trySet(VersionedValue.ABSENT, newValue))
            {
                return;
            }
            // Created by someone else between the two: write over it.
        }
    }

    /**
     * Write {@code newValue} if the value equals {@code expected} byte for byte (an absent node equals empty).
     *
     * @param expected the value it must have, or null for empty.
     * @param newValue the new value, or null for empty.
     * @return true if written; false if the value differed.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (the write may or may not be applied) or another error.
     */
    public boolean compareAndSet(final byte[] expected, final byte[] newValue) throws AerieException
    {
        final byte[] wanted = null == expected ? new byte[0] : expected;
        while (true)
        {
            final VersionedValue current = get();
            if (!Arrays.equals(current.bytes(), wanted))
            {
                return false;
            }
            if (trySet(current.version(), newValue))
            {
                return true;
            }
        }
    }

    /**
     * Read, compute, and write only if nobody wrote in between; else again, until it succeeds.
     *
     * @param function computes the new value from a copy of the current one (empty if absent); may be called several
     *                 times, so it must have no side effects.
     * @return the value written.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (the write may or may not be applied) or another error.
     */
    public byte[] update(final UnaryOperator<byte[]> function) throws AerieException
    {
        while (true)
        {
            final VersionedValue current = get();
            final byte[] next = function.apply(current.value());
            if (trySet(current.version(), next))
            {
                return null == next ? new byte[0] : next;
            }
        }
    }

    /**
     * @return the value's node path.
     */
    public String path()
    {
        return path;
    }
}
