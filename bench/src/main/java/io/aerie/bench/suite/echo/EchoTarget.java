package io.aerie.bench.suite.echo;

import io.aerie.bench.suite.ChildJvm;
import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.RecordingCompletion;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.RigException;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.aerie.ClientDriver;
import io.aerie.bench.suite.aerie.NodeProcesses;
import io.aerie.engine.node.Durability;
import io.aerie.engine.node.EchoService;
import io.aeron.cluster.client.AeronCluster;
import org.agrona.CloseHelper;

import java.io.File;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor: the raw Aeron Cluster round trip through {@link EchoService}, in exactly Aerie's configuration (the
 * same {@link NodeProcesses}: node JVMs, idle strategies, channels, term lengths; the same {@link ClientDriver}).
 * Its client answers setData with one echo of the 100 bytes (plus an 8-byte correlation id); no watches, no
 * leader kill.
 */
public final class EchoTarget implements SystemUnderTest
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);

    private final int nodes;
    private final File dir;
    private final NodeProcesses processes;
    private ClientDriver driver;

    /**
     * @param nodes    1 or 3.
     * @param portBase first port of member 0 (each member takes 100).
     * @param workDir  parent directory for this target's files, under the temporary directory (its own
     *                 subdirectory, deleted on close).
     */
    public EchoTarget(final int nodes, final int portBase, final File workDir)
    {
        this.nodes = nodes;
        this.dir = new File(workDir, "echo-" + nodes + "-" + portBase);
        this.processes = new NodeProcesses(nodes, portBase, dir, EchoService.class.getName(), Map.of(), Durability.NONE);
    }

    @Override
    public String name()
    {
        return "echo-" + nodes;
    }

    @Override
    public String description()
    {
        return "Aeron Cluster echo, " + processes.description() + "; clients: " + ClientDriver.DESCRIPTION +
            ", rig " + Rig.POLLING_IDLE + "; node JVM flags: " + ChildJvm.inheritedFlags();
    }

    @Override
    public void start(final long deadlineNs) throws Exception
    {
        processes.start();
        driver = ClientDriver.launch(dir);
        processes.awaitTerm(deadlineNs);
        final Rig rig = new Rig(TimeUnit.SECONDS.toNanos(5));
        while (true)
        {
            try (LoadClient client = connect())
            {
                final RecordingCompletion completion = new RecordingCompletion();
                client.setData("/echo", new byte[100], System.nanoTime(), completion);
                rig.await(client, completion, 1, System.nanoTime() + rig.opTimeoutNs());
                return;
            }
            catch (final Exception ex)
            {
                for (int i = 0; i < nodes; i++)
                {
                    processes.checkAlive(i);
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new RigException(name() + " does not echo", ex);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    @Override
    public LoadClient connect()
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (true)
        {
            try
            {
                return new EchoLoadClient(new AeronCluster.Context()
                    .credentialsSupplier(new EchoCredentials())
                    .ingressEndpoints(processes.ingressEndpoints())
                    .ingressChannel("aeron:udp?term-length=" + NodeProcesses.TERM_LENGTH + "|sparse=true")
                    .egressChannel("aeron:udp?endpoint=127.0.0.1:0|term-length=" + NodeProcesses.TERM_LENGTH)
                    .aeronDirectoryName(driver.aeronDirectoryName()));
            }
            catch (final RuntimeException ex)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw ex;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    @Override
    public boolean killLeader()
    {
        return false;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(driver);
        processes.close();
    }
}
