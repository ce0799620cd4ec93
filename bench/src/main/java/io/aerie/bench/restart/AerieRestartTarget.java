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
import io.aerie.engine.service.ServiceCounterTypes;
import io.aerie.engine.tree.ZnodeTreeConfiguration;
import io.aeron.AeronCounters;
import io.aeron.cluster.ClusterTool;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
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
    private final File treeMapDir;
    private final NodeProcesses nodes;
    private ClientDriver driver;
    private AerieClient client;

    /**
     * @param treeMapDir directory of the node's tree maps as files ({@code aerie.tree.map.dir}; removed on close),
     *                   or null for the node's default ({@code <node dir>/tree}).
     * @param mapFiles   false for maps in memory, every restart loading the snapshot ({@code aerie.tree.map.files}).
     */
    AerieRestartTarget(
        final TreeShape shape,
        final long timeoutNs,
        final File dir,
        final int portBase,
        final File treeMapDir,
        final boolean mapFiles)
    {
        super(shape, timeoutNs);
        this.dir = dir;
        this.treeMapDir = treeMapDir;
        final long capacity = Math.max(ZnodeTreeConfiguration.MAX_ZNODES_DEFAULT, shape.znodes() + shape.znodes() / 10);
        final Map<String, String> properties = new HashMap<>(Map.of(
            ZnodeTreeConfiguration.MAX_ZNODES_PROP_NAME, Long.toString(capacity),
            AerieClusteredService.Context.SNAPSHOT_LOG_BYTES_PROP_NAME, "0"));
        if (null != treeMapDir)
        {
            properties.put(ZnodeTreeConfiguration.MAP_DIR_PROP_NAME, treeMapDir.getAbsolutePath());
        }
        properties.put(ZnodeTreeConfiguration.MAP_FILES_PROP_NAME, Boolean.toString(mapFiles));
        nodes = new NodeProcesses(1, portBase, dir, AerieClusteredService.class.getName(), properties, Durability.NONE);
    }

    @Override
    String name()
    {
        return "aerie";
    }

    @Override
    String diskUse()
    {
        final File nodeDir = nodes.nodeDir(0);
        return DiskUse.describe(null == treeMapDir ? new File(nodeDir, NodeStorage.Configuration.TREE_DIR_NAME) : treeMapDir,
            new File(nodeDir, NodeStorage.Configuration.ARCHIVE_DIR_NAME),
            new File(nodeDir, NodeStorage.Configuration.CLUSTER_DIR_NAME));
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

    /**
     * @return the node's consensus module state, election state, role and its service's znode count ("none" before
     * the service registers its counters, "all" once it holds the whole load), from its CnC file.
     */
    @Override
    String phase()
    {
        final long[] values = nodes.counters(0, AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID,
            AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID, AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID,
            ServiceCounterTypes.ZNODES);
        if (null == values)
        {
            return "";
        }
        final long znodes = values[3];
        return "cm=" + (values[0] < 0 ? "-" : ConsensusModule.State.get(values[0]).name()) +
            " election=" + (values[1] < 0 ? "-" : ElectionState.get(values[1]).name()) +
            " role=" + (values[2] < 0 ? "-" : Cluster.Role.get(values[2]).name()) +
            " znodes=" + (znodes < 0 ? "none" : znodes >= shape.znodes() ? "all" : 0 == znodes ? "0" : "some");
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(client);
        CloseHelper.quietClose(nodes);
        CloseHelper.quietClose(driver);
        if (null != treeMapDir)
        {
            io.aerie.bench.suite.ChildJvm.deleteRecursively(treeMapDir);
        }
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
