package io.aerie.client;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.LocalCluster;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The per-call read mode ({@link AerieClient#reads(ReadMode)}) on a real one-node cluster: a LINEARIZABLE view's
 * reads go through the log on a LOCAL client, a LOCAL view's reads are answered by the node's read channel on a
 * LINEARIZABLE client (which opens its local read path for them), in both threading modes. Which path answered is
 * told by the client's count of reads its local read path had answered. One cluster for the class.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModePerCallClusterTest
{
    private static final int PORT_BASE = 1800;

    // Static: JUnit injects an instance @TempDir field only before each test, after @BeforeAll has used it.
    @TempDir
    static File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;

    @BeforeAll
    void start() throws AerieException
    {
        cluster = TestClusters.launch(1, PORT_BASE, new File(tempDir, "cluster"), errors);
        try (AerieClient client = AerieClient.connect(TestClusters.clientContext(cluster)))
        {
            client.create("/config", bytes("v1"));
            client.create("/config/a", bytes("a"));
        }
    }

    @AfterAll
    void stop()
    {
        CloseHelper.close(cluster);
        errors.assertNone();
    }

    @Test
    void shouldServeALinearizableViewsReadsThroughTheLogOnALocalClient() throws AerieException
    {
        final AerieClient.Context clientCtx2 = TestClusters.clientContext(cluster);
        clientCtx2.reads().readMode(ReadMode.LOCAL);
        try (AerieClient client = AerieClient.connect(clientCtx2))
        {
            final Reads linearizable = client.reads(ReadMode.LINEARIZABLE);
            final Stat stat = new Stat();

            assertArrayEquals(bytes("v1"), linearizable.getData("/config", stat));
            assertEquals(List.of("a"), linearizable.getChildren("/config", stat));
            assertEquals(1, linearizable.getAllChildrenNumber("/config"));
            assertNull(linearizable.exists("/missing"));
            assertEquals(0, client.conductor.localReads().answered(), "no read answered by the read channel");

            assertArrayEquals(bytes("v1"), client.getData("/config"));
            assertEquals(1, client.conductor.localReads().answered(), "the client's own mode still reads locally");
        }
    }

    @Test
    void shouldServeALocalViewsReadsFromTheNodesReadChannelOnALinearizableClient() throws AerieException
    {
        try (AerieClient client = AerieClient.connect(TestClusters.clientContext(cluster)))
        {
            assertArrayEquals(bytes("v1"), client.getData("/config"));
            assertNull(client.conductor.localReads(), "a linearizable client opens no read channel for its own reads");

            final Reads local = client.reads(ReadMode.LOCAL);
            final Stat stat = new Stat();
            assertArrayEquals(bytes("v1"), local.getData("/config", stat));
            assertNotNull(local.exists("/config/a"));
            assertEquals(ResultCode.NO_NODE, assertThrows(AerieException.class, () -> local.getData("/missing")).code());
            assertEquals(3, client.conductor.localReads().answered());

            client.getData("/config");
            assertEquals(3, client.conductor.localReads().answered(), "the client's own reads stay in the log");
        }
    }

    @Test
    void shouldSeeItsOwnWriteOnALocalViewReadRightAfterIt() throws AerieException
    {
        try (AerieClient client = AerieClient.connect(TestClusters.clientContext(cluster)))
        {
            final Reads local = client.reads(ReadMode.LOCAL);
            for (int i = 0; i < 20; i++)
            {
                final Stat written = client.setData("/config/a", bytes("a" + i), -1);
                final Stat read = new Stat();
                assertArrayEquals(bytes("a" + i), local.getData("/config/a", read));
                assertEquals(written.mzxid(), read.mzxid());
            }
            assertEquals(20, client.conductor.localReads().answered());
        }
    }

    @Test
    void shouldCarryTheModeOfACallMadeOffTheConductorThread() throws AerieException
    {
        final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
        clientCtx.agents().useConductorInvoker(false);
        try (AerieClient client = AerieClient.connect(clientCtx))
        {
            assertArrayEquals(bytes("v1"), client.reads(ReadMode.LOCAL).getData("/config"));
            assertArrayEquals(bytes("v1"), client.reads(ReadMode.LINEARIZABLE).getData("/config"));
            assertArrayEquals(bytes("v1"), client.getData("/config"));

            assertEquals(1, client.conductor.localReads().answered());
        }
    }

    @Test
    void shouldHandOutOneViewPerMode() throws AerieException
    {
        try (AerieClient client = AerieClient.connect(TestClusters.clientContext(cluster)))
        {
            assertSame(client.reads(ReadMode.LOCAL), client.reads(ReadMode.LOCAL));
            assertSame(client.reads(ReadMode.LINEARIZABLE), client.reads(ReadMode.LINEARIZABLE));
            assertEquals(ReadMode.LOCAL, client.reads(ReadMode.LOCAL).mode());
        }
    }

    private static byte[] bytes(final String value)
    {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
