package io.aerie.client;

import io.aerie.codecs.ResultCode;
import io.aerie.engine.node.LocalCluster;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A request larger than the ingress takes in one message (here 3 MiB of data, over the 2 MiB a 16 MiB term
 * carries) fails with DATA_TOO_LARGE, as data over the cluster's limit does, instead of Aeron's exception; the
 * client keeps working. Data between the cluster's limit (1 MiB) and the message limit is refused by the cluster
 * with the same code. One node on loopback, port base 23000.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientOversizedRequestClusterTest
{
    private static final int PORT_BASE = 23000;
    private static final byte[] HUGE = new byte[3 * 1024 * 1024];
    private static final byte[] OVER_LIMIT = new byte[1024 * 1024 + 1];

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;
    private AerieClient client;

    @BeforeEach
    void start() throws AerieException
    {
        cluster = TestClusters.launch(1, PORT_BASE, new File(tempDir, "cluster"), errors);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldFailRequestTooLargeToSendWithDataTooLargeAndKeepWorking() throws AerieException
    {
        final AerieException ex = assertThrows(AerieException.class, () -> client.create("/huge", HUGE));

        assertEquals(ResultCode.DATA_TOO_LARGE, ex.code());
        assertEquals("/huge", ex.path());
        assertNull(client.exists("/huge"));
        client.create("/after", new byte[]{ 1 });
        assertEquals(1, client.getData("/after").length);
    }

    @Test
    void shouldRefuseDataOverTheClusterLimitWithTheSameCode()
    {
        final AerieException ex = assertThrows(AerieException.class, () -> client.create("/over", OVER_LIMIT));

        assertEquals(ResultCode.DATA_TOO_LARGE, ex.code());
    }

    @Test
    void shouldAnswerAsyncRequestTooLargeToSendThroughItsHandler() throws AerieException
    {
        client.create("/async", new byte[0]);
        final List<ResultCode> codes = new ArrayList<>();
        final long correlationId = client.setData(
            "/async", new UnsafeBuffer(HUGE), 0, HUGE.length, -1, (response) -> codes.add(response.code()));

        TestClusters.awaitCondition("the oversized request's answer", () -> !codes.isEmpty(), client);
        assertEquals(List.of(ResultCode.DATA_TOO_LARGE), codes);
        assertEquals(0, client.pendingRequests(), "request " + correlationId + " is not left to resend");
        assertEquals(0, client.exists("/async").version());
    }
}
