package io.aerie.client;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.SessionMessageHeaderEncoder;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import io.aeron.security.AuthenticationException;
import io.aerie.codecs.CloseSessionRequestEncoder;
import io.aerie.codecs.ConnectRequestEncoder;
import io.aerie.codecs.ConnectResponseDecoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.SessionCredentials;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.node.NodeCounters.Metric;
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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A real node, a victim client, and an attacker holding a valid connection of its own who writes raw ingress
 * frames naming the victim's cluster session id and the current leadership term (what Aeron Cluster 1.51 accepts
 * from any publication). Every forged request carries the attacker's own valid token, or none: each is refused
 * unanswered and counted, the victim's data and ephemeral stay, and the victim keeps working.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForgedRequestClusterTest implements EgressListener
{
    private static final int PORT_BASE = 15000;
    private static final byte[] MINE = "mine".getBytes(StandardCharsets.UTF_8);

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private final AerieCredentials attackerCredentials = new AerieCredentials(new SecureRandom(), null);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final List<ResultCode> attackerAnswers = new ArrayList<>();
    private LocalCluster cluster;
    private AerieClient victim;
    private MediaDriver attackerDriver;
    private AeronCluster attacker;
    private Aeron nodeAeron;

    @BeforeEach
    void start() throws AerieException
    {
        cluster = TestClusters.launch(1, PORT_BASE, new File(tempDir, "cluster"), errors);
        victim = AerieClient.connect(TestClusters.clientContext(cluster));
        victim.create("/data", MINE);
        victim.create("/lock", new byte[0], AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1L);
        attackerDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(io.aeron.CommonContext.getAeronDirectoryName() + "-attacker-" + UUID.randomUUID())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnShutdown(true));
        attacker = connectAttacker(attackerCredentials);
        nodeAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.node(0).context().storage().aeronDirectoryName()));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(nodeAeron, attacker, attackerDriver, victim, cluster);
        errors.assertNone();
    }

    @Test
    void shouldRefuseForgedSetDataAndKeepVictimWorking() throws AerieException
    {
        final long forgedBefore = counter(Metric.FORGED_REQUESTS);

        forge(victimClusterSessionId(), attackerCredentials.token(), setData(1, "/data", "evil"));
        forge(victimClusterSessionId(), 0, setData(2, "/data", "evil"));
        awaitForged(forgedBefore + 2);

        assertArrayEquals(MINE, victim.getData("/data"));
        victim.setData("/data", "still mine".getBytes(StandardCharsets.UTF_8), -1);
        assertEquals(List.of(), attackerAnswers, "nothing answered to anyone for a forged request");
    }

    @Test
    void shouldRefuseForgedCloseSessionAndKeepVictimsEphemeral() throws AerieException
    {
        final long forgedBefore = counter(Metric.FORGED_REQUESTS);

        forge(victimClusterSessionId(), attackerCredentials.token(), closeSession(3));
        awaitForged(forgedBefore + 1);

        assertNotNull(victim.exists("/lock"), "the ephemeral lock is still held");
        assertEquals(io.aerie.codecs.SessionState.CONNECTED, victim.state());
        victim.setData("/data", "still mine".getBytes(StandardCharsets.UTF_8), -1);
    }

    @Test
    void shouldRefuseForgedConnectOnVictimsConnection() throws AerieException
    {
        final long forgedBefore = counter(Metric.FORGED_REQUESTS);
        final long sessions = counter(Metric.SESSIONS);

        forge(victimClusterSessionId(), attackerCredentials.token(), connect(4, 0, new byte[0]));
        awaitForged(forgedBefore + 1);

        assertEquals(sessions, counter(Metric.SESSIONS), "no session opened on the victim's connection");
        victim.setData("/data", "still mine".getBytes(StandardCharsets.UTF_8), -1);
    }

    @Test
    void shouldRefuseResumeOfVictimsSessionWithWrongPassword() throws AerieException
    {
        // The attacker's own connection, its own token: a well-bound request, but not the session's password.
        forge(attacker.clusterSessionId(), attackerCredentials.token(), connect(5, victim.sessionId(), new byte[16]));
        TestClusters.awaitCondition("the attacker's answer", () ->
        {
            attacker.pollEgress();
            return !attackerAnswers.isEmpty();
        }, victim);

        assertEquals(List.of(ResultCode.SESSION_EXPIRED), attackerAnswers);
        victim.setData("/data", "still mine".getBytes(StandardCharsets.UTF_8), -1);
        assertNotNull(victim.exists("/lock"));
    }

    @Test
    void shouldRejectConnectWithoutAerieCredentials()
    {
        final long rejectedBefore = counter(Metric.AUTH_REJECTED);

        assertThrows(AuthenticationException.class, () -> connectAttacker(null).close());

        assertEquals(rejectedBefore + 1, counter(Metric.AUTH_REJECTED));
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
        final MessageHeaderDecoder decoder = new MessageHeaderDecoder().wrap(buffer, offset);
        if (ConnectResponseDecoder.TEMPLATE_ID == decoder.templateId())
        {
            attackerAnswers.add(new ConnectResponseDecoder().wrapAndApplyHeader(buffer, offset, decoder).code());
        }
        else
        {
            attackerAnswers.add(ResultCode.NULL_VAL);
        }
    }

    private AeronCluster connectAttacker(final AerieCredentials credentials)
    {
        final AeronCluster.Context ctx = new AeronCluster.Context()
            .aeronDirectoryName(attackerDriver.aeronDirectoryName())
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel())
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(10))
            .egressListener(this);
        if (null != credentials)
        {
            ctx.credentialsSupplier(credentials);
        }
        return AeronCluster.connect(ctx);
    }

    private long victimClusterSessionId()
    {
        return victim.conductor.clusterSessionId();
    }

    /**
     * Offer on the attacker's own ingress publication a frame that Aeron's consensus module takes for a message
     * of {@code clusterSessionId}: its session message header, then an Aerie session header with {@code token}
     * (none when 0), then the request.
     */
    private void forge(final long clusterSessionId, final long token, final int requestLength)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[AeronCluster.SESSION_HEADER_LENGTH +
            SessionCredentials.SESSION_HEADER_LENGTH + requestLength]);
        new SessionMessageHeaderEncoder()
            .wrapAndApplyHeader(message, 0, new io.aeron.cluster.codecs.MessageHeaderEncoder())
            .leadershipTermId(attacker.leadershipTermId())
            .clusterSessionId(clusterSessionId)
            .timestamp(0);
        int offset = AeronCluster.SESSION_HEADER_LENGTH;
        if (0 != token)
        {
            offset += SessionCredentials.putSessionHeader(message, offset, token);
        }
        message.putBytes(offset, frame, 0, requestLength);
        final Publication ingress = attacker.ingressPublication();
        final long deadlineNs = System.nanoTime() + TestClusters.STEP_TIMEOUT_NS;
        while (ingress.offer(message, 0, offset + requestLength) < 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("could not send a forged frame");
            }
            attacker.pollEgress();
        }
    }

    private int setData(final long correlationId, final String path, final String data)
    {
        final SetDataRequestEncoder encoder = new SetDataRequestEncoder().wrapAndApplyHeader(frame, 0, headerEncoder)
            .correlationId(correlationId).version(-1).dataIsNull(BooleanType.FALSE);
        final byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        encoder.path(path).putData(bytes, 0, bytes.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int closeSession(final long correlationId)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new CloseSessionRequestEncoder()
            .wrapAndApplyHeader(frame, 0, headerEncoder).correlationId(correlationId).encodedLength();
    }

    private int connect(final long correlationId, final long sessionId, final byte[] password)
    {
        final ConnectRequestEncoder encoder = new ConnectRequestEncoder().wrapAndApplyHeader(frame, 0, headerEncoder)
            .correlationId(correlationId).lastZxidSeen(0).sessionId(sessionId).requestedTimeoutMs(5000);
        encoder.authCount(0);
        encoder.putPassword(password, 0, password.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private long counter(final Metric metric)
    {
        return NodeCounters.read(nodeAeron.countersReader()).value(metric, 0);
    }

    private void awaitForged(final long expected)
    {
        TestClusters.awaitCondition("forged requests counted", () ->
        {
            attacker.pollEgress();
            return counter(Metric.FORGED_REQUESTS) >= expected;
        }, victim);
        assertEquals(expected, counter(Metric.FORGED_REQUESTS));
    }
}
