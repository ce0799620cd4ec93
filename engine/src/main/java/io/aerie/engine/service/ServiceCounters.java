package io.aerie.engine.service;

import io.aerie.engine.tree.ZnodeCapacity;
import io.aeron.Aeron;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * The service's metrics as Aeron counters, readable with AeronStat while the node runs. Without an Aeron
 * client (service tests) they live in a private counters buffer.
 * <p>
 * Counters are not replicated state: the traffic and latency ones ({@link #onRequest(long)}, packets sent) are
 * kept only while this member leads, the member clients talk to, and nothing in the state machine reads them.
 */
final class ServiceCounters implements AutoCloseable
{
    final AtomicCounter malformedRequests;
    final AtomicCounter forgedRequests;
    final AtomicCounter droppedEgress;
    final AtomicCounter duplicateWrites;
    final AtomicCounter expiredSessions;
    final AtomicCounter storeFailures;
    final AtomicCounter watchEvents;
    final AtomicCounter znodes;
    final AtomicCounter sessions;
    final AtomicCounter watches;
    final AtomicCounter droppedWatchEvents;
    final AtomicCounter quotaExceeded;
    final AtomicCounter timerRefusals;
    final AtomicCounter noAuth;
    final AtomicCounter authFailures;
    final AtomicCounter quotaRejected;
    final AtomicCounter watchLimitHits;
    final AtomicCounter ephemeralLimitHits;
    final AtomicCounter znodeCapacity;
    final AtomicCounter znodeCapacityWarning;
    final AtomicCounter znodeLimitHits;
    final AtomicCounter ephemerals;
    final AtomicCounter approximateDataSize;
    final AtomicCounter lastZxid;
    final AtomicCounter packetsReceived;
    final AtomicCounter packetsSent;
    final AtomicCounter latencyCount;
    final AtomicCounter latencyTotalMs;
    final AtomicCounter latencyMinMs;
    final AtomicCounter latencyMaxMs;
    final AtomicCounter treeCopyRestores;
    final AtomicCounter treeCopyFallbacks;
    private final EpochClock metricsClock;

    ServiceCounters(final Aeron aeron, final EpochClock metricsClock)
    {
        this.metricsClock = metricsClock;
        final CountersManager local = null == aeron ? new CountersManager(
            new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[8 * 1024])) : null;
        malformedRequests = counter(aeron, local, ServiceCounterTypes.MALFORMED_REQUESTS, "Aerie malformed requests");
        forgedRequests = counter(aeron, local, ServiceCounterTypes.FORGED_REQUESTS,
            "Aerie requests refused: no session header or another connection's token");
        droppedEgress = counter(aeron, local, ServiceCounterTypes.DROPPED_EGRESS, "Aerie answers dropped on back pressure");
        duplicateWrites = counter(aeron, local, ServiceCounterTypes.DUPLICATE_WRITES, "Aerie resent writes answered without reapplying");
        expiredSessions = counter(aeron, local, ServiceCounterTypes.EXPIRED_SESSIONS, "Aerie sessions expired");
        storeFailures = counter(aeron, local, ServiceCounterTypes.STORE_FAILURES, "Aerie unexpected store or service errors");
        watchEvents = counter(aeron, local, ServiceCounterTypes.WATCH_EVENTS, "Aerie watch events sent (one per recipient)");
        znodes = counter(aeron, local, ServiceCounterTypes.ZNODES, "Aerie znodes");
        sessions = counter(aeron, local, ServiceCounterTypes.SESSIONS, "Aerie sessions");
        watches = counter(aeron, local, ServiceCounterTypes.WATCHES, "Aerie watches");
        droppedWatchEvents = counter(
            aeron, local, ServiceCounterTypes.DROPPED_WATCH_EVENTS, "Aerie watch events lost by their recipient");
        quotaExceeded = counter(
            aeron, local, ServiceCounterTypes.QUOTA_EXCEEDED, "Aerie writes applied over a quota limit");
        timerRefusals = counter(
            aeron, local, ServiceCounterTypes.TIMER_REFUSALS, "Aerie cluster timers refused and asked for again");
        noAuth = counter(aeron, local, ServiceCounterTypes.NO_AUTH, "Aerie requests refused by an ACL (NO_AUTH)");
        authFailures = counter(aeron, local, ServiceCounterTypes.AUTH_FAILURES, "Aerie credentials refused (AUTH_FAILED)");
        quotaRejected = counter(
            aeron, local, ServiceCounterTypes.QUOTA_REJECTED, "Aerie writes refused by a hard quota limit");
        watchLimitHits = counter(
            aeron, local, ServiceCounterTypes.WATCH_LIMIT_HITS, "Aerie watches refused: session at its most");
        ephemeralLimitHits = counter(
            aeron, local, ServiceCounterTypes.EPHEMERAL_LIMIT_HITS, "Aerie ephemerals refused: session at its most");
        znodeCapacity = counter(aeron, local, ServiceCounterTypes.ZNODE_CAPACITY, "Aerie znodes clients may create");
        znodeCapacityWarning = counter(
            aeron, local, ServiceCounterTypes.ZNODE_CAPACITY_WARNING, "Aerie znode capacity at 90 % or more (1)");
        znodeLimitHits = counter(aeron, local, ServiceCounterTypes.ZNODE_LIMIT_HITS, "Aerie creates refused ZNODE_LIMIT");
        ephemerals = counter(aeron, local, ServiceCounterTypes.EPHEMERALS, "Aerie ephemeral znodes");
        approximateDataSize = counter(
            aeron, local, ServiceCounterTypes.APPROXIMATE_DATA_SIZE, "Aerie bytes of znode paths and data");
        lastZxid = counter(aeron, local, ServiceCounterTypes.LAST_ZXID, "Aerie last zxid applied");
        packetsReceived = counter(
            aeron, local, ServiceCounterTypes.PACKETS_RECEIVED, "Aerie requests applied as leader");
        packetsSent = counter(aeron, local, ServiceCounterTypes.PACKETS_SENT, "Aerie messages sent as leader");
        latencyCount = counter(aeron, local, ServiceCounterTypes.LATENCY_COUNT, "Aerie requests timed");
        latencyTotalMs = counter(aeron, local, ServiceCounterTypes.LATENCY_TOTAL_MS, "Aerie request latency sum ms");
        latencyMinMs = counter(aeron, local, ServiceCounterTypes.LATENCY_MIN_MS, "Aerie request latency min ms");
        latencyMaxMs = counter(aeron, local, ServiceCounterTypes.LATENCY_MAX_MS, "Aerie request latency max ms");
        treeCopyRestores = counter(
            aeron, local, ServiceCounterTypes.TREE_COPY_RESTORES, "Aerie snapshot loads that mapped the tree copy");
        treeCopyFallbacks = counter(
            aeron, local, ServiceCounterTypes.TREE_COPY_FALLBACKS, "Aerie snapshot loads without a usable tree copy");
    }

    /**
     * Count a client request applied while leading, with its latency: from the leader appending it to the log
     * (its timestamp) to this member applying it, in ms as ZooKeeper's {@code Latency min/avg/max}. The wall clock
     * is read here, for the metric only: nothing the state machine decides depends on it.
     *
     * @param logTimestampMs the request's log timestamp, ms; one ahead of this member's clock (a clock step)
     *                       counts as 0 latency.
     */
    void onRequest(final long logTimestampMs)
    {
        final long latency = Math.max(0, metricsClock.time() - logTimestampMs);
        packetsReceived.incrementRelease();
        if (0 == latencyCount.get() || latency < latencyMinMs.get())
        {
            latencyMinMs.setRelease(latency);
        }
        if (latency > latencyMaxMs.get())
        {
            latencyMaxMs.setRelease(latency);
        }
        latencyTotalMs.getAndAddRelease(latency);
        latencyCount.incrementRelease();
    }

    /**
     * Publish the tree's sizes for ZooKeeper's {@code mntr} and the zxid for {@code srvr}.
     */
    void treeSizes(final long ephemeralCount, final long dataSize, final long zxid)
    {
        ephemerals.setRelease(ephemeralCount);
        approximateDataSize.setRelease(dataSize);
        lastZxid.setRelease(zxid);
    }

    /**
     * Publish the sizes of the state: znodes, sessions and watches.
     */
    void sizes(final long znodeCount, final long sessionCount, final long watchCount)
    {
        znodes.setRelease(znodeCount);
        sessions.setRelease(sessionCount);
        watches.setRelease(watchCount);
    }

    /**
     * Publish how full the tree is: its capacity, whether it is near it, and the creates it refused.
     */
    void capacity(final ZnodeCapacity capacity)
    {
        znodeCapacity.setRelease(capacity.limit());
        znodeCapacityWarning.setRelease(capacity.isNearLimit() ? 1 : 0);
        znodeLimitHits.setRelease(capacity.limitHits());
    }

    private static AtomicCounter counter(final Aeron aeron, final CountersManager local, final int typeId, final String label)
    {
        return null == aeron ? local.newCounter(label, typeId) : aeron.addCounter(typeId, label);
    }

    @Override
    public void close()
    {
        malformedRequests.close();
        forgedRequests.close();
        droppedEgress.close();
        duplicateWrites.close();
        expiredSessions.close();
        storeFailures.close();
        watchEvents.close();
        znodes.close();
        sessions.close();
        watches.close();
        droppedWatchEvents.close();
        quotaExceeded.close();
        timerRefusals.close();
        noAuth.close();
        authFailures.close();
        quotaRejected.close();
        watchLimitHits.close();
        ephemeralLimitHits.close();
        znodeCapacity.close();
        znodeCapacityWarning.close();
        znodeLimitHits.close();
        ephemerals.close();
        approximateDataSize.close();
        lastZxid.close();
        packetsReceived.close();
        packetsSent.close();
        latencyCount.close();
        latencyTotalMs.close();
        latencyMinMs.close();
        latencyMaxMs.close();
        treeCopyRestores.close();
        treeCopyFallbacks.close();
    }
}
