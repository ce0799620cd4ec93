package io.aerie.gateway;

import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The gateway's Aeron counters (type ids 7120-7129), visible to AeronStat and the like in the gateway's media
 * driver, and read by the four-letter words. Written by the gateway agent; any thread may read them.
 */
final class GatewayCounters implements AutoCloseable
{
    static final int CONNECTIONS_TYPE_ID = 7120;
    static final int PACKETS_RECEIVED_TYPE_ID = 7121;
    static final int PACKETS_SENT_TYPE_ID = 7122;
    static final int SESSIONS_OPENED_TYPE_ID = 7123;
    static final int SESSIONS_RESUMED_TYPE_ID = 7124;
    static final int PROTOCOL_ERRORS_TYPE_ID = 7125;
    static final int CONNECTS_REFUSED_TYPE_ID = 7126;
    static final int FOUR_LETTER_WORDS_TYPE_ID = 7127;
    static final int OUTSTANDING_TYPE_ID = 7128;
    static final int LAST_ZXID_TYPE_ID = 7129;

    final AtomicCounter connections;
    final AtomicCounter packetsReceived;
    final AtomicCounter packetsSent;
    final AtomicCounter sessionsOpened;
    final AtomicCounter sessionsResumed;
    final AtomicCounter protocolErrors;
    final AtomicCounter connectsRefused;
    final AtomicCounter fourLetterWords;
    final AtomicCounter outstanding;
    final AtomicCounter lastZxid;
    /**
     * Requests awaiting the cluster's answers, as {@link #outstanding} counts them, on the heap for the agent's idle
     * strategy: it reads it at every idle turn, and an Aeron counter is not read there (a client whose driver timed
     * out unmaps the counters, and the next read is a SIGSEGV of the whole JVM). Agent thread only.
     */
    long awaited;

    GatewayCounters(final Aeron aeron, final int port)
    {
        final String suffix = ": port=" + port;
        connections = aeron.addCounter(CONNECTIONS_TYPE_ID, "aerie_gateway_connections" + suffix);
        packetsReceived = aeron.addCounter(PACKETS_RECEIVED_TYPE_ID, "aerie_gateway_packets_received" + suffix);
        packetsSent = aeron.addCounter(PACKETS_SENT_TYPE_ID, "aerie_gateway_packets_sent" + suffix);
        sessionsOpened = aeron.addCounter(SESSIONS_OPENED_TYPE_ID, "aerie_gateway_sessions_opened" + suffix);
        sessionsResumed = aeron.addCounter(SESSIONS_RESUMED_TYPE_ID, "aerie_gateway_sessions_resumed" + suffix);
        protocolErrors = aeron.addCounter(PROTOCOL_ERRORS_TYPE_ID, "aerie_gateway_protocol_errors" + suffix);
        connectsRefused = aeron.addCounter(CONNECTS_REFUSED_TYPE_ID, "aerie_gateway_connects_refused" + suffix);
        fourLetterWords = aeron.addCounter(FOUR_LETTER_WORDS_TYPE_ID, "aerie_gateway_four_letter_words" + suffix);
        outstanding = aeron.addCounter(OUTSTANDING_TYPE_ID, "aerie_gateway_outstanding_requests" + suffix);
        lastZxid = aeron.addCounter(LAST_ZXID_TYPE_ID, "aerie_gateway_last_zxid" + suffix);
    }

    /**
     * Requests awaiting the cluster's answers changed by {@code delta}: both counts. Agent thread only.
     */
    void awaitedChanged(final long delta)
    {
        awaited += delta;
        outstanding.getAndAdd(delta);
    }

    public void close()
    {
        CloseHelper.closeAll(connections, packetsReceived, packetsSent, sessionsOpened, sessionsResumed, protocolErrors,
            connectsRefused, fourLetterWords, outstanding, lastZxid);
    }
}
