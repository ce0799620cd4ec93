package io.aerie.engine.service;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.aerie.engine.acl.AuthSchemes;
import io.aerie.engine.session.SessionTable;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aerie.engine.watch.WatchRegistry;
import org.agrona.DirectBuffer;
import org.agrona.SystemUtil;
import org.agrona.concurrent.SystemEpochClock;

import java.util.concurrent.TimeUnit;

/**
 * Aerie's replicated state machine as an Aeron Cluster service: every node runs one over the same log.
 * <p>
 * This class only dispatches: each client message goes to the {@link RequestAdapter}, which decodes it and calls
 * its handler (sessions, writes, reads, watches, auth) with explicit arguments; the expiry timer goes to
 * {@link SessionExpiry}, the sweep timer to the tree. Time is the log's timestamp, zxids count applied changes,
 * session expiry and container/TTL sweeps run on cluster timers: the same log gives the same state on every node.
 * A malformed message gets an error answer and changes nothing.
 * <p>
 * Runs on the clustered service container's thread only.
 */
public final class AerieClusteredService implements ClusteredService
{
    static final long EXPIRY_TIMER_ID = ServiceTimers.EXPIRY_TIMER_ID;
    static final long SWEEP_TIMER_ID = ServiceTimers.SWEEP_TIMER_ID;

    private final Context ctx;
    private final DigestRecord digestRecord = new DigestRecord();
    private final RequestBinding binding = new RequestBinding();
    private ServiceState state;
    private RequestAdapter requests;
    private SessionExpiry expiry;
    private Cluster cluster;
    private ServiceTimers timers;
    private TimeUnit timeUnit;
    private SnapshotTrigger snapshotTrigger;
    private LocalReadServer localReads;
    /**
     * True while a log entry or snapshot is being handled: the container calls doBackgroundWork from inside one when
     * it idles (egress back pressure), and a read then would see half a change. Not reset if handling throws: a
     * node that failed to apply the log must not answer reads (its clients ask another node).
     */
    private boolean applying;

    /** A service configured from {@code aerie.*} system properties: what a node launched from a properties file runs. */
    public AerieClusteredService()
    {
        this(new Context());
    }

    /** @param ctx configuration; concluded here. */
    public AerieClusteredService(final Context ctx)
    {
        this.ctx = ctx.conclude();
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        final ServiceCounters counters = new ServiceCounters(cluster.aeron(), SystemEpochClock.INSTANCE);
        ServiceErrorHandler.bind(ctx.treeContext(), cluster, counters.storeFailures);
        final EgressPublisher egress = new EgressPublisher(
            counters.droppedEgress, counters.droppedWatchEvents, counters.packetsSent);
        egress.cluster(cluster);
        // Starting from a snapshot, the tree may map back the copy of its maps kept with it (log position and time
        // name it: both are the snapshot's here and when it was taken).
        state = new ServiceState(
            new ZnodeTree(ctx.treeContext(), null == snapshotImage ? -1 : cluster.logPosition(), cluster.time()),
            new SessionTable(ctx.minSessionTimeoutMs(), ctx.maxSessionTimeoutMs(), ctx.rememberedWrites()),
            egress,
            counters);
        state.digestRecord = digestRecord;
        state.maxWatchesPerSession = ctx.maxWatchesPerSession();
        final AuthRequests authRequests = new AuthRequests(state, new AuthSchemes(ctx.superDigest()));
        final SessionRequests sessionRequests = new SessionRequests(state, authRequests);
        final ReadRequests reads = new ReadRequests(state);
        timers = new ServiceTimers(ctx.sweepIntervalMs(), counters.timerRefusals);
        expiry = new SessionExpiry(state, sessionRequests, timers);
        requests = new RequestAdapter(state, binding, expiry, sessionRequests, authRequests, reads);
        requests.cluster(cluster);
        localReads = new LocalReadServer(ctx.localReads(), state, reads, binding.tokens(), cluster);

        snapshotTrigger = new SnapshotTrigger(ctx.snapshotLogBytes());
        ServiceSnapshots.load(state, snapshotImage, cluster.idleStrategy());
        binding.reload(cluster); // Aeron restored a snapshot's client sessions, with their principals, before this
        snapshotTrigger.snapshotAt(cluster.logPosition());
        state.publishSizes();
        // Timers cannot be scheduled from onStart, and the time unit is known only from a leadership term event:
        // timers start (or, after a restart, are scheduled again) when that event comes through the log.
        timeUnit = cluster.timeUnit();
        timers.cluster(cluster, timeUnit);
    }

