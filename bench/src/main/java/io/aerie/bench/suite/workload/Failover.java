package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.RecordingCompletion;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.RigException;
import io.aerie.bench.suite.SystemUnderTest;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Workload 7, failover: with a session writing, {@code kill -9} of the leader's process, then the time until a
 * write succeeds again. Writes are sent one at a time from the kill on (each stamped with the kill time); a
 * failed one (ZooKeeper's connection loss) is sent again after 1 ms, one still pending (Aerie resends it to the
 * new leader itself) is waited for. The target is unusable afterwards: this runs last on a target.
 */
public final class Failover
{
    /** Key of the failover row. */
    public static final String KEY = "failover";
    /** Title of the failover row. */
    public static final String TITLE = "failover: kill -9 of the leader to the next successful write";
    /** Longest a failover may take before the run is reported as failed. */
    public static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    private Failover()
    {
    }

    /**
     * @param target a started target.
     * @param rig    the rig (for its idle strategies).
     * @return the time from the kill to the first successful write, ns; -1 if the target has no leader to kill.
     * @throws RigException if no write succeeded within {@link #TIMEOUT_NS}.
     * @throws Exception    if the session or setup fails before the kill.
     */
    public static long measureNs(final SystemUnderTest target, final Rig rig) throws Exception
    {
        return measureNs(target, rig, (killedAtEpochMs) -> {});
    }

    /**
     * As {@link #measureNs(SystemUnderTest, Rig)}, telling when the leader was killed.
     *
     * @param target the started target.
     * @param rig    the rig (for its idle strategies).
     * @param onKill given the wall-clock time of the kill, ms since the epoch, as it is sent (to line the failover up
     *               with what the nodes did: {@code ElectionTimeline}).
     * @return the time from the kill to the first successful write, ns; -1 if the target has no leader to kill.
     * @throws RigException if no write succeeded within {@link #TIMEOUT_NS}.
     * @throws Exception    if the session or setup fails before the kill.
     */
    public static long measureNs(final SystemUnderTest target, final Rig rig, final LongConsumer onKill)
        throws Exception
    {
        try (LoadClient client = target.connect())
        {
            final byte[] data = Ops.data();
            client.createIfAbsent("/bench/failover", data);
            final Ops.SetData op = new Ops.SetData("/bench/failover", data);
            rig.closedLoop(client, op, 0, 100);

            final RecordingCompletion completion = new RecordingCompletion();
            final long killNs = System.nanoTime();
            onKill.accept(System.currentTimeMillis());
            if (!target.killLeader())
            {
                return -1;
            }
            final long deadlineNs = killNs + TIMEOUT_NS;
            while (true)
            {
                final long expected = completion.completed() + 1;
                final long failedBefore = completion.failed();
                op.send(client, killNs, completion);
                rig.await(client, completion, expected, deadlineNs);
                if (completion.failed() == failedBefore)
                {
                    return completion.takeInterval().getMaxValue();
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new RigException("no successful write within " + TimeUnit.NANOSECONDS.toSeconds(TIMEOUT_NS) +
                        " s of the leader's kill");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    /**
     * @return a histogram for failover times, ns.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(RecordingCompletion.HIGHEST_TRACKABLE_NS, 3);
    }
}
