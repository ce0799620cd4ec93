package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.Measurement;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.Workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Workload 1, write latency: setData of 100 bytes on one node from one session, closed loop and at fixed
 * offered rates of 1k and 10k ops/s (latency from the intended send time). Also yields the rig thread's
 * allocation per closed-loop setData (workload 6, client side).
 */
public final class WriteWorkload implements Workload
{
    /** Key of the closed-loop row (the floor ratio uses it). */
    public static final String CLOSED = "write-closed";
    /** Key of the client allocation row. */
    public static final String ALLOCATION = "alloc-client";

    private static final int[] RATES = { 1_000, 10_000 };

    @Override
    public String name()
    {
        return "writes";
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
        final List<Row> rows = new ArrayList<>();
        try (LoadClient client = target.connect())
        {
            final byte[] data = Ops.data();
            client.createIfAbsent("/bench/write", data);
            final Ops.SetData op = new Ops.SetData("/bench/write", data);

            final String closedTitle = "setData 100 B, closed loop";
            final String allocationTitle = "client thread allocation, setData closed loop";
            try
            {
                final Measurement m = rig.closedLoop(client, op, mode.closedWarmupOps(), mode.closedWarmupNs(), mode.closedOps());
                rows.add(Row.latency(CLOSED, closedTitle, column, m));
                rows.add(Double.isNaN(m.bytesPerOp()) ?
                    Row.failed(ALLOCATION, allocationTitle, column, Row.Kind.BYTES_PER_OP,
                        "n/a: the client completes on its own threads") :
                    Row.bytesPerOp(ALLOCATION, allocationTitle, column, m.bytesPerOp()));
            }
            catch (final RuntimeException ex)
            {
                rows.add(Row.failed(CLOSED, closedTitle, column, Row.Kind.LATENCY_US, ex.toString()));
            }

            for (final int rate : RATES)
            {
                final String key = "write-" + (rate / 1_000) + "k";
                final String title = "setData 100 B, " + (rate / 1_000) + "k ops/s offered";
                try
                {
                    rows.add(Row.latency(
                        key, title, column, rig.fixedRate(client, op, rate, mode.warmupNs(), mode.measureNs())));
                }
                catch (final RuntimeException ex)
                {
                    rows.add(Row.failed(key, title, column, Row.Kind.LATENCY_US, ex.toString()));
                }
            }
        }
        return rows;
    }
}
