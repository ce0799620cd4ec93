package io.aerie.gateway;

import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The gateway's Aeron counters (type ids 7120-7129), visible to AeronStat and the like in the gateway's media
 * driver, and read by the four-letter words. Written by the gateway agent and its session threads. Each is touched
 * only while the gateway's Aeron client is open: the counters live in the client's mapping of the driver's CnC file,
 * which the client unmaps when it closes itself (its driver timed out), and an access after that is a SIGSEGV of the
 * whole JVM (the node's too when the gateway runs beside one). A closed client's counters read 0 and ignore updates.
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

    final Counter connections;
    final Counter packetsReceived;
    final Counter packetsSent;
    final Counter sessionsOpened;
    final Counter sessionsResumed;
    final Counter protocolErrors;
    final Counter connectsRefused;
    final Counter fourLetterWords;
    final Counter outstanding;
    final Counter lastZxid;
    /**
     * Requests awaiting the cluster's answers, as {@link #outstanding} counts them, on the heap for the agent's idle
     * strategy: it reads it at every idle turn, and an Aeron counter is not read there (a client whose driver timed
     * out unmaps the counters, and the next read is a SIGSEGV of the whole JVM). Agent thread only.
     */
    long awaited;

    GatewayCounters(final Aeron aeron, final int port)
    {
        final String suffix = ": port=" + port;
        connections = counter(aeron, CONNECTIONS_TYPE_ID, "aerie_gateway_connections" + suffix);
        packetsReceived = counter(aeron, PACKETS_RECEIVED_TYPE_ID, "aerie_gateway_packets_received" + suffix);
        packetsSent = counter(aeron, PACKETS_SENT_TYPE_ID, "aerie_gateway_packets_sent" + suffix);
        sessionsOpened = counter(aeron, SESSIONS_OPENED_TYPE_ID, "aerie_gateway_sessions_opened" + suffix);
        sessionsResumed = counter(aeron, SESSIONS_RESUMED_TYPE_ID, "aerie_gateway_sessions_resumed" + suffix);
        protocolErrors = counter(aeron, PROTOCOL_ERRORS_TYPE_ID, "aerie_gateway_protocol_errors" + suffix);
        connectsRefused = counter(aeron, CONNECTS_REFUSED_TYPE_ID, "aerie_gateway_connects_refused" + suffix);
        fourLetterWords = counter(aeron, FOUR_LETTER_WORDS_TYPE_ID, "aerie_gateway_four_letter_words" + suffix);
        outstanding = counter(aeron, OUTSTANDING_TYPE_ID, "aerie_gateway_outstanding_requests" + suffix);
        lastZxid = counter(aeron, LAST_ZXID_TYPE_ID, "aerie_gateway_last_zxid" + suffix);
    }

    private static Counter counter(final Aeron aeron, final int typeId, final String label)
    {
        return new Counter(aeron, aeron.addCounter(typeId, label));
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

    /**
     * One Aeron counter, touched only while its Aeron client is open.
     */
    static final class Counter implements AutoCloseable
    {
        private final Aeron aeron;
        private final AtomicCounter counter;

        Counter(final Aeron aeron, final AtomicCounter counter)
        {
            this.aeron = aeron;
            this.counter = counter;
        }

        void increment()
        {
            if (!aeron.isClosed())
            {
                counter.increment();
            }
        }

        void decrement()
        {
            if (!aeron.isClosed())
            {
                counter.decrement();
            }
        }

        void getAndAdd(final long delta)
        {
            if (!aeron.isClosed())
            {
                counter.getAndAdd(delta);
            }
        }

        void proposeMax(final long value)
        {
            if (!aeron.isClosed())
            {
                counter.proposeMax(value);
            }
        }

        long get()
        {
            return aeron.isClosed() ? 0 : counter.get();
        }

        public void close()
        {
            if (!aeron.isClosed())
            {
                counter.close();
            }
        }
    }
}
