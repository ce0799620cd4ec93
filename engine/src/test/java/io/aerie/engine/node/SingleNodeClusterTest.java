package io.aerie.engine.node;

import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SingleNodeClusterTest
{
    private static final int PORT_BASE = 24000;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    File tempDir;

    private final ClusterErrors errors = new ClusterErrors();
    private LocalCluster cluster;
    private EchoClient client;

    @BeforeEach
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startClusterAndClient()
    {
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(PORT_BASE)
            .dir(new File(tempDir, "cluster"))
            .clusteredServiceSupplier(EchoService::new)
            .errorHandler(errors));
        cluster.findLeader(deadline());
        client = EchoClient.connect(cluster, errors, deadline());
    }

    @AfterEach
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closeAndCheckErrors()
    {
        CloseHelper.closeAll(client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldEchoAMessage()
    {
        final byte[] message = "hello, aerie".getBytes(StandardCharsets.UTF_8);

        assertArrayEquals(message, client.echo(message, deadline()));
    }

    @Test
    void shouldRoundTripAOneMebibyteMessage()
    {
        final byte[] message = new byte[1024 * 1024];
        for (int i = 0; i < message.length; i++)
        {
            message[i] = (byte)(i * 31 + (i >>> 12));
        }

        assertArrayEquals(message, client.echo(message, deadline()));
    }

    @Test
    void shouldCountAReportInItsMediaDriversCounters()
    {
        final AerieNode node = cluster.node(0);
        final long before = node.counters().value(NodeCounters.Metric.NODE_WARNINGS, -1);

        node.errorHandler().onError(new AeronException("a test's warning", AeronException.Category.WARN));

        assertTrue(before >= 0, "the node's warnings are an Aeron counter");
        assertTrue(node.counters().value(NodeCounters.Metric.NODE_WARNINGS, -1) >= before + 1);
        assertTrue(node.counters().has(NodeCounters.Metric.NODE_ERRORS));
        assertTrue(node.counters().has(NodeCounters.Metric.INGRESS_PADDED_FRAMES));
    }

    private static long deadline()
    {
        return System.nanoTime() + STEP_TIMEOUT_NS;
    }
}
