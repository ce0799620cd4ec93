package io.aerie.client;

import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.ClusterTiming;
import io.aerie.engine.node.NodeStorage;
import io.aerie.engine.node.NodeTransport;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A follower that lags never answers a {@link ReadMode#LOCAL} read with a state older than the client has seen: three
 * node processes; the follower a client reads from is paused with SIGSTOP, the client's write is acknowledged by the
 * other two, the client's read goes to the paused follower and gets no answer; once resumed (SIGCONT), the follower
 * answers it with the write, not the state it had when it was paused.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LocalReadsLaggingFollowerClusterTest
{
    private static final int PORT_BASE = 13040;
    private static final int NODES = 3;

    @TempDir
    File tempDir;

    private final Process[] processes = new Process[NODES];
    private AerieClient client;

    @AfterEach
    void stop() throws InterruptedException
    {
        CloseHelper.quietClose(client);
        for (final Process process : processes)
        {
            if (null != process)
            {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        for (int i = 0; i < NODES; i++)
        {
            AerieNode.removeStaleMarkFiles(nodeDir(i), aeronDir(i));
        }
    }

    @Test
    void shouldHoldAReadOnAPausedFollowerRatherThanAnswerStale() throws Exception
    {
        for (int i = 0; i < NODES; i++)
        {
            processes[i] = ChildJvms.startAndAwait("aerie node started", AerieNode.class, properties(i).getPath());
        }
        final AerieClient.Context base = new AerieClient.Context();
        base.agents().useConductorInvoker(true);
        base.connection()
            .ingressEndpoints(ingressEndpoints())
            .ingressChannel("aeron:udp?term-length=16m")
            .egressChannel("aeron:udp?endpoint=localhost:0|term-length=16m");
        base.requests().requestTimeoutNs(TimeUnit.SECONDS.toNanos(60));
        client = connect(base);
        final int follower = (client.leaderMemberId() + 1) % NODES;
        client.close();
        final AerieClient.Context clientCtx = base;
        clientCtx.reads()
            .readMode(ReadMode.LOCAL)
            .readMember(follower)
            .readTimeoutNs(TimeUnit.SECONDS.toNanos(60));
        client = connect(clientCtx);

        client.create("/lag", bytes("before"));
        assertEquals("before", new String(client.getData("/lag"), StandardCharsets.UTF_8));
        assertEquals(follower, client.conductor.localReads().openedMemberId());

        ChildJvms.signal("STOP", processes[follower]);
        final long paused = System.nanoTime();
        client.setData("/lag", bytes("after"), -1); // Acknowledged by the leader and the other follower.
        final TextAnswer answer = new TextAnswer();
        client.getDataAsync("/lag", answer);
        final long quietUntilNs = paused + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() - quietUntilNs < 0)
        {
            client.poll();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertEquals(null, answer.data, "a paused follower answers nothing");

        ChildJvms.signal("CONT", processes[follower]);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (null == answer.data && System.nanoTime() - deadlineNs < 0)
        {
            client.poll();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        // The follower answers once it has caught up; if the pause outlived the channels' liveness (a loaded machine),
        // the client moved to another node instead. Either way the answer is never the follower's stale state.
        assertEquals("after", answer.data, "answered with the write the client saw, not the follower's stale state");
        assertTrue(answer.zxid > 0);
        System.out.printf("LocalReadsLaggingFollowerClusterTest: paused follower %d, answered by member %d%n",
            follower, client.conductor.localReads().openedMemberId());
    }

    /**
     * Keeps the answer's data as text.
     */
    static final class TextAnswer implements ResponseHandler
    {
        volatile String data;
        volatile long zxid;

        @Override
        public void onResponse(final Response response)
        {
            zxid = response.zxid();
            final byte[] bytes = new byte[response.dataLength()];
            response.data().getBytes(0, bytes);
            data = new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private AerieClient connect(final AerieClient.Context ctx)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            try
            {
                return AerieClient.connect(ctx);
            }
            catch (final AerieException | RuntimeException ex)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new AssertionError("no client connection", ex);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    private File properties(final int memberId) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty(AerieNode.Configuration.MEMBER_ID_PROP_NAME, Integer.toString(memberId));
        properties.setProperty(NodeTransport.Configuration.CLUSTER_HOSTS_PROP_NAME, "localhost,localhost,localhost");
        properties.setProperty(NodeTransport.Configuration.PORT_BASE_PROP_NAME, Integer.toString(PORT_BASE));
        properties.setProperty(NodeStorage.Configuration.DIR_PROP_NAME, nodeDir(memberId).getPath());
        properties.setProperty(NodeStorage.Configuration.AERON_DIR_PROP_NAME, aeronDir(memberId));
        // Paused for a moment, the follower must not take the silence for a dead leader.
        properties.setProperty(ClusterTiming.Configuration.LEADER_HEARTBEAT_TIMEOUT_PROP_NAME, "5s");
        properties.setProperty("aerie.tree.max.znodes", "10000");
        properties.setProperty("aerie.tree.large.data.capacity", "8m");
        final File file = new File(tempDir, "node-" + memberId + ".properties");
        try (Writer writer = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8))
        {
            properties.store(writer, "LocalReadsLaggingFollowerClusterTest member " + memberId);
        }
        return file;
    }

    private File nodeDir(final int memberId)
    {
        return new File(tempDir, "node-" + memberId);
    }

    private String aeronDir(final int memberId)
    {
        return NodeStorage.Configuration.defaultAeronDirectoryName(nodeDir(memberId));
    }

    private static String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NODES; i++)
        {
            sb.append(i > 0 ? "," : "").append(i).append("=localhost:").append(PORT_BASE + 100 * i);
        }
        return sb.toString();
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
