package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.Workload;

import java.util.List;

/**
 * Workload 4, throughput: setData of 100 bytes from one session with {@value #WINDOW} requests in flight,
 * ops/s over the measured time (with the latencies seen at that load). Requests beyond a client's own
 * in-flight limit queue in the client (Aerie's default is 16), as an application's would.
 */
public final class PipelinedWorkload implements Workload
{
    /** Requests in flight. */
    public static final int WINDOW = 64;
    /** Key of the row. */
    public static final String KEY = "write-pipelined";

    @Override
    public String name()
    {
        return "pipelined";
    }

    @Override
    public boolean floorCapable()
    {
        return true;
    }

    @Override
    public List<Row> run(final SystemUnderTest target, final String column, final Rig rig, final SuiteMode mode)
        throws Exception
    {
        final String title = "setData 100 B, pipelined (" + WINDOW + " in flight)";
        try (LoadClient client = target.connect())
        {
            final byte[] data = Ops.data();
            client.createIfAbsent("/bench/pipelined", data);
            return List.of(Row.throughput(KEY, title, column, rig.pipelined(
                client, new Ops.SetData("/bench/pipelined", data), WINDOW, mode.warmupNs(), mode.measureNs())));
        }
        catch (final RuntimeException ex)
        {
            return List.of(Row.failed(KEY, title, column, Row.Kind.THROUGHPUT, ex.toString()));
        }
    }
}
