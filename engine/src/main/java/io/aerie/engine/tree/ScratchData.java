package io.aerie.engine.tree;

import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.Data;

/**
 * A key or value for Chronicle Map held in native scratch memory, handed to a query as {@link Data} so the map
 * hashes and copies it in place.
 * <p>
 * Why not {@code queryContext(BytesStore, offset, length)} and {@code wrapValueBytesAsData}: those wrap the store
 * in a new Chronicle {@code Bytes} view on every query, with reference-count bookkeeping on each wrap and release,
 * and hash it through a bounds-checked generic accessor. Profiling a snapshot load of 1M znodes showed that
 * wrapping as the largest single cost of a map operation. This view is set once per operation and reads the
 * memory directly; the hash is the map's own function over the same bytes, so keys hash as they always did.
 * Single-threaded, like the map that uses it.
 */
final class ScratchData implements Data<byte[]>
{
    private final BytesStore<?, Void> store;
    private final long address;
    private long size;

    ScratchData(final BytesStore<?, Void> store)
    {
        this.store = store;
        this.address = store.addressForRead(0);
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

    @Override
    public long hash(final LongHashFunction f)
    {
        return f.hashMemory(address, size);
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
