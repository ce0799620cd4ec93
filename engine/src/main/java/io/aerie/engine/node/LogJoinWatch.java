package io.aerie.engine.node;

import io.aeron.cluster.client.ClusterException;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Restarts a node whose clustered service waits forever for the log image it was told to join.
 * <p>
 * Aeron Cluster 1.51 joins a follower to a term's live log in two waits with no timeout: the consensus module finds
 * the leader's log image in its own subscription and then waits for the service's ack
 * ({@code Election.followerLogAwait -> ConsensusModuleAgent.tryJoinLogAsFollower -> awaitServicesReady}); the service
 * adds a subscription of its own to the same channel and waits for the image of that session there
 * ({@code ClusteredServiceAgent.joinActiveLog -> awaitImage}). The driver links an existing image to a new
 * subscription only while it accepts subscribers ({@code DriverConductor.linkMatchingImages},
 * {@code PublicationImage.isAcceptingSubscriptions}: active, or draining with data not yet read). If that term's leader
 * closes its log publication (the term ended) or goes silent between the consensus module's find and the service's
 * subscription, and the consensus module has read everything the image holds (a quiet log: nothing past the join
 * position), the image is drained and is never linked, so neither wait returns; the election's own timeout is
 * checked on the blocked duty cycle and never fires (Aeron 1.51; unchanged on Aeron's main branch at
 * 1.53.0-SNAPSHOT). Load widens the window: the service thread may wait seconds for a core. Seen in the reliability
 * suite after a whole-cluster kill at load 60: a member in FOLLOWER_LOG_AWAIT of term 19 for over 5 minutes while
 * the others led term 22, with both threads in those frames. Only a new start recovers the member.
 * <p>
 * A live image is linked when the service's subscription is added, so the join takes milliseconds. This watch samples
 * the service thread's stack once a second on a thread of its own and asks for a restart
 * ({@link CountingErrorHandler#requestRestart(Throwable)}, done by {@link NodeRunner}) once the service has been in
 * that wait for {@link #STUCK_SAMPLES} samples in a row spanning at least {@link #STUCK_NS}: a process starved
 * meanwhile takes fewer samples, so starvation alone cannot fill the count. Once it has asked, it stops.
 */
final class LogJoinWatch implements AutoCloseable
{
    /** Samples in a row showing the service in the join's wait before the node is restarted. */
    static final int STUCK_SAMPLES = 10;
    /** Least time from the first such sample to the last before the node is restarted. */
    static final long STUCK_NS = TimeUnit.SECONDS.toNanos(10);

    private static final long SAMPLE_INTERVAL_MS = 1_000;
    private static final String SERVICE_AGENT_CLASS_NAME = "io.aeron.cluster.service.ClusteredServiceAgent";

    private final Consumer<Throwable> restart;
    private final Thread thread;
    private volatile Thread serviceThread;
    private volatile boolean isClosed;
    private long sinceNs;
    private int samples;

    /**
     * @param restart told once, on the watch's thread, when the service is stuck: the node's
     *                {@link CountingErrorHandler#requestRestart(Throwable)}.
     */
    LogJoinWatch(final Consumer<Throwable> restart)
    {
        this.restart = restart;
        this.thread = new Thread(this::run, "aerie-log-join-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Wrap the service container's thread factory so the watch knows the service's thread.
     *
     * @param delegate the factory the container would use.
     * @return a factory that makes threads with the delegate and remembers the last one.
     */
    ThreadFactory serviceThreadFactory(final ThreadFactory delegate)
    {
        return (runnable) ->
        {
            final Thread created = delegate.newThread(runnable);
            serviceThread = created;
            return created;
        };
    }

    /**
     * Start sampling, after the service container is launched.
     */
    void start()
    {
        thread.start();
    }

    /**
     * Look at one sample of the service thread's stack.
     *
     * @param stack  the service thread's stack, innermost frame first; empty if unknown.
     * @param nowNs  when it was taken.
     * @return true if the service has now been waiting for its log image long enough to be stuck.
     */
    boolean onSample(final StackTraceElement[] stack, final long nowNs)
    {
        if (!isAwaitingLogImage(stack))
        {
            samples = 0;
            return false;
        }
        if (0 == samples++)
        {
            sinceNs = nowNs;
        }

        return samples >= STUCK_SAMPLES && nowNs - sinceNs >= STUCK_NS;
    }

    /**
     * Is the stack the service's wait for the image of the log it was told to join?
     *
     * @param stack innermost frame first.
     * @return true if {@code ClusteredServiceAgent.awaitImage} was called from {@code joinActiveLog}.
     */
    static boolean isAwaitingLogImage(final StackTraceElement[] stack)
    {
        boolean isAwaitingImage = false;
        for (final StackTraceElement frame : stack)
        {
            if (SERVICE_AGENT_CLASS_NAME.equals(frame.getClassName()))
            {
                if ("awaitImage".equals(frame.getMethodName()))
                {
                    isAwaitingImage = true;
                }
                else if ("joinActiveLog".equals(frame.getMethodName()))
                {
                    return isAwaitingImage;
                }
            }
        }

        return false;
    }

    /**
     * Stop sampling and wait for the watch's thread to end.
     */
    public void close()
    {
        isClosed = true;
        thread.interrupt();
        try
        {
            thread.join(SAMPLE_INTERVAL_MS * 5);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        while (!isClosed)
        {
            try
            {
                Thread.sleep(SAMPLE_INTERVAL_MS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            final Thread service = serviceThread;
            final StackTraceElement[] stack = null == service ? new StackTraceElement[0] : service.getStackTrace();
            if (!isClosed && onSample(stack, System.nanoTime()))
            {
                restart.accept(new ClusterException(
                    "the clustered service waited " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sinceNs) +
                    " s for the image of the log it was told to join, which the driver no longer offers; the " +
                    "consensus module waits for its ack with no timeout (Aeron 1.51)"));
                return;
            }
        }
    }
}
