package io.aerie.engine.tree;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * ZooKeeper's StatsTrack text, {@code count=10,bytes=-1;countHardLimit=5;byteHardLimit=-1} and its variants, read
 * and written without allocation: the format of {@code zookeeper_limits} and {@code zookeeper_stats} nodes.
 * <p>
 * Parsing follows StatsTrack: pairs separated by runs of ',' or ';', each {@code key=value}; a missing key reads
 * -1, as does an empty value. Keys other than the four known ones are skipped. Text StatsTrack would fail on
 * (a value that is not a number) makes {@link #parse} return false.
 */
final class QuotaStats
{
    private static final byte[] COUNT = { 'c', 'o', 'u', 'n', 't' };
    private static final byte[] BYTES = { 'b', 'y', 't', 'e', 's' };
    private static final byte[] COUNT_HARD_LIMIT = "countHardLimit".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] BYTE_HARD_LIMIT = "byteHardLimit".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    long count;
    long bytes;
    long countHardLimit;
    long byteHardLimit;

    /**
     * Read StatsTrack text.
     *
     * @return false if a value is not a number; the fields are then undefined.
     */
    boolean parse(final DirectBuffer text, final int offset, final int length)
    {
        count = -1;
        bytes = -1;
        countHardLimit = -1;
        byteHardLimit = -1;
        final int end = offset + length;
        int pairStart = offset;
        while (pairStart < end)
        {
            while (pairStart < end && isPairSeparator(text.getByte(pairStart)))
            {
                pairStart++;
            }
            int pairEnd = pairStart;
            while (pairEnd < end && !isPairSeparator(text.getByte(pairEnd)))
            {
                pairEnd++;
            }
            if (pairEnd > pairStart && !parsePair(text, pairStart, pairEnd))
            {
                return false;
            }
            pairStart = pairEnd;
        }
        return true;
    }

    /**
     * Write {@code count=N,bytes=M}, what ZooKeeper keeps in a {@code zookeeper_stats} node.
     *
     * @return the length written.
     */
    int formatStats(final MutableDirectBuffer out, final int offset)
    {
        int position = offset;
        position += out.putStringWithoutLengthAscii(position, "count=");
        position += out.putLongAscii(position, count);
        position += out.putStringWithoutLengthAscii(position, ",bytes=");
        position += out.putLongAscii(position, bytes);
        return position - offset;
    }

    /**
     * @return true if a change of {@code countDiff} nodes and {@code bytesDiff} bytes to a subtree holding
     * {@code current} goes over these limits, as ZooKeeper's checkQuota judges it: a hard limit, when set,
     * replaces the soft one; a dimension that does not change is not checked.
     */
    boolean isExceededBy(final QuotaStats current, final long countDiff, final long bytesDiff)
    {
        if (0 != countDiff && (count > -1 || countHardLimit > -1))
        {
            final long limit = countHardLimit > -1 ? countHardLimit : count;
            if (current.count + countDiff > limit)
            {
                return true;
            }
        }
        if (0 != bytesDiff && (bytes > -1 || byteHardLimit > -1))
        {
            final long limit = byteHardLimit > -1 ? byteHardLimit : bytes;
            return current.bytes + bytesDiff > limit;
        }
        return false;
    }

    /**
     * @return true if a change of {@code countDiff} nodes and {@code bytesDiff} bytes to a subtree holding
     * {@code current} goes over a hard limit, as ZooKeeper's checkQuota refuses it with {@code zookeeper.enforceQuota}:
     * a dimension that does not change is not checked, one that shrinks is (a subtree already over its limit stays
     * refused until it is back under).
     */
    boolean isOverHardLimitBy(final QuotaStats current, final long countDiff, final long bytesDiff)
    {
        if (0 != countDiff && countHardLimit > -1 && current.count + countDiff > countHardLimit)
        {
            return true;
        }
        return 0 != bytesDiff && byteHardLimit > -1 && current.bytes + bytesDiff > byteHardLimit;
    }

    /**
     * @return true if a hard limit is set.
     */
    boolean hasHardLimit()
    {
        return countHardLimit > -1 || byteHardLimit > -1;
    }

    private boolean parsePair(final DirectBuffer text, final int start, final int end)
    {
        int equals = start;
        while (equals < end && '=' != text.getByte(equals))
        {
            equals++;
        }
        if (equals == end)
        {
            return false;
        }
        int valueEnd = equals + 1;
        while (valueEnd < end && '=' != text.getByte(valueEnd))
        {
            valueEnd++;
        }
        final long value;
        if (valueEnd == equals + 1)
        {
            value = -1;
        }
        else
        {
            final int valueLength = valueEnd - equals - 1;
            if (!isNumber(text, equals + 1, valueLength))
            {
                return false;
            }
            value = text.parseLongAscii(equals + 1, valueLength);
        }
        final int keyLength = equals - start;
        if (isKey(text, start, keyLength, COUNT))
        {
            count = value;
        }
        else if (isKey(text, start, keyLength, BYTES))
        {
            bytes = value;
        }
        else if (isKey(text, start, keyLength, COUNT_HARD_LIMIT))
        {
            countHardLimit = value;
        }
        else if (isKey(text, start, keyLength, BYTE_HARD_LIMIT))
        {
            byteHardLimit = value;
        }
        return true;
    }

    private static boolean isNumber(final DirectBuffer text, final int offset, final int length)
    {
        final int first = '-' == text.getByte(offset) ? 1 : 0;
        if (length == first || length - first > 18)
        {
            return false;
        }
        for (int i = offset + first, end = offset + length; i < end; i++)
        {
            final byte b = text.getByte(i);
            if (b < '0' || b > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isKey(final DirectBuffer text, final int offset, final int length, final byte[] key)
    {
        if (length != key.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (text.getByte(offset + i) != key[i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isPairSeparator(final byte b)
    {
        return ',' == b || ';' == b;
    }
}
