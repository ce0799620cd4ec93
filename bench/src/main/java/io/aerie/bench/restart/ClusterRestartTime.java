package io.aerie.bench.restart;

import io.aerie.bench.suite.aerie.NodeProcesses;
import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.engine.node.NodeStorage;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeConfiguration;
import io.aeron.cluster.ClusterTool;
import io.aeron.cluster.ElectionState;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Whole-cluster restart: a 3-node cluster (one JVM per node) holding {@code znodes} znodes of 100 B is snapshotted,
 * written to {@code after} more times (log to replay), then every node is killed ({@code kill -9}) and all three
 * are started again at once with no extra setting. Prints, from the restart: when each node entered each election
 * state (its consensus module's counter, sampled every 5 ms: until the first state the JVM starts, removes the dead
 * node's files and loads its snapshot; CANVASS waits for the other members; *_REPLAY replays the log after the
 * snapshot), when a leader was elected, the first acknowledged write, and the first read that returns the last
 * write made before the kill. Beside each state's wall time, the CPU time the node's process had used by then
 * ({@code /proc}): on a loaded machine the wall time is mostly waiting for a core, the CPU time is the cost.
 * <p>
 * A rig beside the restart rig ({@link RestartRig}: one node against ZooKeeper standalone), on the suite's node
 * processes ({@link NodeProcesses}): the same child JVMs, properties files and ports as the suite's Aerie targets.
 * <p>
 * Usage: {@code ClusterRestartTime [znodes=10000] [after=1000] [portBase=11000]}. Ports portBase..portBase+205.
 */
public final class ClusterRestartTime
{
    private static final long STEP_NS = TimeUnit.SECONDS.toNanos(300);
    private static final long SAMPLE_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int BATCH = 100;

    private ClusterRestartTime()
    {
    }

