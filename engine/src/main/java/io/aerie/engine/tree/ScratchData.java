package io.aerie.engine.tree;

import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.bytes.RandomDataOutput;
import net.openhft.chronicle.hash.Data;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A key or value for Chronicle Map held in native scratch memory, handed to a query as {@link Data} so the map
 * hashes and copies it in place.
 * <p>
 * Why not {@code queryContext(BytesStore, offset, length)} and {@code wrapValueBytesAsData}: those wrap the store
 * in a new Chronicle {@code Bytes} view on every query, with reference-count bookkeeping on each wrap and release,
 * and hash it through a bounds-checked generic accessor. Profiling a snapshot load of 1M znodes showed that
 * wrapping as the largest single cost of a map operation. This view is set once per operation and reads the
 * memory directly.
 * <p>
 * The three things a map does with a key on every query are done here over plain memory: hashing, comparing with
 * a stored key, and copying in. Chronicle's defaults go through its generic accessors (its xxHash reads each word
 * through a {@code ReadAccess}, its comparison and copy through bounds-checked {@code RandomDataInput} calls), which
 * a profile of a 1M znode snapshot load showed as most of a map operation. The hash is therefore this class's own
 * ({@link #hash(UnsafeBuffer, int)}, not the map's {@code LongHashFunction}): every query of a map that holds keys
 * hashed so must pass its key as a {@code ScratchData}, which {@link JournaledMap}, the only user of the tree's maps,
 * does. Chronicle hashes a stored key itself only to check the entries of a persisted map it recovers, which these
 * in-memory maps never are. The hash places entries; nothing reads the maps in hash order (TreeWalker walks the
 * member index), so it reaches no output or digest.
 * <p>
 * Single-threaded, like the map that uses it.
 */
final class ScratchData implements Data<byte[]>
{
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long MULTIPLIER = 0xC2B2AE3D27D4EB4FL;

    private final BytesStore<?, Void> store;
    private final UnsafeBuffer scratch;
    private final UnsafeBuffer other = new UnsafeBuffer(0, 0);
    private long size;

    ScratchData(final BytesStore<?, Void> store)
    {
        this.store = store;
        this.scratch = new UnsafeBuffer(store.addressForRead(0), (int)store.capacity());
    }

    /**
     * Set how many bytes from the start of the scratch memory this view holds.
     *
     * @return this.
     */
    ScratchData size(final int size)
    {
        this.size = size;
        return this;
    }

    @Override
    public RandomDataInput bytes()
    {
        return store;
    }

    @Override
    public long offset()
    {
        return 0;
    }

    @Override
    public long size()
    {
        return size;
    }

    /**
     * This key's hash, whatever function the map offers (see the class comment).
     */
    @Override
    public long hash(final LongHashFunction f)
    {
        return hash(scratch, (int)size);
    }

    @Override
    public boolean equivalent(final RandomDataInput source, final long sourceOffset)
    {
        if (!source.isDirectMemory())
        {
            return Data.super.equivalent(source, sourceOffset);
        }
        final int length = (int)size;
        other.wrap(source.addressForRead(sourceOffset), length);
        int i = 0;
        for (final int words = length & ~7; i < words; i += 8)
        {
            if (scratch.getLong(i) != other.getLong(i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (scratch.getByte(i) != other.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void writeTo(final RandomDataOutput target, final long targetOffset)
    {
        if (!target.isDirectMemory())
        {
            Data.super.writeTo(target, targetOffset);
            return;
        }
        final int length = (int)size;
        other.wrap(target.addressForWrite(targetOffset), length);
        other.putBytes(0, scratch, 0, length);
    }

    /**
     * A 64-bit hash of {@code length} bytes from the start of {@code buffer}: each 8-byte word mixed in by multiply
     * and rotate, the tail as one more word, then MurmurHash3's finaliser so every input bit reaches every output
     * bit (Chronicle takes the segment and the lookup slot from different bits). Words are read in native order:
     * the hash lives only in this process's maps.
     *
     * @return the hash; equal bytes give equal hashes.
     */
    static long hash(final UnsafeBuffer buffer, final int length)
    {
        long hash = SEED ^ (length * MULTIPLIER);
        int i = 0;
        for (final int words = length & ~7; i < words; i += 8)
        {
            hash = Long.rotateLeft(hash ^ (buffer.getLong(i) * MULTIPLIER), 31) * SEED;
        }
        if (i < length)
        {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8)
            {
                tail |= (buffer.getByte(i) & 0xFFL) << shift;
            }
            hash = Long.rotateLeft(hash ^ (tail * MULTIPLIER), 31) * SEED;
        }
        hash ^= hash >>> 33;
        hash *= 0xFF51AFD7ED558CCDL;
        hash ^= hash >>> 33;
        hash *= 0xC4CEB9FE1A85EC53L;
        return hash ^ (hash >>> 33);
    }

    /**
     * A copy on the heap; Chronicle asks for one only outside the paths this class is used on (toString, errors).
     */
    @Override
    public byte[] get()
    {
        final byte[] copy = new byte[(int)size];
        store.read(0, copy, 0, copy.length);
        return copy;
    }

    @Override
    public byte[] getUsing(final byte[] using)
    {
        return get();
    }
}
