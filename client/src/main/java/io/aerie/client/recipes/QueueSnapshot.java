package io.aerie.client.recipes;

import io.aerie.codecs.model.NameList;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The children of a queue node, as one answer to getChildren listed them, reduced to the recipe's own nodes
 * ({@code <prefix><10-digit sequence>}) and ordered by sequence number: the order in which they were created,
 * whatever their prefixes (a read-write lock mixes {@code read-} and {@code write-} nodes in one queue).
 * <p>
 * Loading parses the names in place from the answer's {@link NameList}, which it keeps a reference to: a snapshot is
 * valid only while the answer is (during the response callback). Only {@link #name(int)} allocates. Other children
 * (foreign names) are ignored. Owned by the client's polling thread.
 */
final class QueueSnapshot
{
    /** Digits of a sequential node's suffix, ZooKeeper's {@code %010d}. */
    static final int SEQUENCE_DIGITS = 10;

    private final byte[][] prefixes;
    private long[] sequences = new long[16];
    private int[] kinds = new int[16];
    private int[] childIndexes = new int[16];
    private final StringBuilder nameBuilder = new StringBuilder(32);
    private NameList children;
    private int count;

    /**
     * @param prefixes the node name prefixes of the queue; a node's kind is its prefix's index here.
     */
    QueueSnapshot(final String... prefixes)
    {
        this.prefixes = new byte[prefixes.length][];
        for (int i = 0; i < prefixes.length; i++)
        {
            this.prefixes[i] = prefixes[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Replace the content with the recipe's nodes among {@code children}, sorted by sequence.
     */
    void load(final NameList children)
    {
        this.children = children;
        count = 0;
        final DirectBuffer buffer = children.buffer();
        for (int i = 0, size = children.size(); i < size; i++)
        {
            final int offset = children.offset(i);
            final int length = children.length(i);
            final int kind = kindOf(buffer, offset, length);
            if (kind >= 0)
            {
                final long sequence = parseSequence(buffer, offset + length - SEQUENCE_DIGITS);
                if (sequence >= 0)
                {
                    insert(sequence, kind, i);
                }
            }
        }
    }

    /**
     * @return number of the recipe's nodes.
     */
    int size()
    {
        return count;
    }

    /**
     * @return sequence number of the node at a position (0 is the oldest).
     */
    long sequence(final int index)
    {
        return sequences[index];
    }

    /**
     * @return prefix index of the node at a position.
     */
    int kind(final int index)
    {
        return kinds[index];
    }

    /**
     * @return name of the node at a position; allocates.
     */
    String name(final int index)
    {
        nameBuilder.setLength(0);
        children.appendTo(childIndexes[index], nameBuilder);
        return nameBuilder.toString();
    }

    /**
     * @return position of the node with a sequence number, or -1 if it is not there.
     */
    int indexOf(final long sequence)
    {
        for (int i = 0; i < count; i++)
        {
            if (sequences[i] == sequence)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the sequence number of a node path or name ending in 10 digits, or -1 if it does not.
     */
    static long sequenceOf(final CharSequence pathOrName)
    {
        final int length = pathOrName.length();
        if (length < SEQUENCE_DIGITS)
        {
            return -1;
        }
        long value = 0;
        for (int i = length - SEQUENCE_DIGITS; i < length; i++)
        {
            final char c = pathOrName.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private int kindOf(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int kind = 0; kind < prefixes.length; kind++)
        {
            final byte[] prefix = prefixes[kind];
            if (length == prefix.length + SEQUENCE_DIGITS && startsWith(buffer, offset, prefix))
            {
                return kind;
            }
        }
        return -1;
    }

    private static boolean startsWith(final DirectBuffer buffer, final int offset, final byte[] prefix)
    {
        for (int i = 0; i < prefix.length; i++)
        {
            if (buffer.getByte(offset + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static long parseSequence(final DirectBuffer buffer, final int offset)
    {
        long value = 0;
        for (int i = 0; i < SEQUENCE_DIGITS; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b < '0' || b > '9')
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /**
     * Insertion by sequence: the cluster lists children by name, so each prefix's nodes come already in order and
     * this is a merge of a few sorted runs.
     */
    private void insert(final long sequence, final int kind, final int childIndex)
    {
        if (count == sequences.length)
        {
            sequences = Arrays.copyOf(sequences, count * 2);
            kinds = Arrays.copyOf(kinds, count * 2);
            childIndexes = Arrays.copyOf(childIndexes, count * 2);
        }
        int i = count;
        while (i > 0 && sequences[i - 1] > sequence)
        {
            sequences[i] = sequences[i - 1];
            kinds[i] = kinds[i - 1];
            childIndexes[i] = childIndexes[i - 1];
            i--;
        }
        sequences[i] = sequence;
        kinds[i] = kind;
        childIndexes[i] = childIndex;
        count++;
    }
}
