package io.aerie.codecs.model;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A reusable list of UTF-8 names (children or paths), filled by the tree and sorted by unsigned byte order,
 * which is code-point order: every replica returns the same list in the same order. Growing it allocates;
 * refilling it to a size it has held before does not. Not thread safe.
 */
public final class NameList
{
    private final ExpandableArrayBuffer names = new ExpandableArrayBuffer(256);
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private int size;
    private int limit;

    /**
     * Remove every name.
     */
    public void clear()
    {
        size = 0;
        limit = 0;
    }

    /**
     * @return number of names.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return the buffer the names are stored in; see {@link #offset(int)} and {@link #length(int)}.
     */
    public DirectBuffer buffer()
    {
        return names;
    }

    /**
     * @return offset in {@link #buffer()} of name {@code index}.
     */
    public int offset(final int index)
    {
        return offsets[index];
    }

    /**
     * @return length in bytes of name {@code index}.
     */
    public int length(final int index)
    {
        return lengths[index];
    }

    /**
     * Append name {@code index} to a builder as chars.
     */
    public void appendTo(final int index, final StringBuilder out)
    {
        Utf8.appendTrusted(names, offsets[index], lengths[index], out);
    }

    /**
     * @return the names as strings; allocates, for tests and tools.
     */
    public List<String> toList()
    {
        final List<String> list = new ArrayList<>(size);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++)
        {
            sb.setLength(0);
            appendTo(i, sb);
            list.add(sb.toString());
        }
        return list;
    }

    /**
     * Append a name given as UTF-8 bytes (copied).
     */
    public void add(final DirectBuffer source, final int sourceOffset, final int length)
    {
        ensureCapacity();
        names.putBytes(limit, source, sourceOffset, length);
        offsets[size] = limit;
        lengths[size] = length;
        limit += length;
        size++;
    }

    /**
     * Reserve space for a name of up to {@code maxLength} bytes and return its offset; finish with
     * {@link #commit(int)}.
     */
    public int reserve(final int maxLength)
    {
        names.checkLimit(limit + maxLength);
        return limit;
    }

    /**
     * Finish a name written in place after {@link #reserve(int)}.
     *
     * @param length bytes actually written.
     */
    public void commit(final int length)
    {
        ensureCapacity();
        offsets[size] = limit;
        lengths[size] = length;
        limit += length;
        size++;
    }

    /**
     * @return the buffer to write a reserved name into.
     */
    public ExpandableArrayBuffer mutableBuffer()
    {
        return names;
    }

    /**
     * Sort by unsigned byte order.
     */
    public void sort()
    {
        quickSort(0, size - 1);
    }

    private void quickSort(final int from, final int to)
    {
        int low = from;
        int high = to;
        while (high - low > 16)
        {
            final int pivot = medianOfThree(low, low + ((high - low) >>> 1), high);
            swap(pivot, high);
            int store = low;
            for (int i = low; i < high; i++)
            {
                if (compare(i, high) < 0)
                {
                    swap(i, store++);
                }
            }
            swap(store, high);
            // Recurse into the smaller side, loop on the larger: stack depth stays O(log n).
            if (store - low < high - store)
            {
                quickSort(low, store - 1);
                low = store + 1;
            }
            else
            {
                quickSort(store + 1, high);
                high = store - 1;
            }
        }
        insertionSort(low, high);
    }

    private void insertionSort(final int from, final int to)
    {
        for (int i = from + 1; i <= to; i++)
        {
            for (int j = i; j > from && compare(j - 1, j) > 0; j--)
            {
                swap(j - 1, j);
            }
        }
    }

    private int medianOfThree(final int a, final int b, final int c)
    {
        if (compare(a, b) < 0)
        {
            return compare(b, c) < 0 ? b : (compare(a, c) < 0 ? c : a);
        }
        return compare(a, c) < 0 ? a : (compare(b, c) < 0 ? c : b);
    }

    private int compare(final int i, final int j)
    {
        final int offsetI = offsets[i];
        final int offsetJ = offsets[j];
        final int lengthI = lengths[i];
        final int lengthJ = lengths[j];
        final int n = Math.min(lengthI, lengthJ);
        for (int k = 0; k < n; k++)
        {
            final int diff = (names.getByte(offsetI + k) & 0xFF) - (names.getByte(offsetJ + k) & 0xFF);
            if (diff != 0)
            {
                return diff;
            }
        }
        return lengthI - lengthJ;
    }

    private void swap(final int i, final int j)
    {
        final int offset = offsets[i];
        offsets[i] = offsets[j];
        offsets[j] = offset;
        final int length = lengths[i];
        lengths[i] = lengths[j];
        lengths[j] = length;
    }

    private void ensureCapacity()
    {
        if (size == offsets.length)
        {
            offsets = java.util.Arrays.copyOf(offsets, size * 2);
            lengths = java.util.Arrays.copyOf(lengths, size * 2);
        }
    }
}
