package io.aerie.client.recipes;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2IntHashMap;

/**
 * The reads a {@link TreeMirror} has in flight, by correlation id, and how many getData reads of each path are
 * unanswered (a change event needs no new read while one is). Owned by the client's polling thread.
 */
final class MirrorReads
{
    /**
     * A read in flight: which node, and whether it belongs to a generation's read of everything.
     *
     * @param path       the node read.
     * @param depth      its depth under the mirror's root.
     * @param children   true for getChildren, false for getData.
     * @param generation the generation whose read of everything it is part of, or 0 for a read after an event.
     */
    record Read(String path, int depth, boolean children, int generation)
    {
    }

    private final Long2ObjectHashMap<Read> reads = new Long2ObjectHashMap<>();
    private final Object2IntHashMap<String> dataReadsInFlight = new Object2IntHashMap<>(0);

    void add(final long correlationId, final Read read)
    {
        reads.put(correlationId, read);
        if (!read.children())
        {
            dataReadsInFlight.put(read.path(), dataReadsInFlight.getValue(read.path()) + 1);
        }
    }

    /**
     * @return the read answered, or null if it is not one of these (or was forgotten).
     */
    Read remove(final long correlationId)
    {
        final Read read = reads.remove(correlationId);
        if (null != read && !read.children())
        {
            final int inFlight = dataReadsInFlight.getValue(read.path()) - 1;
            if (inFlight > 0)
            {
                dataReadsInFlight.put(read.path(), inFlight);
            }
            else
            {
                dataReadsInFlight.removeKey(read.path());
            }
        }
        return read;
    }

    boolean isDataReadInFlight(final String path)
    {
        return dataReadsInFlight.getValue(path) > 0;
    }

    void clear()
    {
        reads.clear();
        dataReadsInFlight.clear();
    }
}
