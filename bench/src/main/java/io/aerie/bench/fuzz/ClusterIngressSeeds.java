package io.aerie.bench.fuzz;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.codecs.AdminRequestEncoder;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.ChallengeResponseEncoder;
import io.aeron.cluster.codecs.MessageHeaderEncoder;
import io.aeron.cluster.codecs.SessionCloseRequestEncoder;
import io.aeron.cluster.codecs.SessionConnectRequestEncoder;
import io.aeron.cluster.codecs.SessionKeepAliveEncoder;
import io.aeron.cluster.codecs.SessionMessageHeaderEncoder;
import io.aerie.codecs.model.SessionCredentials;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * Valid Aeron Cluster ingress messages, encoded with Aeron's own {@code io.aeron.cluster.codecs}, to mutate from:
 * session connect, close, keepalive, challenge response, admin request, and session messages (an Aerie request
 * behind a session message header) naming another client's cluster session.
 */
final class ClusterIngressSeeds
{
    static final int[] TEMPLATE_IDS =
    {
        SessionConnectRequestEncoder.TEMPLATE_ID, SessionCloseRequestEncoder.TEMPLATE_ID,
        SessionKeepAliveEncoder.TEMPLATE_ID, ChallengeResponseEncoder.TEMPLATE_ID, AdminRequestEncoder.TEMPLATE_ID,
        SessionMessageHeaderEncoder.TEMPLATE_ID, 0, 2, 65535
    };
    /** Offset in a frame of the cluster session id of every ingress message but the connect request. */
    static final int CLUSTER_SESSION_ID_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + 8;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SessionConnectRequestEncoder connect = new SessionConnectRequestEncoder();
    private final SessionCloseRequestEncoder close = new SessionCloseRequestEncoder();
    private final SessionKeepAliveEncoder keepAlive = new SessionKeepAliveEncoder();
    private final ChallengeResponseEncoder challengeResponse = new ChallengeResponseEncoder();
    private final AdminRequestEncoder admin = new AdminRequestEncoder();
    private final SessionMessageHeaderEncoder sessionHeader = new SessionMessageHeaderEncoder();
    private final AerieRequestSeeds requests;
    private final String responseChannel;
    private final byte[] credentials = "bob:secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * @param requests        seeds of the Aerie requests forged session messages carry.
     * @param responseChannel where connect requests ask the cluster to answer (nobody listens there).
     */
    ClusterIngressSeeds(final AerieRequestSeeds requests, final String responseChannel)
    {
        this.requests = requests;
        this.responseChannel = responseChannel;
    }

    /**
     * Encode a random valid ingress message at offset 0.
     *
     * @param random           chooses the message and its fields.
     * @param seed             filled with the length and field offsets.
     * @param buffer           to encode into.
     * @param victimSessionId  cluster session id of the client whose session forged messages name.
     * @param leadershipTermId current leadership term, which the consensus module checks.
     * @param correlationId    for the message (and its Aerie request).
     */
    void encode(
        final SplittableRandom random,
        final Seed seed,
        final MutableDirectBuffer buffer,
        final long victimSessionId,
        final long leadershipTermId,
        final long correlationId)
    {
        seed.header(0);
        final long sessionId = random.nextInt(8) == 0 ? random.nextInt(16) : victimSessionId;
        final int end;
        switch (random.nextInt(10))
        {
            case 0:
            case 1:
                end = encodeConnect(random, seed, buffer, correlationId);
                break;
            case 2:
                end = close.wrapAndApplyHeader(buffer, 0, header)
                    .leadershipTermId(leadershipTermId).clusterSessionId(sessionId).limit();
                break;
            case 3:
                end = keepAlive.wrapAndApplyHeader(buffer, 0, header)
                    .leadershipTermId(leadershipTermId).clusterSessionId(sessionId).limit();
                break;
            case 4:
                challengeResponse.wrapAndApplyHeader(buffer, 0, header)
                    .correlationId(correlationId).clusterSessionId(sessionId);
                seed.varLength(challengeResponse.limit(), 4);
                end = challengeResponse.putEncodedCredentials(credentials, 0, credentials.length).limit();
                break;
            case 5:
                admin.wrapAndApplyHeader(buffer, 0, header)
                    .leadershipTermId(leadershipTermId).clusterSessionId(sessionId).correlationId(correlationId)
                    .requestType(AdminRequestType.SNAPSHOT);
                seed.varLength(admin.limit(), 4);
                end = admin.putPayload(credentials, 0, random.nextInt(credentials.length)).limit();
                break;
            default:
                sessionHeader.wrapAndApplyHeader(buffer, 0, header)
                    .leadershipTermId(leadershipTermId).clusterSessionId(sessionId).timestamp(random.nextLong());
                // Half carry an Aerie session header with a guessed token (0, small, random): the victim's is
                // random and secret, so every forged request must be refused.
                int offset = AeronCluster.SESSION_HEADER_LENGTH;
                if (random.nextBoolean())
                {
                    seed.header(offset);
                    offset += SessionCredentials.putSessionHeader(buffer, offset,
                        random.nextInt(3) == 0 ? random.nextInt(4) : random.nextLong());
                }
                requests.encode(random, seed, buffer, offset, correlationId);
                end = offset + seed.length;
        }
        seed.length = end;
    }

    private int encodeConnect(
        final SplittableRandom random, final Seed seed, final MutableDirectBuffer buffer, final long correlationId)
    {
        connect.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .responseStreamId(random.nextInt(4) == 0 ? random.nextInt() : 102)
            .version(random.nextInt(4) == 0 ? random.nextInt() : AeronCluster.Configuration.PROTOCOL_SEMANTIC_VERSION);
        seed.varLength(connect.limit(), 4);
        connect.responseChannel(random.nextInt(8) == 0 ? "aeron:udp?endpoint=nonesuch.invalid:1" : responseChannel);
        seed.varLength(connect.limit(), 4);
        connect.putEncodedCredentials(credentials, 0, random.nextBoolean() ? 0 : credentials.length);
        seed.varLength(connect.limit(), 4);
        connect.clientInfo("aerie-fuzz");
        return connect.limit();
    }
}