    @Override
    public void onNewLeadershipTermEvent(
        final long leadershipTermId,
        final long logPosition,
        final long timestamp,
        final long termBaseLogPosition,
        final int leaderMemberId,
        final int logSessionId,
        final TimeUnit timeUnit,
        final int appVersion)
    {
        // In the log, so every node does this at the same point: timers scheduled again replace the old ones,
        // and the time without a leader is not held against any session.
        this.timeUnit = timeUnit;
        timers.cluster(cluster, timeUnit);
        expiry.onNewLeadershipTerm(toMillis(timestamp));
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        // A connection is not a session until it sends a ConnectRequest; its requests must carry its token.
        binding.onSessionOpen(session);
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        // The Aerie session outlives its connection until it times out, so the client can resume it elsewhere.
        state.sessions.unbind(session.id());
        binding.onSessionClose(session.id());
        localReads.onSessionClose(session.id());
    }

    @Override
    public void onSessionMessage(
        final ClientSession clientSession,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        applying = true;
        state.logTimeMs = toMillis(timestamp);
        requests.onSessionMessage(clientSession, state.logTimeMs, buffer, offset, length);
        if (Cluster.Role.LEADER == cluster.role())
        {
            state.counters.onRequest(state.logTimeMs);
        }
        state.publishSizes();
        applying = false;
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        applying = true;
        state.logTimeMs = toMillis(timestamp);
        expiry.retryRefusedTimers();
        state.tree.actingAs(null);
        if (EXPIRY_TIMER_ID == correlationId)
        {
            expiry.onExpiryTimer(state.logTimeMs);
        }
        else if (SWEEP_TIMER_ID == correlationId)
        {
            state.sweep(state.logTimeMs);
            timers.onSweepTimer(state.logTimeMs);
        }
        state.publishSizes();
        applying = false;
    }

    @Override
    public int doBackgroundWork(final long nowNs)
    {
        // Local reads only between log entries: never inside one the container idles in (egress back pressure).
        return snapshotTrigger.poll(cluster, nowNs) + (applying ? 0 : localReads.poll(nowNs));
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        snapshotTrigger.snapshotAt(cluster.logPosition());
        applying = true;
        ServiceSnapshots.take(state, snapshotPublication, cluster.idleStrategy());
        state.tree.snapshots().saveCopy(cluster.logPosition(), cluster.time());
        applying = false;
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        close();
    }

    /** Release the tree's off-heap memory. Called by {@link #onTerminate}; safe to call again. */
    public void close()
    {
        if (null != state)
        {
            localReads.close();
            state.tree.close();
            state.counters.close();
            state = null;
        }
    }

    /** @return configuration of this service's local read path: set its channel before the service starts. */
    public LocalReadsContext localReads()
    {
        return ctx.localReads();
    }

    /** @return the tree, for tests and admin on the service thread. */
    public ZnodeTree tree()
    {
        return state.tree;
    }

    /** @return the watch registry, for tests and admin on the service thread. */
    public WatchRegistry watches()
    {
        return state.watches;
    }

    /** @return the session table, for tests and admin on the service thread. */
    public SessionTable sessions()
    {
        return state.sessions;
    }

    /**
     * @return digest taken by the last DigestRequest this node applied; readable from any thread once
     * {@link #digestsTaken()} shows it.
     */
    public long lastDigest()
    {
        return digestRecord.digest;
    }

    /** @return zxid at which {@link #lastDigest()} was taken; readable from any thread. */
    public long lastDigestZxid()
    {
        return digestRecord.zxid;
    }

    /** @return number of DigestRequests this node has applied; readable from any thread. */
    public long digestsTaken()
    {
        return digestRecord.count;
    }

    /** @return zxid of the last change applied. */
    public long lastZxid()
    {
        return state.lastZxid;
    }

    ServiceCounters counters()
    {
        return state.counters;
    }

    LocalReadServer localReadServer()
    {
        return localReads;
    }

    private long toMillis(final long clusterTime)
    {
        return timeUnit.toMillis(clusterTime);
    }

