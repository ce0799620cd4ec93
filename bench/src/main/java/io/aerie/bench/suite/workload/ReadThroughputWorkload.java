package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.Measurement;
import io.aerie.bench.suite.ReadTarget;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.Workload;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Workload 7, read throughput by node count (issue 15): pipelined local getData of a 100-byte node
 * ({@value #WINDOW} in flight per client) from clients on 1, 2 and then 3 servers of a 3-server target at once, one
 * client per server, each on its own rig thread; the row is their total ops/s over the same measured time. Aerie's
 * clients read {@code ReadMode.LOCAL} from their member, ZooKeeper's are sessions on their server: the followers
 * first, the leader third, so the 1- and 2-server rows show what followers add. Reads do not touch the disk, so the
 * rows run on the targets without fsync only (columns ending {@code -nofsync}), and on targets of at least 3
 * servers that can choose one ({@link ReadTarget}). Aerie's rows fail if the nodes' counters show fewer local
 * answers than reads completed.
 */
public final class ReadThroughputWorkload implements Workload
{
    /** Requests in flight per client. */
    public static final int WINDOW = 64;
    /** Key prefix of the rows: {@code read-throughput-1}, {@code -2}, {@code -3}. */
    public static final String KEY = "read-throughput-";
    private static final int SERVERS = 3;

    @Override
    public String name()
    {
        return "read-throughput";
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
        if (!(target instanceof ReadTarget) || !column.endsWith("-nofsync"))
        {
            return rows;
        }
        final ReadTarget reads = (ReadTarget)target;
        final int[] servers = reads.readServers();
        if (servers.length < SERVERS)
        {
            return rows;
        }
        for (int clients = 1; clients <= SERVERS; clients++)
        {
            final String key = KEY + clients;
            final String title = "getData 100 B, pipelined (" + WINDOW + " in flight per client), local reads from " +
                clients + " of 3 servers at once (Aerie LOCAL; ZooKeeper sessions on them; followers first), total";
            try
            {
                final long servedBefore = reads.localReadsServed();
                final Measurement m = measure(reads, servers, clients, rig.opTimeoutNs(), mode);
                final String fellBack = ReadWorkload.fellBack(reads, servedBefore, m.completed());
                rows.add(null == fellBack ? Row.throughput(key, title, column, m) :
                    Row.failed(key, title, column, Row.Kind.THROUGHPUT, fellBack));
            }
            catch (final Exception ex)
            {
                rows.add(Row.failed(key, title, column, Row.Kind.THROUGHPUT, ex.toString()));
            }
        }
        return rows;
    }

    /**
     * One client per server, each pipelining on its own thread with its own rig, all starting together.
     *
     * @return the clients' measurements added up: completions and failures summed, histograms merged, the longest
     * measured time (so the rate is the total over the common window, slightly conservative).
     */
    private static Measurement measure(
        final ReadTarget reads, final int[] servers, final int clients, final long opTimeoutNs, final SuiteMode mode)
        throws Exception
    {
        final LoadClient[] sessions = new LoadClient[clients];
        try
        {
            final byte[] data = Ops.data();
            for (int i = 0; i < clients; i++)
            {
                sessions[i] = reads.connectLocalReader(servers[i]);
                sessions[i].createIfAbsent(ReadWorkload.PATH, data);
            }
            final CyclicBarrier start = new CyclicBarrier(clients);
            final Measurement[] results = new Measurement[clients];
            final Exception[] errors = new Exception[clients];
            final Thread[] threads = new Thread[clients];
            for (int i = 0; i < clients; i++)
            {
                final int index = i;
                threads[i] = new Thread(() ->
                {
                    try
                    {
                        final Rig rig = new Rig(opTimeoutNs);
                        ReadWorkload.writeOnce(sessions[index], rig, data);
                        start.await(opTimeoutNs, TimeUnit.NANOSECONDS);
                        results[index] = rig.pipelined(sessions[index], new Ops.GetData(ReadWorkload.PATH), WINDOW,
                            mode.warmupNs(), mode.measureNs());
                    }
                    catch (final Exception ex)
                    {
                        errors[index] = ex;
                    }
                }, "aerie-suite-reader-" + i);
                threads[i].start();
            }
            for (final Thread thread : threads)
            {
                thread.join();
            }
            for (final Exception error : errors)
            {
                if (null != error)
                {
                    throw error;
                }
            }
            return sum(results);
        }
        finally
        {
            for (final LoadClient session : sessions)
            {
                if (null != session)
                {
                    session.close();
                }
            }
        }
    }

    private static Measurement sum(final Measurement[] results)
    {
        final Histogram histogram = results[0].histogram().copy();
        long completed = results[0].completed();
        long failed = results[0].failed();
        long elapsedNs = results[0].elapsedNs();
        for (int i = 1; i < results.length; i++)
        {
            histogram.add(results[i].histogram());
            completed += results[i].completed();
            failed += results[i].failed();
            elapsedNs = Math.max(elapsedNs, results[i].elapsedNs());
        }
        return new Measurement(histogram, completed, failed, elapsedNs, -1);
    }
}
