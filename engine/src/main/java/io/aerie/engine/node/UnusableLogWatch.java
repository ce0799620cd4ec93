package io.aerie.engine.node;

import io.aeron.archive.client.ArchiveException;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recognises a consensus module that can no longer replay its own log: Aeron Cluster 1.51's election asks the node's
 * archive to replay the node's log from the position the node has applied, and the archive refuses because no frame
 * starts there ({@link ArchiveException#INVALID_POSITION}, "does not point to a valid frame").
 * <p>
 * Seen after a whole-cluster {@code kill -9} in the reliability suite: a member had applied a leadership term's
 * uncommitted tail, the other members truncated that tail and went on in a new term, and the member's log no longer
 * has a frame at its applied position. Every election retries the same replay from the same in-memory position, so
 * the member loops forever and never rejoins. A service cannot un-apply entries; a new start can: it recovers the
 * position from the snapshot and the log on disk, and the election's canvass then truncates the divergent tail to the
 * leader's log before replaying. So after a few such refusals the node is restarted ({@link AerieNode#main(String[])}).
 * <p>
 * Only refusals of the consensus module's own log replay count (Aeron's {@code io.aeron.cluster.LogReplay} on the
 * stack): the same refusal of another member's catch-up request, raised by this node's archive, is that member's
 * business. Called from any agent thread.
 */
final class UnusableLogWatch
{
    /** Refusals in a row before the node restarts: one may be a race with a truncation, three are a loop. */
    static final int REFUSALS_BEFORE_RESTART = 3;

    private static final String LOG_REPLAY_CLASS_NAME = "io.aeron.cluster.LogReplay";

    private final AtomicInteger refusals = new AtomicInteger();

    /**
     * Look at one error report.
     *
     * @param throwable as reported to the node's error handler.
     * @return true once, on the report that makes the refusals enough to restart the node.
     */
    boolean onError(final Throwable throwable)
    {
        return isOwnLogReplayRefused(throwable) && REFUSALS_BEFORE_RESTART == refusals.incrementAndGet();
    }

    /**
     * Is the report a refusal, by the node's archive, of its consensus module's own log replay?
     *
     * @param throwable as reported.
     * @return true for an {@link ArchiveException} of code {@link ArchiveException#INVALID_POSITION} thrown while
     * Aeron's {@code LogReplay} started a replay.
     */
    static boolean isOwnLogReplayRefused(final Throwable throwable)
    {
        if (!(throwable instanceof ArchiveException) ||
            ArchiveException.INVALID_POSITION != ((ArchiveException)throwable).errorCode())
        {
            return false;
        }

        for (final StackTraceElement element : throwable.getStackTrace())
        {
            if (LOG_REPLAY_CLASS_NAME.equals(element.getClassName()))
            {
                return true;
            }
        }

        return false;
    }
}