    /**
     * Configuration of the service, with defaults from {@code aerie.session.*} system properties.
     */
    public static final class Context
    {
        /** Smallest session timeout granted, ms. */
        public static final String MIN_SESSION_TIMEOUT_PROP_NAME = "aerie.session.min.timeout.ms";
        /** Default for {@link #MIN_SESSION_TIMEOUT_PROP_NAME}. */
        public static final int MIN_SESSION_TIMEOUT_DEFAULT = 100;
        /** Largest session timeout granted, ms (ZooKeeper: 20 ticks). */
        public static final String MAX_SESSION_TIMEOUT_PROP_NAME = "aerie.session.max.timeout.ms";
        /** Default for {@link #MAX_SESSION_TIMEOUT_PROP_NAME}. */
        public static final int MAX_SESSION_TIMEOUT_DEFAULT = 40_000;
        /** Write responses each session remembers to answer resends: at least the writes a client has in flight. */
        public static final String REMEMBERED_WRITES_PROP_NAME = "aerie.session.remembered.writes";
        /** Default for {@link #REMEMBERED_WRITES_PROP_NAME}. */
        public static final int REMEMBERED_WRITES_DEFAULT = 16;
        /** Interval between container / TTL sweeps, ms. */
        public static final String SWEEP_INTERVAL_PROP_NAME = "aerie.tree.sweep.interval.ms";
        /** Default for {@link #SWEEP_INTERVAL_PROP_NAME}. */
        public static final long SWEEP_INTERVAL_DEFAULT = 1000;

        /** Log growth since the last snapshot after which the leader asks for one (0 = never, only on demand). */
        public static final String SNAPSHOT_LOG_BYTES_PROP_NAME = "aerie.snapshot.log.bytes";
        /** Default for {@link #SNAPSHOT_LOG_BYTES_PROP_NAME}: 256 MiB. */
        public static final long SNAPSHOT_LOG_BYTES_DEFAULT = 256L * 1024 * 1024;

        /**
         * Most watches one session may hold (each kind on each path counts once, as {@code aerie_watches}); a read
         * or addWatch that would leave more fails with TOO_MANY_WATCHES. Bounds the heap one client can take.
         */
        public static final String MAX_WATCHES_PER_SESSION_PROP_NAME = "aerie.session.max.watches";
        /** Default for {@link #MAX_WATCHES_PER_SESSION_PROP_NAME}: about 15 MB of registry heap. */
        public static final int MAX_WATCHES_PER_SESSION_DEFAULT = 100_000;

        private boolean concluded;
        private int minSessionTimeoutMs = Integer.getInteger(MIN_SESSION_TIMEOUT_PROP_NAME, MIN_SESSION_TIMEOUT_DEFAULT);
        private int maxSessionTimeoutMs = Integer.getInteger(MAX_SESSION_TIMEOUT_PROP_NAME, MAX_SESSION_TIMEOUT_DEFAULT);
        private int rememberedWrites = Integer.getInteger(REMEMBERED_WRITES_PROP_NAME, REMEMBERED_WRITES_DEFAULT);
        private long sweepIntervalMs = Long.getLong(SWEEP_INTERVAL_PROP_NAME, SWEEP_INTERVAL_DEFAULT);
        private long snapshotLogBytes = SystemUtil.parseSize(SNAPSHOT_LOG_BYTES_PROP_NAME,
            System.getProperty(SNAPSHOT_LOG_BYTES_PROP_NAME, Long.toString(SNAPSHOT_LOG_BYTES_DEFAULT)));
        /** ZooKeeper's superDigest, {@code super:base64(sha1(super:password))} ({@code AuthSchemes.generateDigest}):
         * a session adding the matching digest credentials passes every ACL check. Unset: none. Alike on every member. */
        public static final String SUPER_DIGEST_PROP_NAME = "aerie.auth.super.digest";

        private String superDigest = System.getProperty(SUPER_DIGEST_PROP_NAME);
        private int maxWatchesPerSession = Integer.getInteger(
            MAX_WATCHES_PER_SESSION_PROP_NAME, MAX_WATCHES_PER_SESSION_DEFAULT);
        private ZnodeTreeContext treeContext;
        private final LocalReadsContext localReads = new LocalReadsContext();