    /**
     * @param args {@code [znodes] [after] [portBase]}.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int znodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        final int after = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        final int portBase = args.length > 2 ? Integer.parseInt(args[2]) : 11_000;
        final File dir = Files.createTempDirectory("aerie-cluster-restart").toFile();
        final Map<String, String> properties = Map.of(
            NodeStorage.Configuration.DELETE_DIRS_ON_START_PROP_NAME, "false",
            ZnodeTreeConfiguration.MAX_ZNODES_PROP_NAME, Integer.toString(znodes + 10_000));

        try (NodeProcesses nodes = new NodeProcesses(
            3, portBase, dir, AerieClusteredService.class.getName(), properties, NodeStorage.Configuration.durability()))
        {
            nodes.start();
            nodes.awaitTerm(System.nanoTime() + STEP_NS);
            final byte[] last = load(nodes, znodes, after, new File(dir, "node-" + nodes.leader() + "/cluster"));

            for (int i = 0; i < 3; i++)
            {
                nodes.kill(i);
            }
            final long restartNs = System.nanoTime();
            for (int i = 0; i < 3; i++)
            {
                nodes.restart(i);
            }
            final long[][] cpuMs = new long[3][ElectionState.values().length];
            final long[][] stateMs = sampleUntilTerm(nodes, restartNs, cpuMs);
            final long leaderMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartNs);
            for (int i = 0; i < 3; i++)
            {
                System.out.println("  node " + i + " CPU ms by thread once in the term: " +
                    ServerCpu.byThread(nodes.process(i).pid()));
            }
            final long[] writeAndReadMs = writeAndRead(nodes, restartNs, last);

            System.out.printf("whole-cluster restart, %,d znodes of 100 B, %,d writes after the snapshot:%n",
                znodes, after);
            printStates(stateMs, cpuMs);
            System.out.printf("leader elected, every node in the term: %,d ms; first write acknowledged: %,d ms; " +
                "last write before the kill read back: %,d ms%n", leaderMs, writeAndReadMs[0], writeAndReadMs[1]);
        }
    }

    private static byte[] load(final NodeProcesses nodes, final int znodes, final int after, final File leaderClusterDir)
        throws AerieException
    {
        final byte[] data = new byte[100];
        final UnsafeBuffer buffer = new UnsafeBuffer(data);
        try (AerieClient client = AerieClient.connect(clientContext(nodes)))
        {
            client.create("/r", null);
            final MultiOps ops = new MultiOps();
            for (int i = 0; i < znodes; i += BATCH)
            {
                ops.clear();
                for (int j = i; j < Math.min(znodes, i + BATCH); j++)
                {
                    ops.create("/r/" + j, buffer, 0, data.length, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1);
                }
                client.multi(ops);
            }

            final long snapshotNs = System.nanoTime();
            if (!ClusterTool.snapshot(leaderClusterDir, new PrintStream(OutputStream.nullOutputStream())))
            {
                throw new IllegalStateException("snapshot not taken");
            }
            System.out.printf("snapshot of %,d znodes taken in %,d ms%n",
                znodes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - snapshotNs));

            for (int i = 0; i < after; i++)
            {
                data[0] = (byte)i;
                data[1] = (byte)(i >> 8);
                client.setData("/r/0", data, -1);
            }
            return data.clone();
        }
    }

    private static long[][] sampleUntilTerm(final NodeProcesses nodes, final long restartNs, final long[][] cpuMs)
    {
        final ElectionState[] states = ElectionState.values();
        final long[][] stateMs = new long[3][states.length];
        for (final long[] row : stateMs)
        {
            Arrays.fill(row, -1);
        }

        final long deadlineNs = restartNs + STEP_NS;
        while (nodes.leader() < 0 || !allClosed(nodes))
        {
            final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartNs);
            for (int i = 0; i < 3; i++)
            {
                nodes.checkAlive(i);
                final long code = nodes.electionState(i);
                final ElectionState state = code < 0 || code >= states.length ? null : ElectionState.get(code);
                if (null != state && stateMs[i][state.ordinal()] < 0)
                {
                    stateMs[i][state.ordinal()] = ms;
                    cpuMs[i][state.ordinal()] = ServerCpu.processMs(nodes.process(i).pid());
                }
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("no leader " + TimeUnit.NANOSECONDS.toSeconds(STEP_NS) + " s after restart");
            }
            LockSupport.parkNanos(SAMPLE_NS);
        }
        return stateMs;
    }

    private static boolean allClosed(final NodeProcesses nodes)
    {
        for (int i = 0; i < 3; i++)
        {
            if (ElectionState.CLOSED.code() != nodes.electionState(i))
            {
                return false;
            }
        }
        return true;
    }

    private static long[] writeAndRead(final NodeProcesses nodes, final long restartNs, final byte[] last)
        throws AerieException
    {
        try (AerieClient client = AerieClient.connect(clientContext(nodes)))
        {
            client.create("/after-restart", null);
            final long writeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartNs);
            if (!Arrays.equals(last, client.getData("/r/0")))
            {
                throw new IllegalStateException("the last write before the kill is missing");
            }
            return new long[]{ writeMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartNs) };
        }
    }

    private static void printStates(final long[][] stateMs, final long[][] cpuMs)
    {
        final ElectionState[] states = ElectionState.values();
        for (int i = 0; i < stateMs.length; i++)
        {
            final StringBuilder line = new StringBuilder("  node ").append(i).append(':');
            for (int s = 0; s < states.length; s++)
            {
                if (stateMs[i][s] >= 0)
                {
                    line.append(' ').append(states[s].name()).append('@').append(stateMs[i][s]).append("ms")
                        .append("(cpu ").append(cpuMs[i][s]).append("ms)");
                }
            }
            System.out.println(line);
        }
    }

    private static AerieClient.Context clientContext(final NodeProcesses nodes)
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection().ingressEndpoints(nodes.ingressEndpoints());
        clientCtx.requests().requestTimeoutNs(STEP_NS);
        return clientCtx;
    }
}
