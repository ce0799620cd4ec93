package io.aerie.client;

import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.node.NodeCounters;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReadMode#LOCAL} reads on a real three-node cluster: answered by a follower's own state, yet never older
 * than what the client has seen (its own writes, its earlier reads, anything acknowledged before its sync), while it
 * switches nodes; on this one host, over IPC through the node's own media driver unless the client turns it off.
 * One cluster for the class: no test stops a node.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalReadsClusterTest
{
    private static final int PORT_BASE = 13000;
    private static final int ROUNDS = 150;

    // Static: JUnit injects an instance @TempDir field only before each test, after @BeforeAll has used it.
    @TempDir
    static File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;

    @BeforeAll
    void start()
    {
        cluster = TestClusters.launch(3, PORT_BASE, new File(tempDir, "cluster"), errors);
    }

    @AfterAll
    void stop()
    {
        CloseHelper.close(cluster);
        errors.assertNone();
    }

    @Test
    void shouldReadOwnWritesFromAFollowerItsLocalReadsGoTo() throws AerieException
    {
        final int follower = follower();
        try (AerieClient client = AerieClient.connect(local(follower)))
        {
            client.create("/ryw", bytes(0));
            final ReadHistory history = new ReadHistory();
            for (int i = 1; i <= ROUNDS; i++)
            {
                client.setData("/ryw", bytes(i), -1);
                history.wrote(i);
                read(client, "/ryw", history);
            }
            assertEquals(List.of(), history.violations());
            assertEquals(follower, client.conductor.localReads().openedMemberId(), "answered by the follower");
        }
    }

    @Test
    void shouldKeepReadsMonotonicAndOwnWritesVisibleWhileSwitchingNodes() throws AerieException
    {
        try (AerieClient writer = AerieClient.connect(TestClusters.clientContext(cluster));
            AerieClient reader = AerieClient.connect(local(follower())))
        {
            writer.create("/switch", bytes(0));
            final ReadHistory history = new ReadHistory();
            for (int i = 1; i <= ROUNDS; i++)
            {
                writer.setData("/switch", bytes(2 * i), -1);
                if (0 == i % 3)
                {
                    reader.setData("/switch", bytes(2 * i + 1), -1);
                    history.wrote(2 * i + 1);
                }
                read(reader, "/switch", history);
                if (0 == i % 10)
                {
                    reader.conductor.localReads().moveOn(); // The next reads go to another node.
                }
            }
            assertEquals(List.of(), history.violations());
            assertEquals(ROUNDS, history.reads());
        }
    }

    @Test
    void shouldSeeEveryWriteAcknowledgedBeforeSyncOnALocalRead() throws AerieException
    {
        try (AerieClient writer = AerieClient.connect(TestClusters.clientContext(cluster));
            AerieClient reader = AerieClient.connect(local(follower())))
        {
            writer.create("/sync", bytes(0));
            read(reader, "/sync", new ReadHistory());
            final ReadHistory history = new ReadHistory();
            for (int i = 1; i <= ROUNDS; i++)
            {
                writer.setData("/sync", bytes(i), -1); // Acknowledged to the writer only.
                reader.sync("/sync");
                history.synced(i);
                read(reader, "/sync", history);
            }
            assertEquals(List.of(), history.violations());
        }
    }

    @Test
    void shouldGoThroughTheLogForReadsThatLeaveAWatch() throws Exception
    {
        try (AerieClient reader = AerieClient.connect(local(follower()));
            AerieClient writer = AerieClient.connect(TestClusters.clientContext(cluster)))
        {
            writer.create("/watched", bytes(1));
            final TestClusters.RecordingWatcher watcher = new TestClusters.RecordingWatcher();
            final Stat stat = new Stat();
            reader.getData("/watched", watcher, stat);
            writer.setData("/watched", bytes(2), -1);

            TestClusters.awaitCondition("the watch fires", () -> !watcher.events.isEmpty(), reader, writer);
            assertEquals("NODE_DATA_CHANGED /watched", watcher.events.get(0));
            assertEquals("2", new String(reader.getData("/watched"), StandardCharsets.UTF_8),
                "a local read after the event shows the change");
        }
    }

    @Test
    void shouldReadOverIpcThroughTheNodesOwnDriverOnThisHost() throws AerieException
    {
        final int follower = follower();
        try (AerieClient client = AerieClient.connect(local(follower)))
        {
            client.create("/ipc", bytes(0));
            read(client, "/ipc", new ReadHistory()); // Opens the node: over UDP, then over IPC once offered.
            final long before = localReads(follower, NodeCounters.Metric.LOCAL_READS_IPC);
            final ReadHistory history = new ReadHistory();
            for (int i = 1; i <= ROUNDS; i++)
            {
                client.setData("/ipc", bytes(i), -1);
                history.wrote(i);
                read(client, "/ipc", history);
            }
            assertEquals(List.of(), history.violations());
            assertTrue(client.conductor.localReads().isReadingOverIpc(), "reading over IPC");
            assertEquals(ROUNDS + 1, client.conductor.localReads().answeredOverIpc(), "every read answered over IPC");
            // The node counts a read just after it answers it: the last count may come a moment after its answer.
            TestClusters.awaitCondition("the follower counted them as IPC reads",
                () -> localReads(follower, NodeCounters.Metric.LOCAL_READS_IPC) - before >= ROUNDS, client);
        }
    }

    @Test
    void shouldReadOverUdpWhenTheClientTurnsIpcOff() throws AerieException
    {
        final int follower = follower();
        try (AerieClient client = AerieClient.connect(withoutIpc(local(follower))))
        {
            client.create("/udp", bytes(0));
            read(client, "/udp", new ReadHistory());
            final long allBefore = localReads(follower, NodeCounters.Metric.LOCAL_READS);
            final long ipcBefore = localReads(follower, NodeCounters.Metric.LOCAL_READS_IPC);
            final ReadHistory history = new ReadHistory();
            for (int i = 1; i <= ROUNDS; i++)
            {
                client.setData("/udp", bytes(i), -1);
                history.wrote(i);
                read(client, "/udp", history);
            }
            assertEquals(List.of(), history.violations());
            assertEquals(0, client.conductor.localReads().answeredOverIpc(), "no read answered over IPC");
            assertEquals(ROUNDS + 1, client.conductor.localReads().answered(), "every read answered by the node");
            TestClusters.awaitCondition("the follower counted them as local reads",
                () -> localReads(follower, NodeCounters.Metric.LOCAL_READS) - allBefore >= ROUNDS, client);
            assertEquals(ipcBefore, localReads(follower, NodeCounters.Metric.LOCAL_READS_IPC),
                "this client's reads are not IPC reads (other tests of the class run one at a time)");
        }
    }

    private static AerieClient.Context withoutIpc(final AerieClient.Context ctx)
    {
        ctx.reads().readIpc(false);
        return ctx;
    }

    private long localReads(final int member, final NodeCounters.Metric metric)
    {
        return cluster.node(member).counters().value(metric, -1);
    }

    private AerieClient.Context local(final int member)
    {
        final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
        clientCtx.reads()
            .readMode(ReadMode.LOCAL)
            .readMember(member);
        return clientCtx;
    }

    private int follower()
    {
        final AerieNode leader = cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
        final int follower = (leader.memberId() + 1) % 3;
        assertNotEquals(leader.memberId(), follower);
        return follower;
    }

    private static void read(final AerieClient client, final String path, final ReadHistory history) throws AerieException
    {
        final Stat stat = new Stat();
        final byte[] data = client.getData(path, stat);
        final LocalReads localReads = client.conductor.localReads();
        history.read(Long.parseLong(new String(data, StandardCharsets.UTF_8)), stat.mzxid(),
            "member " + (null == localReads ? -1 : localReads.openedMemberId()));
        assertTrue(stat.mzxid() > 0);
    }

    private static byte[] bytes(final long value)
    {
        return Long.toString(value).getBytes(StandardCharsets.UTF_8);
    }
}
