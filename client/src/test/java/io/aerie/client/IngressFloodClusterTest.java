package io.aerie.client;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.cluster.codecs.AdminRequestEncoder;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.ChallengeResponseEncoder;
import io.aeron.cluster.codecs.MessageHeaderEncoder;
import io.aeron.cluster.codecs.SessionConnectRequestEncoder;
import io.aeron.cluster.codecs.SessionKeepAliveEncoder;
import io.aeron.cluster.codecs.SessionMessageHeaderEncoder;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12: Aeron Cluster ingress messages whose var-data length fields lie (about 2 GiB in a 45-byte datagram)
 * sent by a raw Aeron publication, not a cluster client, to a real node's ingress port. Aeron 1.51.0's decoder
 * would allocate the declared length on the consensus module thread and stop it with an OutOfMemoryError; the node
 * must instead pad them out before decoding, count them, and keep serving with its tree unchanged.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IngressFloodClusterTest
{
    private static final int PORT_BASE = 19000;
    private static final int INGRESS_STREAM_ID = io.aeron.cluster.client.AeronCluster.Configuration.ingressStreamId();
    private static final int LYING_LENGTH = Integer.MAX_VALUE; // above the VM array limit: OutOfMemoryError whatever -Xmx
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @TempDir
    File tempDir;

    private final GuardReports errors = new GuardReports();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[8192]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private LocalCluster cluster;
    private AerieClient client;
    private MediaDriver rawDriver;
    private Aeron rawAeron;
    private ExclusivePublication raw;

    @BeforeEach
    void start() throws AerieException
    {
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(PORT_BASE)
            .dir(new File(tempDir, "cluster"))
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(1_000)))
            .errorHandler(errors));
        cluster.findLeader(System.nanoTime() + TestClusters.STEP_TIMEOUT_NS);
        client = AerieClient.connect(TestClusters.clientContext(cluster));
        rawDriver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(CommonContext.getAeronDirectoryName() + "-ingress-flood-" + System.nanoTime())
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        rawAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(rawDriver.aeronDirectoryName()));
        raw = rawAeron.addExclusivePublication(
            "aeron:udp?endpoint=localhost:" + PORT_BASE + "|term-length=64k", INGRESS_STREAM_ID);
        TestClusters.awaitCondition("the raw publication to reach the ingress", raw::isConnected, client);
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(raw, rawAeron, rawDriver, client, cluster);
        errors.assertNoOtherErrors();
    }

    @Test
    void shouldPadOutLyingIngressFramesAndKeepServingWithTheTreeUnchanged() throws AerieException
    {
        client.create("/keep", new byte[]{ 7 });
        final long digestBefore = client.digest();
        final AerieNode node = cluster.node(0);
        final long commitBefore = node.commitPosition();

        sendConnectRequest(24);                    // responseChannel length: the 45-byte datagram of the issue
        sendConnectRequest(33);                    // clientInfo length
        sendChallengeResponse();
        sendAdminRequest();
        sendKeepAliveWithLyingBlockLength();
        sendTruncatedSessionMessage();
        sendForeignSchema();
        sendFragmentedConnectRequestLyingInItsSecondFragment();
        sendSessionMessageWithGarbage();           // well-formed for the consensus module: no session, ignored

        TestClusters.awaitCondition("eight padded frames", () -> node.paddedIngressFrames() >= 8, client);
        assertEquals(8, node.paddedIngressFrames());
        assertNull(node.fatalError(), "no component of the node stopped");
        assertTrue(node.errorCount() >= 1, "the padded frames are reported as errors");
        assertTrue(errors.guardReports() >= 1, "the node's error handler was told");
        assertEquals(commitBefore, node.commitPosition(), "nothing reached the log");
        assertTrue(node.isLeader());

        assertEquals(digestBefore, client.digest(), "the tree is unchanged");
        client.create("/after", new byte[]{ 8 });
        assertArrayEquals(new byte[]{ 7 }, client.getData("/keep"));
        assertArrayEquals(new byte[]{ 8 }, client.getData("/after"));
    }

    @Test
    void shouldPadOutAnAdminRequestOfATypeAeronDoesNotKnow() throws AerieException
    {
        // Found by the ingress fuzzer: AdminRequestType.get threw IllegalArgumentException on the consensus module
        // thread for it; the error handler (which fails this test on anything but the guard's reports) was told.
        final AerieNode node = cluster.node(0);
        new AdminRequestEncoder()
            .wrapAndApplyHeader(frame, 0, headerEncoder)
            .leadershipTermId(0)
            .clusterSessionId(1)
            .correlationId(5)
            .requestType(AdminRequestType.SNAPSHOT)
            .putPayload(new byte[]{ 1 }, 0, 1);
        frame.putInt(MessageHeaderEncoder.ENCODED_LENGTH + AdminRequestEncoder.requestTypeEncodingOffset(), 60672, LE);
        send(MessageHeaderEncoder.ENCODED_LENGTH + AdminRequestEncoder.BLOCK_LENGTH + 4 + 1);

        TestClusters.awaitCondition("the admin request padded", () -> node.paddedIngressFrames() >= 1, client);
        assertEquals(1, node.paddedIngressFrames());
        client.create("/after", new byte[]{ 9 });
        assertArrayEquals(new byte[]{ 9 }, client.getData("/after"));
    }

    private void sendConnectRequest(final int lengthFieldOffset)
    {
        final SessionConnectRequestEncoder encoder = new SessionConnectRequestEncoder()
            .wrapAndApplyHeader(frame, 0, headerEncoder)
            .correlationId(1)
            .responseStreamId(102)
            .version(io.aeron.cluster.client.AeronCluster.Configuration.PROTOCOL_SEMANTIC_VERSION)
            .responseChannel("x")
            .putEncodedCredentials(new byte[0], 0, 0)
            .clientInfo("12345678");
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        assertEquals(45, length);
        frame.putInt(lengthFieldOffset, LYING_LENGTH, LE);
        send(length);
    }

    private void sendChallengeResponse()
    {
        final ChallengeResponseEncoder encoder = new ChallengeResponseEncoder()
            .wrapAndApplyHeader(frame, 0, headerEncoder)
            .correlationId(2)
            .clusterSessionId(1)
            .putEncodedCredentials(new byte[]{ 1 }, 0, 1);
        frame.putInt(MessageHeaderEncoder.ENCODED_LENGTH + ChallengeResponseEncoder.BLOCK_LENGTH, LYING_LENGTH, LE);
        send(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private void sendAdminRequest()
    {
        final AdminRequestEncoder encoder = new AdminRequestEncoder()
            .wrapAndApplyHeader(frame, 0, headerEncoder)
            .leadershipTermId(0)
            .clusterSessionId(1)
            .correlationId(3)
            .requestType(AdminRequestType.SNAPSHOT)
            .putPayload(new byte[]{ 1 }, 0, 1);
        frame.putInt(MessageHeaderEncoder.ENCODED_LENGTH + AdminRequestEncoder.BLOCK_LENGTH, LYING_LENGTH, LE);
        send(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private void sendKeepAliveWithLyingBlockLength()
    {
        final SessionKeepAliveEncoder encoder = new SessionKeepAliveEncoder()
            .wrapAndApplyHeader(frame, 0, headerEncoder)
            .leadershipTermId(0)
            .clusterSessionId(1);
        headerEncoder.blockLength(0xFFFF);
        send(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private void sendTruncatedSessionMessage()
    {
        new SessionMessageHeaderEncoder().wrapAndApplyHeader(frame, 0, headerEncoder).leadershipTermId(0);
        send(MessageHeaderEncoder.ENCODED_LENGTH + 4);
    }

    private void sendForeignSchema()
    {
        headerEncoder.wrap(frame, 0).blockLength(8).templateId(3).schemaId(999).version(1);
        frame.putInt(MessageHeaderEncoder.ENCODED_LENGTH + 8, LYING_LENGTH, LE);
        send(MessageHeaderEncoder.ENCODED_LENGTH + 12);
    }

    private void sendFragmentedConnectRequestLyingInItsSecondFragment()
    {
        final char[] channel = new char[3000];
        Arrays.fill(channel, 'a');
        final SessionConnectRequestEncoder encoder = new SessionConnectRequestEncoder()
            .wrapAndApplyHeader(frame, 0, headerEncoder)
            .correlationId(4)
            .responseStreamId(102)
            .version(io.aeron.cluster.client.AeronCluster.Configuration.PROTOCOL_SEMANTIC_VERSION)
            .responseChannel(new String(channel))
            .putEncodedCredentials(new byte[0], 0, 0)
            .clientInfo("x");
        final int credentialsLengthOffset = MessageHeaderEncoder.ENCODED_LENGTH +
            SessionConnectRequestEncoder.BLOCK_LENGTH + 4 + channel.length;
        frame.putInt(credentialsLengthOffset, LYING_LENGTH, LE);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        assertTrue(length > raw.maxPayloadLength(), "fragmented");
        send(length);
    }

    private void sendSessionMessageWithGarbage()
    {
        new SessionMessageHeaderEncoder().wrapAndApplyHeader(frame, 0, headerEncoder)
            .leadershipTermId(0)
            .clusterSessionId(Long.MAX_VALUE)
            .timestamp(0);
        final int headerLength = MessageHeaderEncoder.ENCODED_LENGTH + SessionMessageHeaderEncoder.BLOCK_LENGTH;
        for (int i = 0; i < 64; i += 4)
        {
            frame.putInt(headerLength + i, LYING_LENGTH, LE);
        }
        send(headerLength + 64);
    }

    private void send(final int length)
    {
        final long deadlineNs = System.nanoTime() + TestClusters.STEP_TIMEOUT_NS;
        while (raw.offer(frame, 0, length) < 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("could not send a frame of " + length + " bytes");
            }
            client.poll();
        }
    }

    /**
     * The node's error reports: the guard's reports of padded frames are expected and counted, anything else but
     * Aeron's warnings fails the test.
     */
    static final class GuardReports implements ErrorHandler
    {
        private final AtomicLong guardReports = new AtomicLong();
        private final List<Throwable> others = new ArrayList<>();

        public void onError(final Throwable throwable)
        {
            final String message = throwable.getMessage();
            if (null != message && message.contains("malformed cluster ingress message"))
            {
                guardReports.incrementAndGet();
            }
            else if (!(throwable instanceof AeronException &&
                AeronException.Category.WARN == ((AeronException)throwable).category()))
            {
                synchronized (others)
                {
                    others.add(throwable);
                }
            }
        }

        long guardReports()
        {
            return guardReports.get();
        }

        void assertNoOtherErrors()
        {
            synchronized (others)
            {
                if (!others.isEmpty())
                {
                    final AssertionError error = new AssertionError("node reported " + others.size() + " error(s)");
                    others.forEach(error::addSuppressed);
                    throw error;
                }
            }
        }
    }
}
