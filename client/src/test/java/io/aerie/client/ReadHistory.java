package io.aerie.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A small history checker for one register written with increasing values (each write's value is larger than every
 * earlier one, so values order the states): it records what one client wrote, saw and synced, in the client's own
 * order, and finds the reads that break ZooKeeper's guarantees for that client.
 * <ul>
 * <li>read-your-writes: a read returns at least the value of the client's last acknowledged write;</li>
 * <li>monotonic reads: a read never returns less than an earlier read of the same client (value and zxid);</li>
 * <li>sync: a read after {@code sync} returns at least every value acknowledged, to anyone, before the sync began.</li>
 * </ul>
 */
final class ReadHistory
{
    private final List<String> violations = new ArrayList<>();
    private long floor = Long.MIN_VALUE;
    private long lastZxid = Long.MIN_VALUE;
    private String floorReason = "start";
    private int reads;

    /** The client's own write of {@code value} was acknowledged. */
    void wrote(final long value)
    {
        raise(value, "own write " + value);
    }

    /** The client's sync returned; {@code acknowledgedBefore} is the largest value any client had acknowledged before it began. */
    void synced(final long acknowledgedBefore)
    {
        raise(acknowledgedBefore, "sync after " + acknowledgedBefore);
    }

    /** The client read {@code value} at {@code zxid}. */
    void read(final long value, final long zxid, final String where)
    {
        reads++;
        if (value < floor)
        {
            violations.add("read " + value + " (zxid " + zxid + ", " + where + ") older than " + floorReason);
        }
        if (zxid < lastZxid)
        {
            violations.add("read at zxid " + zxid + " (" + where + ") after one at zxid " + lastZxid);
        }
        lastZxid = Math.max(lastZxid, zxid);
        raise(value, "earlier read " + value);
    }

    int reads()
    {
        return reads;
    }

    List<String> violations()
    {
        return violations;
    }

    private void raise(final long value, final String reason)
    {
        if (value > floor)
        {
            floor = value;
            floorReason = reason;
        }
    }
}
