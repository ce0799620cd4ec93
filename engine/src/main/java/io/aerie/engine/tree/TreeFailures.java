package io.aerie.engine.tree;

import org.agrona.ErrorHandler;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The tree's error handler when its embedder sets none ({@link ZnodeTreeContext#errorHandler()}): an unexpected
 * store failure (the tree has answered SYSTEM_ERROR or ZNODE_LIMIT for it already) is counted and the last one kept,
 * and nothing is printed, as a library should not. The clustered service always sets its own counted handler; a
 * test or a tool that embeds a tree reads {@link #count()} and {@link #last()}. Reported on the tree's thread; read
 * from any.
 */
public final class TreeFailures implements ErrorHandler
{
    private final AtomicLong count = new AtomicLong();
    private volatile Throwable last;

    /**
     * {@inheritDoc}
     */
    public void onError(final Throwable throwable)
    {
        last = throwable;
        count.incrementAndGet();
    }

    /**
     * @return failures reported so far.
     */
    public long count()
    {
        return count.get();
    }

    /**
     * @return the last failure reported, or null while none was.
     */
    public Throwable last()
    {
        return last;
    }
}
