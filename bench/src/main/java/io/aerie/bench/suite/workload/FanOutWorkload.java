package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.Measurement;
import io.aerie.bench.suite.RecordingCompletion;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.RigException;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.Workload;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload 5, watch fan-out: W persistent watches (W distinct listeners) on one node, spread evenly over
 * {@value #SESSIONS} sessions; a 17th session writes 100 bytes, and the row is the time from sending the write
 * to the last of the W listeners being told. Closed loop: the next write goes once all were told and the write
 * answered. Each W uses its own node, so earlier watches stay quiet. Listeners may run on the rig thread (inside
 * poll, which the rig calls on all 17 sessions) or on the client library's event threads: the count is atomic
 * and the last listener records.
 */
public final class FanOutWorkload implements Workload
{
    /** Watching sessions. */
    public static final int SESSIONS = 16;

    /**
     * Counts listeners told of the current write; the last records the fan-out time.
     */
    private static final class Round implements LoadClient.WatchListener, Rig.Progress
    {
        private final Recorder recorder = new Recorder(RecordingCompletion.HIGHEST_TRACKABLE_NS, 3);
        private final AtomicInteger told = new AtomicInteger();
        private final AtomicLong rounds = new AtomicLong();
        private volatile int target;
        private volatile long sentNs;

        void arm(final int watchers, final long sentNs)
        {
            this.sentNs = sentNs;
            this.target = watchers;
            told.set(0);
        }

        @Override
        public void onDataChanged()
        {
            if (told.incrementAndGet() == target)
            {
                recorder.recordValue(Math.min(RecordingCompletion.HIGHEST_TRACKABLE_NS, System.nanoTime() - sentNs));
                rounds.incrementAndGet();
            }
        }

        @Override
        public long completed()
        {
            return rounds.get();
        }
    }

    @Override
    public String name()
    {
        return "fan-out";
    }

    @Override
    public boolean floorCapable()
    {
        return false;
    }

    @Override
    public List<Row> run(final SystemUnderTest target, final String column, final Rig rig, final SuiteMode mode)
        throws Exception
    {
        final List<Row> rows = new ArrayList<>();
        final LoadClient[] sessions = new LoadClient[SESSIONS];
        LoadClient writer = null;
        try
        {
            writer = target.connect();
            for (int i = 0; i < SESSIONS; i++)
            {
                sessions[i] = target.connect();
            }
            for (final int watchers : mode.fanOutWatchers())
            {
                final String key = "fanout-" + watchers;
                final String title = "watch fan-out, W=" + watchers + " over " + SESSIONS + " sessions (write to last told)";
                try
                {
                    rows.add(Row.latency(key, title, column, measure(writer, sessions, watchers, rig, mode)));
                }
                catch (final RuntimeException ex)
                {
                    rows.add(Row.failed(key, title, column, Row.Kind.LATENCY_US, ex.toString()));
                }
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(sessions);
            CloseHelper.quietClose(writer);
        }
        return rows;
    }

    private static Measurement measure(
        final LoadClient writer, final LoadClient[] sessions, final int watchers, final Rig rig, final SuiteMode mode)
        throws Exception
    {
        final String path = "/bench/fanout-" + watchers;
        final byte[] data = Ops.data();
        writer.createIfAbsent(path, data);
        final Round round = new Round();
        for (int i = 0; i < watchers; i++)
        {
            sessions[i % SESSIONS].addPersistentWatch(path, round);
        }

        final RecordingCompletion writes = new RecordingCompletion();
        final int measured = mode.fanOutRounds(watchers);
        final int warmup = Math.max(2, measured / 10);
        long startNs = 0;
        for (int r = 0; r < warmup + measured; r++)
        {
            if (r == warmup)
            {
                round.recorder.getIntervalHistogram();
                startNs = System.nanoTime();
            }
            final long writesBefore = writes.completed();
            final long roundsBefore = round.completed();
            final long sentNs = System.nanoTime();
            round.arm(watchers, sentNs);
            writer.setData(path, data, sentNs, writes);
            final long deadlineNs = System.nanoTime() + rig.opTimeoutNs();
            awaitAll(writer, sessions, rig, writes, writesBefore + 1, deadlineNs);
            awaitAll(writer, sessions, rig, round, roundsBefore + 1, deadlineNs);
        }
        final long endNs = System.nanoTime();
        final Histogram histogram = round.recorder.getIntervalHistogram();
        return new Measurement(histogram, histogram.getTotalCount(), writes.failed(), endNs - startNs, -1);
    }

    private static void awaitAll(
        final LoadClient writer,
        final LoadClient[] sessions,
        final Rig rig,
        final Rig.Progress progress,
        final long count,
        final long deadlineNs)
    {
        final IdleStrategy idle = rig.idleFor(writer);
        idle.reset();
        while (progress.completed() < count)
        {
            int work = writer.poll();
            for (final LoadClient session : sessions)
            {
                work += session.poll();
            }
            if (0 == work && System.nanoTime() - deadlineNs > 0)
            {
                throw new RigException("fan-out round timed out: " + progress.completed() + " of " + count);
            }
            idle.idle(work);
        }
    }
}
