package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.Workload;

import java.util.List;

/**
 * Workload 3, read latency: getData of a 100-byte node from one session, closed loop. In Aerie a read goes
 * through the log like a write; in ZooKeeper the connected server answers from memory.
 */
public final class ReadWorkload implements Workload
{
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
        final String key = "read-closed";
        final String title = "getData 100 B, closed loop (Aerie: through the log, linearizable; ZooKeeper: " +
            "local read of the connected server, not linearizable)";
        try (LoadClient client = target.connect())
        {
            client.createIfAbsent("/bench/read", Ops.data());
            return List.of(Row.latency(key, title, column,
                rig.closedLoop(client, new Ops.GetData("/bench/read"), mode.closedWarmupOps(), mode.closedOps())));
        }
        catch (final RuntimeException ex)
        {
            return List.of(Row.failed(key, title, column, Row.Kind.LATENCY_US, ex.toString()));
        }
    }
}
