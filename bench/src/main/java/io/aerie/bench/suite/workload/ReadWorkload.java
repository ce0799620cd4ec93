package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.Measurement;
import io.aerie.bench.suite.ReadTarget;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload 3, read latency (issue 15): getData of a 100-byte node from one session, closed loop, in the two read
 * models side by side, with the same client model and samples as every closed-loop row:
 * <ul>
 *     <li>{@value #LOCAL}: served by one server's own state, not linearizable, ZooKeeper's read model: Aerie's
 *     {@code ReadMode.LOCAL} read from a follower (the node itself at one node), ZooKeeper's read by a session
 *     connected to a follower (the standalone server). The session first writes the node, so the read must wait
 *     for nothing older than its own write. Aerie's row fails if the nodes' counters show fewer local answers than
 *     reads (a read that fell back to the log would be measured under the wrong title).</li>
 *     <li>{@value #LINEARIZABLE}: Aerie's read through the log (its {@code LINEARIZABLE} mode), ZooKeeper's
 *     {@code sync} then {@code getData} on one session (its documented way to read the latest state).</li>
 * </ul>
 * Also the rig thread's allocation per local read (Aerie: the client's whole path runs on the rig thread).
 */
public final class ReadWorkload implements Workload
{
    /** Key of the local read row. */
    public static final String LOCAL = "read-local";
    /** Key of the linearizable read row. */
    public static final String LINEARIZABLE = "read-linearizable";
    /** Key of the client allocation row of local reads. */
    public static final String ALLOCATION = "alloc-client-read-local";

    static final String PATH = "/bench/read";
    private static final String LOCAL_TITLE = "getData 100 B, closed loop, local read, not linearizable (Aerie: " +
        "LOCAL from a follower; ZooKeeper: a session on a follower; 1 node: the node)";
    private static final String LINEARIZABLE_TITLE = "getData 100 B, closed loop, linearizable read (Aerie: " +
        "LINEARIZABLE, through the log; ZooKeeper: sync + getData, session on the leader)";
    private static final String ALLOCATION_TITLE = "client thread allocation, getData local read closed loop";

    @Override
    public String name()
    {
        return "reads";
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
        if (!(target instanceof ReadTarget))
        {
            rows.add(Row.failed(LOCAL, LOCAL_TITLE, column, Row.Kind.LATENCY_US, "n/a: no choice of read server"));
            rows.add(Row.failed(LINEARIZABLE, LINEARIZABLE_TITLE, column, Row.Kind.LATENCY_US, "n/a"));
            return rows;
        }
        final ReadTarget reads = (ReadTarget)target;
        localRows(reads, column, rig, mode, rows);
        try (LoadClient client = reads.connectLinearizableReader())
        {
            client.createIfAbsent(PATH, Ops.data());
            rows.add(Row.latency(LINEARIZABLE, LINEARIZABLE_TITLE, column,
                rig.closedLoop(client, new Ops.GetData(PATH), mode.closedWarmupOps(), mode.closedWarmupNs(), mode.closedOps())));
        }
        catch (final RuntimeException ex)
        {
            rows.add(Row.failed(LINEARIZABLE, LINEARIZABLE_TITLE, column, Row.Kind.LATENCY_US, ex.toString()));
        }
        return rows;
    }

    private static void localRows(
        final ReadTarget reads, final String column, final Rig rig, final SuiteMode mode, final List<Row> rows)
        throws Exception
    {
        try (LoadClient client = reads.connectLocalReader(reads.readServers()[0]))
        {
            final byte[] data = Ops.data();
            client.createIfAbsent(PATH, data);
            writeOnce(client, rig, data);
            final long servedBefore = reads.localReadsServed();
            final Measurement m = rig.closedLoop(client, new Ops.GetData(PATH), mode.closedWarmupOps(), mode.closedWarmupNs(), mode.closedOps());
            final String fellBack = fellBack(reads, servedBefore, rig.lastClosedLoopOps());
            rows.add(null == fellBack ? Row.latency(LOCAL, LOCAL_TITLE, column, m) :
                Row.failed(LOCAL, LOCAL_TITLE, column, Row.Kind.LATENCY_US, fellBack));
            if (!Double.isNaN(m.bytesPerOp()))
            {
                rows.add(Row.bytesPerOp(ALLOCATION, ALLOCATION_TITLE, column, m.bytesPerOp()));
            }
        }
        catch (final RuntimeException ex)
        {
            rows.add(Row.failed(LOCAL, LOCAL_TITLE, column, Row.Kind.LATENCY_US, ex.toString()));
        }
    }

    /**
     * A setData by the reading session itself, so its reads must see at least that write (read-your-writes: a
     * follower holds them until it has applied it).
     */
    static void writeOnce(final LoadClient client, final Rig rig, final byte[] data)
    {
        final AtomicLong done = new AtomicLong();
        client.setData(PATH, data, 0, (token, ok) -> done.incrementAndGet());
        rig.await(client, done::get, 1, System.nanoTime() + rig.opTimeoutNs());
    }

    /**
     * @return why the reads cannot all have been served locally (the counters grew by less than the reads sent),
     * or null if they were, or if the target cannot tell.
     */
    static String fellBack(final ReadTarget reads, final long servedBefore, final long sent)
    {
        final long servedAfter = reads.localReadsServed();
        if (servedBefore < 0 || servedAfter < 0 || servedAfter - servedBefore >= sent)
        {
            return null;
        }
        return "only " + (servedAfter - servedBefore) + " of " + sent + " reads were served locally";
    }
}
