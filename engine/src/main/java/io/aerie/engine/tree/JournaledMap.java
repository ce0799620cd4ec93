package io.aerie.engine.tree;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapAbsentEntry;
import net.openhft.chronicle.map.MapEntry;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An off-heap Chronicle Map of raw bytes to raw bytes, with every change recorded in a {@link Journal}
 * while a transaction is active.
 * <p>
 * Keys and values cross the boundary as Agrona buffers; they are copied into native scratch memory handed to
 * Chronicle as {@link ScratchData}, so Chronicle reads them in place. Query contexts are Chronicle's
 * reusable ones: a get, put or remove allocates nothing. Single-threaded, like the state machine.
 */
final class JournaledMap implements AutoCloseable
{
    private final int mapId;
    private final ChronicleMap<byte[], byte[]> map;
    private final Journal journal;
    private final BytesStore<?, Void> keyStore;
    private final UnsafeBuffer keyBuffer;
    private final BytesStore<?, Void> valueStore;
    private final UnsafeBuffer valueBuffer;
    private final ScratchData keyData;
    private final ScratchData valueData;
    private final UnsafeBuffer readView = new UnsafeBuffer(0, 0);

    JournaledMap(
        final int mapId,
        final ChronicleMap<byte[], byte[]> map,
        final Journal journal,
        final int maxKeyLength,
        final int maxValueLength)
    {
        this.mapId = mapId;
        this.map = map;
        this.journal = journal;
        this.keyStore = BytesStore.nativeStoreWithFixedCapacity(maxKeyLength);
        this.keyBuffer = new UnsafeBuffer(keyStore.addressForWrite(0), maxKeyLength);
        this.valueStore = BytesStore.nativeStoreWithFixedCapacity(maxValueLength);
        this.valueBuffer = new UnsafeBuffer(valueStore.addressForWrite(0), maxValueLength);
        this.keyData = new ScratchData(keyStore);
        this.valueData = new ScratchData(valueStore);
    }

    /**
     * Copy the value of a key into {@code out} at {@code outOffset}.
     *
     * @return the value's length, or -1 if the key is absent.
     */
    int get(final DirectBuffer key, final int keyOffset, final int keyLength, final MutableDirectBuffer out, final int outOffset)
    {
        keyBuffer.putBytes(0, key, keyOffset, keyLength);
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(keyData.size(keyLength)))
        {
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (null == entry)
            {
                return -1;
            }
            final Data<byte[]> value = entry.value();
            final int length = (int)value.size();
            wrapReadView(value);
            out.putBytes(outOffset, readView, 0, length);
            return length;
        }
    }

    boolean containsKey(final DirectBuffer key, final int keyOffset, final int keyLength)
    {
        keyBuffer.putBytes(0, key, keyOffset, keyLength);
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(keyData.size(keyLength)))
        {
            return null != context.entry();
        }
    }

    void put(
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        keyBuffer.putBytes(0, key, keyOffset, keyLength);
        valueBuffer.putBytes(0, value, valueOffset, valueLength);
        putScratch(keyLength, valueLength, true);
    }

    /**
     * Add {@code delta} to the int (native byte order) at {@code intOffset} of a key's value, in one query of the
     * map (a get and a put would look the key up twice), journalled as a put.
     *
     * @return true if the key was present and its value changed; false (nothing changed) if it is absent.
     */
    boolean addInt(final DirectBuffer key, final int keyOffset, final int keyLength, final int intOffset, final int delta)
    {
        keyBuffer.putBytes(0, key, keyOffset, keyLength);
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(keyData.size(keyLength)))
        {
            context.updateLock().lock();
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (null == entry)
            {
                return false;
            }
            final Data<byte[]> oldValue = entry.value();
            final int valueLength = (int)oldValue.size();
            wrapReadView(oldValue);
            if (journal.isActive())
            {
                journal.record(mapId, keyBuffer, 0, keyLength, readView, 0, valueLength);
            }
            valueBuffer.putBytes(0, readView, 0, valueLength);
            valueBuffer.putInt(intOffset, valueBuffer.getInt(intOffset) + delta);
            entry.doReplaceValue(valueData.size(valueLength));
            return true;
        }
    }

    /**
     * @return true if the key was present and is now removed.
     */
    boolean remove(final DirectBuffer key, final int keyOffset, final int keyLength)
    {
        keyBuffer.putBytes(0, key, keyOffset, keyLength);
        return removeScratch(keyLength, true);
    }

    void restore(
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        keyBuffer.putBytes(0, key, keyOffset, keyLength);
        valueBuffer.putBytes(0, value, valueOffset, valueLength);
        putScratch(keyLength, valueLength, false);
    }

    void restoreAbsent(final DirectBuffer key, final int keyOffset, final int keyLength)
    {
        keyBuffer.putBytes(0, key, keyOffset, keyLength);
        removeScratch(keyLength, false);
    }

    long size()
    {
        return map.longSize();
    }

    /**
     * Remove every entry, outside any transaction (used before loading a snapshot).
     */
    void clear()
    {
        map.clear();
    }

    @Override
    public void close()
    {
        map.close();
        keyStore.releaseLast();
        valueStore.releaseLast();
    }

    private void putScratch(final int keyLength, final int valueLength, final boolean journalled)
    {
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(keyData.size(keyLength)))
        {
            context.updateLock().lock();
            final MapEntry<byte[], byte[]> entry = context.entry();
            final Data<byte[]> newValue = valueData.size(valueLength);
            if (null == entry)
            {
                if (journalled && journal.isActive())
                {
                    journal.record(mapId, keyBuffer, 0, keyLength, null, 0, 0);
                }
                final MapAbsentEntry<byte[], byte[]> absentEntry = context.absentEntry();
                absentEntry.doInsert(newValue);
            }
            else
            {
                if (journalled && journal.isActive())
                {
                    final Data<byte[]> oldValue = entry.value();
                    wrapReadView(oldValue);
                    journal.record(mapId, keyBuffer, 0, keyLength, readView, 0, (int)oldValue.size());
                }
                entry.doReplaceValue(newValue);
            }
        }
    }

    private boolean removeScratch(final int keyLength, final boolean journalled)
    {
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(keyData.size(keyLength)))
        {
            context.updateLock().lock();
            final MapEntry<byte[], byte[]> entry = context.entry();
            if (null == entry)
            {
                return false;
            }
            if (journalled && journal.isActive())
            {
                final Data<byte[]> oldValue = entry.value();
                wrapReadView(oldValue);
                journal.record(mapId, keyBuffer, 0, keyLength, readView, 0, (int)oldValue.size());
            }
            entry.doRemove();
            return true;
        }
    }

    private void wrapReadView(final Data<byte[]> value)
    {
        // In-memory Chronicle maps live in native memory: read the value in place through an Agrona view.
        final long address = value.bytes().addressForRead(value.offset());
        readView.wrap(address, (int)value.size());
    }
}
