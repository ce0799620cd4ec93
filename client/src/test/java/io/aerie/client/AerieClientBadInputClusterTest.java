package io.aerie.client;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import io.aerie.codecs.ErrorResponseDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.SessionCredentials;
import io.aerie.engine.node.LocalCluster;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real node fed garbage answers with errors and keeps serving; a client whose cluster goes silent learns
 * it is disconnected by its own liveness timeout.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientBadInputClusterTest implements EgressListener
{
    private static final int PORT_BASE = 26200;

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private final List<ResultCode> errorCodes = new ArrayList<>();
    private final ErrorResponseDecoder errorDecoder = new ErrorResponseDecoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private LocalCluster cluster;
    private AerieClient client;
    private MediaDriver rawDriver;
    private AeronCluster raw;

    @BeforeEach
    void start() throws AerieException
    {
        cluster = TestClusters.launch(1, PORT_BASE, new File(tempDir, "cluster"), errors);
        final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
        clientCtx.session().sessionTimeoutMs(500);
        client = AerieClient.connect(clientCtx);
    }

    private final AerieCredentials credentials = new AerieCredentials(new java.security.SecureRandom(), null);

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(raw, rawDriver, client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldAnswerGarbageWithErrorsAndKeepServing() throws AerieException
    {
        client.create("/keep", new byte[]{ 7 });
        final long digestBefore = client.digest();
        rawDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(io.aeron.CommonContext.getAeronDirectoryName() + "-raw-" + UUID.randomUUID())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnShutdown(true));
        raw = AeronCluster.connect(new AeronCluster.Context()
            .credentialsSupplier(credentials)
            .aeronDirectoryName(rawDriver.aeronDirectoryName())
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel())
            .egressListener(this));

        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        send(frame, 3);                                               // shorter than a header
        new MessageHeaderEncoder().wrap(frame, 0).blockLength(8).templateId(999).schemaId(7001).version(0);
        frame.putLong(MessageHeaderEncoder.ENCODED_LENGTH, 42);
        send(frame, MessageHeaderEncoder.ENCODED_LENGTH + 8);           // unknown template, and no session
        new MessageHeaderEncoder().wrap(frame, 0).blockLength(8).templateId(20).schemaId(1234).version(0);
        send(frame, MessageHeaderEncoder.ENCODED_LENGTH + 8);           // another schema

        TestClusters.awaitCondition("three error answers", () ->
        {
            raw.pollEgress();
            return errorCodes.size() >= 3;
        }, client);
        // This connection never opened a session: a well-formed request of any template but Connect is refused.
        assertEquals(List.of(ResultCode.MALFORMED_REQUEST, ResultCode.SESSION_EXPIRED, ResultCode.MALFORMED_REQUEST),
            errorCodes);
        assertEquals(digestBefore, client.digest(), "nothing changed");
        assertArrayEquals(new byte[]{ 7 }, client.getData("/keep"));
    }

    @Test
    void shouldReportDisconnectedWhenClusterGoesSilent()
    {
        cluster.stopNode(0);
        TestClusters.awaitCondition("the client to notice", () -> SessionState.DISCONNECTED == client.state(), client);
    }

    @Override
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        headerDecoder.wrap(buffer, offset);
        if (ErrorResponseDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            errorDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
            errorCodes.add(errorDecoder.code());
        }
    }

    private void send(final UnsafeBuffer frame, final int length)
    {
        // Garbage inside a request bound to its connection: the service decodes it (without the session header
        // it would be refused unanswered as forged).
        final UnsafeBuffer framed = new UnsafeBuffer(new byte[SessionCredentials.SESSION_HEADER_LENGTH + length]);
        SessionCredentials.putSessionHeader(framed, 0, credentials.token());
        framed.putBytes(SessionCredentials.SESSION_HEADER_LENGTH, frame, 0, length);
        final long deadlineNs = System.nanoTime() + TestClusters.STEP_TIMEOUT_NS;
        while (raw.offer(framed, 0, framed.capacity()) < 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("could not send a frame");
            }
            raw.pollEgress();
        }
    }
}