        /**
         * Fill defaults and check invariants once.
         *
         * @return this.
         * @throws IllegalArgumentException on a value out of range.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (minSessionTimeoutMs <= 0 || maxSessionTimeoutMs < minSessionTimeoutMs)
            {
                throw new IllegalArgumentException(
                    "need 0 < minSessionTimeoutMs <= maxSessionTimeoutMs: " + minSessionTimeoutMs + ", " + maxSessionTimeoutMs);
            }
            if (rememberedWrites < 1)
            {
                throw new IllegalArgumentException("rememberedWrites must be >= 1: " + rememberedWrites);
            }
            if (snapshotLogBytes < 0)
            {
                throw new IllegalArgumentException("snapshotLogBytes must be >= 0: " + snapshotLogBytes);
            }
            if (sweepIntervalMs < 1)
            {
                throw new IllegalArgumentException("sweepIntervalMs must be >= 1: " + sweepIntervalMs);
            }
            if (null != superDigest && !superDigest.isEmpty() && superDigest.indexOf(':') <= 0)
            {
                throw new IllegalArgumentException("superDigest must be user:base64(sha1(user:password)): " + superDigest);
            }
            if (maxWatchesPerSession < 0)
            {
                throw new IllegalArgumentException("maxWatchesPerSession must be >= 0: " + maxWatchesPerSession);
            }
            if (null == treeContext)
            {
                treeContext = new ZnodeTreeContext();
            }
            ServiceErrorHandler.defaultFor(treeContext);
            treeContext.conclude();
            localReads.conclude();
            concluded = true;
            return this;
        }

        /** @return smallest session timeout granted, ms. */
        public int minSessionTimeoutMs()
        {
            return minSessionTimeoutMs;
        }

        /** @param minSessionTimeoutMs smallest session timeout granted, ms. @return this. */
        public Context minSessionTimeoutMs(final int minSessionTimeoutMs)
        {
            this.minSessionTimeoutMs = minSessionTimeoutMs;
            return this;
        }

        /** @return largest session timeout granted, ms. */
        public int maxSessionTimeoutMs()
        {
            return maxSessionTimeoutMs;
        }

        /** @param maxSessionTimeoutMs largest session timeout granted, ms. @return this. */
        public Context maxSessionTimeoutMs(final int maxSessionTimeoutMs)
        {
            this.maxSessionTimeoutMs = maxSessionTimeoutMs;
            return this;
        }

        /** @return write responses each session remembers. */
        public int rememberedWrites()
        {
            return rememberedWrites;
        }

        /** @param rememberedWrites write responses each session remembers. @return this. */
        public Context rememberedWrites(final int rememberedWrites)
        {
            this.rememberedWrites = rememberedWrites;
            return this;
        }

        /** @return interval between container / TTL sweeps, ms. */
        public long sweepIntervalMs()
        {
            return sweepIntervalMs;
        }

        /** @param sweepIntervalMs interval between container / TTL sweeps, ms. @return this. */
        public Context sweepIntervalMs(final long sweepIntervalMs)
        {
            this.sweepIntervalMs = sweepIntervalMs;
            return this;
        }

        /** @return log growth that triggers a snapshot, bytes; 0 = never. */
        public long snapshotLogBytes()
        {
            return snapshotLogBytes;
        }

        /** @param snapshotLogBytes log growth that triggers a snapshot, bytes; 0 = never. @return this. */
        public Context snapshotLogBytes(final long snapshotLogBytes)
        {
            this.snapshotLogBytes = snapshotLogBytes;
            return this;
        }

        /** @return the super user's digest identity, or null for none. */
        public String superDigest()
        {
            return superDigest;
        }

        /** @param superDigest the super user's digest identity, or null for none; alike on every member. @return this. */
        public Context superDigest(final String superDigest)
        {
            this.superDigest = superDigest;
            return this;
        }

        /** @return most watches one session may hold. */
        public int maxWatchesPerSession()
        {
            return maxWatchesPerSession;
        }

        /** @param maxWatchesPerSession most watches one session may hold (0: none). @return this. */
        public Context maxWatchesPerSession(final int maxWatchesPerSession)
        {
            this.maxWatchesPerSession = maxWatchesPerSession;
            return this;
        }

        /** @return configuration of the tree, with its quota and ephemeral limits. */
        public ZnodeTreeContext treeContext()
        {
            return treeContext;
        }

        /** @return configuration of the local read path; the node sets its channel before the service starts. */
        public LocalReadsContext localReads()
        {
            return localReads;
        }

        /** @param treeContext configuration of the tree. @return this. */
        public Context treeContext(final ZnodeTreeContext treeContext)
        {
            this.treeContext = treeContext;
            return this;
        }
    }
}
