package io.aerie.bench.suite;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LoadClient.Completion} whose token is the operation's intended (or actual) send time in
 * {@link System#nanoTime()} units: each successful completion records {@code now - token} into an HdrHistogram
 * {@link Recorder}. Safe to call from any thread (the rig's, or a client library's event thread); the rig thread
 * reads the counters and takes interval histograms. Allocation free per completion.
 */
public final class RecordingCompletion implements LoadClient.Completion, Rig.Progress
{
    /** Highest latency tracked; longer ones are recorded as this. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);

    private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NS, 3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long recordFromNs = Long.MIN_VALUE;

    /**
     * Record only operations stamped at or after this time (the others still count as completed): a fixed-rate
     * run excludes its warm-up's late completions from the measured interval this way.
     *
     * @param recordFromNs the earliest token recorded, {@link System#nanoTime()} units.
     */
    public void recordFrom(final long recordFromNs)
    {
        this.recordFromNs = recordFromNs;
    }

    @Override
    public void onComplete(final long token, final boolean ok)
    {
        final long recordFromNs = this.recordFromNs;
        if (Long.MIN_VALUE != recordFromNs && token - recordFromNs < 0)
        {
            completed.incrementAndGet();
            return;
        }
        if (ok)
        {
            recorder.recordValue(Math.min(HIGHEST_TRACKABLE_NS, Math.max(0, System.nanoTime() - token)));
        }
        else
        {
            failed.incrementAndGet();
        }
        completed.incrementAndGet();
    }

    /**
     * @return completions so far, successful or not (a volatile read).
     */
    @Override
    public long completed()
    {
        return completed.get();
    }

    /**
     * @return failed completions so far.
     */
    public long failed()
    {
        return failed.get();
    }

    /**
     * Take the latencies recorded since the last call (and start a new interval).
     *
     * @return a new histogram, in ns.
     */
    public Histogram takeInterval()
    {
        return recorder.getIntervalHistogram();
    }
}
