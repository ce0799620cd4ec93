package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hard quotas and per-session limits through the real client and a one-node cluster (port base 16000): each limit
 * gives its exception, with ZooKeeper's message shape, changes nothing, and the client keeps working.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientLimitsClusterTest
{
    private static final int PORT_BASE = 16_000;
    private static final int MAX_WATCHES = 2;
    private static final int MAX_EPHEMERALS = 1;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;
    private AerieClient client;

    @BeforeEach
    void start() throws AerieException
    {
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(PORT_BASE)
            .dir(new File(tempDir, "cluster"))
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .maxWatchesPerSession(MAX_WATCHES)
                .treeContext(new ZnodeTreeContext()
                    .maxZnodes(10_000)
                    .largeDataCapacity(32L * 1024 * 1024)
                    .quotaEnforced(true)
                    .maxEphemeralsPerSession(MAX_EPHEMERALS)))
            .errorHandler(errors));
        cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldRefuseACreateOverAHardQuotaWithZooKeepersMessage() throws AerieException
    {
        client.create("/app", null);
        client.create("/zookeeper/quota/app", null);
        client.create("/zookeeper/quota/app/zookeeper_limits", utf8("count=-1,bytes=-1;countHardLimit=2;byteHardLimit=-1"));
        client.create("/zookeeper/quota/app/zookeeper_stats", utf8("count=0,bytes=0"));
        client.create("/app/a", null);

        final AerieException ex = assertThrows(
            AerieException.QuotaExceededException.class, () -> client.create("/app/b", null));

        assertEquals("KeeperErrorCode = Quota has exceeded for /app/b", ex.getMessage());
        assertNull(client.exists("/app/b"));
        assertEquals("count=2,bytes=0", new String(client.getData("/zookeeper/quota/app/zookeeper_stats"),
            StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseAWatchPastTheSessionsLimitAndKeepWorking() throws AerieException
    {
        client.create("/w", null);
        client.create("/w2", new byte[]{ 7 });
        client.exists("/w", event -> { });
        client.getChildren("/w", event -> { });

        final AerieException ex = assertThrows(
            AerieException.TooManyWatchesException.class, () -> client.getData("/w2", event -> { }, null));

        assertEquals("KeeperErrorCode = TooManyWatches for /w2", ex.getMessage());
        assertEquals(1, client.getData("/w2", null, null).length, "a read without a watch still answers");
    }

    @Test
    void shouldRefuseAnEphemeralPastTheSessionsLimit() throws AerieException
    {
        client.create("/e1", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);

        final AerieException ex = assertThrows(AerieException.TooManyEphemeralsException.class,
            () -> client.create("/e2", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1));

        assertEquals(ResultCode.TOO_MANY_EPHEMERALS, ex.code());
        assertNull(client.exists("/e2"));
    }

    @Test
    void shouldAnswerRequestsPastTheClientsPendingLimitWithTooManyRequests() throws AerieException
    {
        final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
        clientCtx.requests()
            .maxInFlight(1)
            .maxPending(2);
        try (AerieClient bounded = AerieClient.connect(clientCtx))
        {
            final List<ResultCode> codes = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                bounded.existsAsync("/", (response) -> codes.add(response.code()));
            }

            TestClusters.awaitCondition("three answers", () -> 3 == codes.size(), bounded);

            assertEquals(List.of(ResultCode.TOO_MANY_REQUESTS, ResultCode.OK, ResultCode.OK), codes);
        }
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
