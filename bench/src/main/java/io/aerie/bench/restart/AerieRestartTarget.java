package io.aerie.bench.restart;

import io.aerie.bench.suite.aerie.ClientDriver;
import io.aerie.bench.suite.aerie.NodeProcesses;
import io.aerie.client.AerieClient;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.node.Durability;
import io.aerie.engine.node.NodeStorage;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeConfiguration;
import io.aeron.cluster.ClusterTool;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Aerie as the rig runs it: one node process ({@link NodeProcesses}, the suite's configuration), no automatic
 * snapshots, durability {@code none} (restart time does not depend on it), a client over a media driver in the
 * rig's JVM that is replaced after every restart.
 */
final class AerieRestartTarget extends RestartTarget
{
    private static final int WINDOW = 256;
    private static final long STOP_GRACE_MS = 30_000;
    private static final int SNAPSHOT_ATTEMPTS = 5;

    private final File dir;
    private final NodeProcesses nodes;
    private ClientDriver driver;
    private AerieClient client;

    AerieRestartTarget(final TreeShape shape, final long timeoutNs, final File dir, final int portBase)
    {
        super(shape, timeoutNs);
        this.dir = dir;
        final long capacity = Math.max(ZnodeTreeConfiguration.MAX_ZNODES_DEFAULT, shape.znodes() + shape.znodes() / 10);
        nodes = new NodeProcesses(1, portBase, dir, AerieClusteredService.class.getName(), Map.of(
            ZnodeTreeConfiguration.MAX_ZNODES_PROP_NAME, Long.toString(capacity),
            AerieClusteredService.Context.SNAPSHOT_LOG_BYTES_PROP_NAME, "0"), Durability.NONE);
    }

    @Override
    String name()
    {
        return "aerie";
    }

    @Override
    void startEmpty() throws Exception
    {
        driver = ClientDriver.launch(dir);
        nodes.start();
        nodes.awaitTerm(System.nanoTime() + timeoutNs);
        client = connect();
    }

    @Override
    void load() throws Exception
    {
        final AtomicLong answered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final ResponseHandler handler = (response) ->
        {
            if (ResultCode.OK != response.code())
            {
                failed.incrementAndGet();
            }
            answered.incrementAndGet();
        };
        final UnsafeBuffer data = new UnsafeBuffer(shape.data());
        final AclList acl = AclList.openAclUnsafe();
        long sent = 0;
        client.create(TreeShape.ROOT, new byte[0]);
        for (long parent = 0; parent < shape.parents(); parent++)
        {
            client.create(shape.parentPath(parent), new byte[0]);
        }
        for (long leaf = 0; leaf < shape.leaves(); leaf++)
        {
            while (sent - answered.get() >= WINDOW)
            {
                LockSupport.parkNanos(50_000);
            }
            client.create(shape.leafPath(leaf), data, 0, data.capacity(), acl, CreateMode.PERSISTENT, -1, handler);
            sent++;
        }
        while (answered.get() < sent)
        {
            LockSupport.parkNanos(1_000_000);
        }
        if (failed.get() > 0)
        {
            throw new IllegalStateException("aerie: " + failed.get() + " creates failed");
        }
    }

    @Override
    void snapshot()
    {
        // ClusterTool gives up after its own timeout, which a loaded machine can exceed: ask again a few times.
        final File clusterDir = new File(nodes.nodeDir(0), NodeStorage.Configuration.CLUSTER_DIR_NAME);
        final ByteArrayOutputStream toolOut = new ByteArrayOutputStream();
        for (int attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++)
        {
            if (ClusterTool.snapshot(clusterDir, new PrintStream(toolOut, true, StandardCharsets.UTF_8)))
            {
                return;
            }
        }
        throw new IllegalStateException("aerie: the snapshot failed: " + toolOut.toString(StandardCharsets.UTF_8));
    }

    @Override
    void stop(final boolean kill)
    {
        CloseHelper.quietClose(client);
        client = null;
        if (kill)
        {
            nodes.kill(0);
        }
        else
        {
            nodes.stop(0, STOP_GRACE_MS);
        }
    }

    @Override
    void startProcess() throws Exception
    {
        nodes.restart(0);
    }

    @Override
    boolean readsLastLeaf()
    {
        nodes.checkAlive(0);
        try
        {
            if (null == client)
            {
                client = connect();
            }
            return Arrays.equals(shape.data(), client.getData(shape.lastLeafPath()));
        }
        catch (final Exception ex)
        {
            CloseHelper.quietClose(client);
            client = null;
            return false;
        }
    }

    @Override
    long countLoad()
    {
        try
        {
            return client.getAllChildrenNumber(TreeShape.ROOT);
        }
        catch (final Exception ex)
        {
            return -1;
        }
    }

    @Override
    long pid()
    {
        return nodes.process(0).pid();
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(client);
        CloseHelper.quietClose(nodes);
        CloseHelper.quietClose(driver);
    }

    private AerieClient connect() throws Exception
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.connection()
            .ingressEndpoints(nodes.ingressEndpoints())
            .ingressChannel("aeron:udp?term-length=" + NodeProcesses.TERM_LENGTH + "|sparse=true")
            .egressChannel("aeron:udp?endpoint=localhost:0|term-length=" + NodeProcesses.TERM_LENGTH)
            .aeronDirectoryName(driver.aeronDirectoryName());
        clientCtx.requests()
            .requestTimeoutNs(TimeUnit.SECONDS.toNanos(5))
            .maxInFlight(WINDOW * 2);
        return AerieClient.connect(clientCtx);
    }
}
