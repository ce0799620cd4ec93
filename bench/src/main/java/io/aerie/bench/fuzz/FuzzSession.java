package io.aerie.bench.fuzz;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.aeron.security.CredentialsSupplier;
import io.aerie.codecs.CloseSessionResponseDecoder;
import io.aerie.codecs.ConnectRequestEncoder;
import io.aerie.codecs.ConnectResponseDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionEventDecoder;
import io.aerie.codecs.WatchEventDecoder;
import io.aerie.codecs.model.SessionCredentials;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The fuzzer's own valid cluster session (layer 2): an Aeron Cluster connection, authenticated with a token as
 * Aerie's client does, with an Aerie session on it, through which mutated Aerie requests are sent behind a valid
 * session header; its egress is classified by result code. When a mutated request closes or
 * replaces the Aerie session, or a forged ingress message closes the connection, it connects again.
 */
final class FuzzSession implements EgressListener, AutoCloseable
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int CODE_OFFSET = HEADER + 8;
    private static final int CODES = 1024;

    private final AeronCluster.Context clusterContext;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private static final int SESSION_HEADER = SessionCredentials.SESSION_HEADER_LENGTH;

    private final ExpandableArrayBuffer connectBuffer = new ExpandableArrayBuffer(128);
    private final ExpandableArrayBuffer sendBuffer = new ExpandableArrayBuffer(64 * 1024);
    private final SplittableRandom tokens;
    private long token;
    private final long[] answersByCode = new long[CODES];
    private AeronCluster cluster;
    private boolean needsConnect = true;
    private long connects;
    private long answers;
    private long watchEvents;
    private long sessionEvents;
    private long foreign;
    private long outstanding;
    private long stalls;
    private long answersAtHeartbeat = -1;
    private long heartbeats;
    private long refusedConnects;

    /**
     * @param clusterContext for each connection; its egress listener is set here. Not concluded.
     */
    FuzzSession(final AeronCluster.Context clusterContext, final long seed)
    {
        this.clusterContext = clusterContext;
        this.tokens = new SplittableRandom(seed);
    }

    /**
     * Connect (again) if the connection or the Aerie session is gone: a new Aerie session on the connection. Frames
     * still in flight may close the new connection at once (a forged close naming it): then it tries again.
     *
     * @param timeoutNs to wait for the cluster's answer.
     */
    void ensureConnected(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (true)
        {
            try
            {
                if (tryConnect(deadlineNs))
                {
                    return;
                }
            }
            catch (final io.aeron.cluster.client.ClusterException ex)
            {
                // The node refused the connection (its session limit, filled by the raw layer's pending sessions,
                // or a timeout on a busy node): counted, and tried again until the deadline.
                refusedConnects++;
                cluster = null;
            }
            await(deadlineNs, "connect the fuzz session");
        }
    }

    /**
     * @return connection attempts the node refused (session limit) or that timed out.
     */
    long refusedConnects()
    {
        return refusedConnects;
    }

    private boolean tryConnect(final long deadlineNs)
    {
        if (null == cluster || cluster.isClosed())
        {
            CloseHelper.quietClose(cluster);
            // Each connection authenticates with a new token (Aeron's CredentialsSupplier), which every request on it
            // carries in a session header: the node refuses, unanswered, a request without its connection's token.
            do
            {
                token = tokens.nextLong();
            }
            while (0 == token);
            final byte[] credentials = SessionCredentials.encode(token, tokens.nextLong(), tokens.nextLong(), null);
            cluster = AeronCluster.connect(clusterContext.clone().egressListener(this)
                .credentialsSupplier(new CredentialsSupplier()
                {
                    public byte[] encodedCredentials()
                    {
                        return credentials;
                    }

                    public byte[] onChallenge(final byte[] encodedChallenge)
                    {
                        return credentials;
                    }
                }));
            needsConnect = true;
            outstanding = 0;
            answersAtHeartbeat = -1;
        }
        if (!needsConnect)
        {
            return true;
        }
        final ConnectRequestEncoder encoder = new ConnectRequestEncoder()
            .wrapAndApplyHeader(connectBuffer, SESSION_HEADER, new MessageHeaderEncoder())
            .correlationId(-1 - connects)
            .lastZxidSeen(0)
            .sessionId(0)
            .requestedTimeoutMs(10_000);
        encoder.authCount(0);
        encoder.putPassword(connectBuffer, 0, 0);
        SessionCredentials.putSessionHeader(connectBuffer, 0, token);
        while (cluster.offer(connectBuffer, 0, SESSION_HEADER + HEADER + encoder.encodedLength()) < 0)
        {
            if (cluster.isClosed())
            {
                return false;
            }
            await(deadlineNs, "offer a ConnectRequest");
        }
        connects++;
        while (needsConnect)
        {
            if (cluster.isClosed())
            {
                return false;
            }
            if (0 == poll())
            {
                await(deadlineNs, "a ConnectResponse");
            }
        }
        return true;
    }

    /**
     * @return the connection's cluster session id.
     */
    long clusterSessionId()
    {
        return cluster.clusterSessionId();
    }

    /**
     * @return the leadership term the connection knows.
     */
    long leadershipTermId()
    {
        return cluster.leadershipTermId();
    }

    /**
     * @return true once a mutated request closed or replaced the session, or the connection closed.
     */
    boolean isBroken()
    {
        return needsConnect || null == cluster || cluster.isClosed();
    }

    /**
     * Offer an Aerie request (the session header is added by Aeron).
     *
     * @return Aeron's offer result: negative for back pressure and the like.
     */
    long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        SessionCredentials.putSessionHeader(sendBuffer, 0, token);
        sendBuffer.putBytes(SESSION_HEADER, buffer, offset, length);
        final long result = cluster.offer(sendBuffer, 0, SESSION_HEADER + length);
        if (result > 0)
        {
            outstanding++;
        }
        return result;
    }

    /**
     * Wait while more than {@code window} requests are unanswered. A connection that answers nothing for
     * {@code stallNs} is taken as closed by someone else (a forged close naming it: Aeron then closes its egress
     * before the client hears of it) and is dropped, to be connected again.
     *
     * @param window   requests that may be unanswered.
     * @param stallNs  how long without an answer means the connection is gone.
     */
    void awaitWindow(final int window, final long stallNs)
    {
        long lastAnswers = answers;
        long lastProgressNs = System.nanoTime();
        while (outstanding > window && null != cluster && !cluster.isClosed())
        {
            if (poll() > 0 && answers != lastAnswers)
            {
                lastAnswers = answers;
                lastProgressNs = System.nanoTime();
            }
            else if (System.nanoTime() - lastProgressNs > stallNs)
            {
                stalls++;
                CloseHelper.quietClose(cluster);
                return;
            }
            else
            {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
            }
        }
    }

    /**
     * For a session others' frames name (the victim of forged frames): each call checks that the keepalive the last
     * call sent was answered, else drops the connection (closed by a forged close, unknown to the client) and
     * connects again; then sends another keepalive. Never blocks but to connect.
     *
     * @param timeoutNs to connect again.
     */
    void heartbeat(final long timeoutNs)
    {
        if (answersAtHeartbeat >= 0 && answers == answersAtHeartbeat)
        {
            stalls++;
            CloseHelper.quietClose(cluster);
        }
        if (isBroken())
        {
            ensureConnected(timeoutNs);
        }
        final io.aerie.codecs.KeepAliveRequestEncoder encoder = new io.aerie.codecs.KeepAliveRequestEncoder()
            .wrapAndApplyHeader(connectBuffer, SESSION_HEADER, new MessageHeaderEncoder())
            .correlationId(-1_000_000 - heartbeats++);
        SessionCredentials.putSessionHeader(connectBuffer, 0, token);
        answersAtHeartbeat = cluster.offer(connectBuffer, 0, SESSION_HEADER + HEADER + encoder.encodedLength()) > 0 ?
            answers : -1;
    }

    /**
     * @return connections dropped because they stopped answering.
     */
    long stalls()
    {
        return stalls;
    }

    /**
     * @return the longest request {@link #offer} takes.
     */
    int maxRequestLength()
    {
        return cluster.ingressPublication().maxMessageLength() - AeronCluster.SESSION_HEADER_LENGTH - SESSION_HEADER;
    }

    /**
     * Poll the egress once; send a keepalive to Aeron now and then (Aeron's own session timeout).
     *
     * @return fragments read.
     */
    int poll()
    {
        if (null == cluster || cluster.isClosed())
        {
            return 0;
        }
        return cluster.pollEgress();
    }

    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (length < HEADER || MessageHeaderDecoder.SCHEMA_ID != this.header.wrap(buffer, offset).schemaId())
        {
            foreign++;
            return;
        }
        final int templateId = this.header.templateId();
        if (WatchEventDecoder.TEMPLATE_ID == templateId)
        {
            watchEvents++;
            return;
        }
        if (SessionEventDecoder.TEMPLATE_ID == templateId)
        {
            sessionEvents++;
            needsConnect = true;
            return;
        }
        answers++;
        outstanding = Math.max(0, outstanding - 1);
        final short code = length >= CODE_OFFSET + 2 ? buffer.getShort(offset + CODE_OFFSET, ByteOrder.LITTLE_ENDIAN) : 0;
        answersByCode[index(code)]++;
        if (ResultCode.SESSION_EXPIRED.value() == code ||
            (CloseSessionResponseDecoder.TEMPLATE_ID == templateId && ResultCode.OK.value() == code))
        {
            needsConnect = true;
        }
        else if (ConnectResponseDecoder.TEMPLATE_ID == templateId && ResultCode.OK.value() == code)
        {
            needsConnect = false; // a connect of ours, or a mutated one that opened or resumed a session
        }
    }

    long connects()
    {
        return connects;
    }

    long answers()
    {
        return answers;
    }

    long watchEvents()
    {
        return watchEvents;
    }

    long sessionEvents()
    {
        return sessionEvents;
    }

    long foreignMessages()
    {
        return foreign;
    }

    /**
     * @return answers by result code: index {@code code + 512}.
     */
    long[] answersByCode()
    {
        return answersByCode;
    }

    static int index(final int code)
    {
        return Math.max(0, Math.min(CODES - 1, code + CODES / 2));
    }

    public void close()
    {
        CloseHelper.quietClose(cluster);
    }

    private static void await(final long deadlineNs, final String what)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            throw new IllegalStateException("fuzz session: timed out waiting to " + what);
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
    }
}
