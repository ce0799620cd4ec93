package io.aerie.engine.service;

/**
 * Aeron counter type ids of the service's metrics: the service registers its counters under these, and tools
 * (AeronStat, {@code aerie admin}, the metrics endpoint) find them by them.
 */
public final class ServiceCounterTypes
{
    /** Requests the service could not decode. */
    public static final int MALFORMED_REQUESTS = 7001;
    /** Answers and session events dropped on back pressure (watch events have their own counter). */
    public static final int DROPPED_EGRESS = 7002;
    /** Resent writes answered from memory rather than applied twice. */
    public static final int DUPLICATE_WRITES = 7003;
    /** Sessions expired. */
    public static final int EXPIRED_SESSIONS = 7004;
    /** Unexpected store or service errors. */
    public static final int STORE_FAILURES = 7005;
    /** Watch events sent, one per recipient. */
    public static final int WATCH_EVENTS = 7006;
    /** Znodes in the tree, the root included. */
    public static final int ZNODES = 7007;
    /** Open sessions. */
    public static final int SESSIONS = 7008;
    /** Watches held, one per kind on each (session, path). */
    public static final int WATCHES = 7009;
    /** Watch events a recipient lost: its egress was back-pressured or closed (it finds the gap by sequence). */
    public static final int DROPPED_WATCH_EVENTS = 7010;
    /** Ephemeral znodes, all sessions together. */
    public static final int EPHEMERALS = 7011;
    /** Bytes of every znode's path and data, as ZooKeeper's approximate data size. */
    public static final int APPROXIMATE_DATA_SIZE = 7012;
    /** Zxid of the last change applied. */
    public static final int LAST_ZXID = 7013;
    /** Client requests this member applied as leader: ZooKeeper's packets received. */
    public static final int PACKETS_RECEIVED = 7014;
    /** Answers and events this member sent to clients as leader: ZooKeeper's packets sent. */
    public static final int PACKETS_SENT = 7015;
    /** Requests whose latency was measured (as leader): the divisor of the average latency. */
    public static final int LATENCY_COUNT = 7016;
    /** Sum of the measured request latencies, ms. */
    public static final int LATENCY_TOTAL_MS = 7017;
    /** Smallest measured request latency, ms. */
    public static final int LATENCY_MIN_MS = 7018;
    /** Largest measured request latency, ms. */
    public static final int LATENCY_MAX_MS = 7019;
    /**
     * Creates and data changes applied over a quota's limit: ZooKeeper's soft limit, or the hard one where hard
     * quotas are not enforced ({@code aerie.quota.enforce} false).
     */
    public static final int QUOTA_EXCEEDED = 7020;
    /**
     * Cluster timers (session expiry check, container/TTL sweep) the consensus module refused under back pressure;
     * each is asked for again with the next log entry.
     */
    public static final int TIMER_REFUSALS = 7060;
    /** Requests answered NO_AUTH: a znode's ACL refused the session (ZooKeeper's "Insufficient permission"). */
    public static final int NO_AUTH = 7040;
    /** Credentials refused: addAuth or connect credentials of an unknown scheme (AUTH_FAILED). */
    public static final int AUTH_FAILURES = 7041;
    /** Creates and data changes refused with QUOTA_EXCEEDED by a hard quota limit ({@code aerie.quota.enforce}). */
    public static final int QUOTA_REJECTED = 7050;
    /** Watches refused with TOO_MANY_WATCHES: the session held its most ({@code aerie.session.max.watches}). */
    public static final int WATCH_LIMIT_HITS = 7051;
    /** Creates refused with TOO_MANY_EPHEMERALS: the session owned its most ({@code aerie.session.max.ephemerals}). */
    public static final int EPHEMERAL_LIMIT_HITS = 7052;

    /**
     * Requests refused unanswered because they did not carry the token of the cluster session they name: forged
     * by another host, or sent without a session header.
     */
    public static final int FORGED_REQUESTS = 7030;

    /**
     * Connects the node's authenticator rejected: credentials missing, malformed or not Aerie's. A node counter
     * (the leader's consensus module counts it), not the service's.
     */
    public static final int AUTH_REJECTED = 7031;

    /**
     * Most znodes clients may create ({@code aerie.tree.max.znodes}): the limit {@link #ZNODES} is measured against,
     * less the root and the three reserved nodes.
     */
    public static final int ZNODE_CAPACITY = 7070;
    /** 1 while the znodes clients created are at 90 % or more of {@link #ZNODE_CAPACITY}, else 0. */
    public static final int ZNODE_CAPACITY_WARNING = 7071;
    /** Creates refused with ZNODE_LIMIT: the tree at its capacity, or its store out of space. */
    public static final int ZNODE_LIMIT_HITS = 7072;
    /** Bytes of the files in the node's archive directory: log segments, snapshots, catalog. A node counter. */
    public static final int DISK_ARCHIVE_BYTES = 7075;

    /** Snapshots the node keeps ({@code aerie.node.snapshot.retain}). A node counter. */
    public static final int DISK_SNAPSHOTS = 7076;

    /** Log bytes committed since the node's latest snapshot: what a restart replays. A node counter. */
    public static final int DISK_LOG_BYTES_SINCE_SNAPSHOT = 7077;

    /** Log position below which the node's log is purged (0 while nothing was). A node counter. */
    public static final int DISK_LOG_START_POSITION = 7078;

    /**
     * 1 while the node's last log purge was held back because a member's log position was unknown (down or
     * unreachable) or below the purge point; 0 otherwise. A node counter.
     */
    public static final int DISK_PURGE_HELD = 7079;
    /** Reads a node answered from its own state on its read channel (docs/local-reads.md). */
    public static final int LOCAL_READS = 7090;
    /** Local reads held until the node applied the client's last seen zxid (or learnt its session). */
    public static final int LOCAL_READS_HELD = 7091;
    /** Local reads refused THROTTLED: the node held its most reads ({@code aerie.read.max.held}). */
    public static final int LOCAL_READS_REFUSED = 7092;
    /** Held local reads answered REQUEST_TIMEOUT: the node did not catch up in time ({@code aerie.read.hold.timeout.ms}). */
    public static final int LOCAL_READS_TIMED_OUT = 7093;
    /** Read-channel messages refused unanswered: unknown connection or session, wrong token, foreign response host. */
    public static final int LOCAL_READS_FORGED = 7094;
    /** Read connections open: clients this node answers local reads to. */
    public static final int READ_CONNECTIONS = 7095;
    /**
     * Local reads a node answered over {@code aeron:ipc} to a client on its own host, through the node's own media
     * driver (docs/local-reads.md); they are counted in {@link #LOCAL_READS} as well.
     */
    public static final int LOCAL_READS_IPC = 7200;
    /**
     * A node's read IPC endpoint, allocated on its media driver while the node takes local reads over
     * {@code aeron:ipc}: key = member id (int32, little-endian) then the node's incarnation (int64). A client checks
     * it before it reads through that driver.
     */
    public static final int READ_IPC_ENDPOINT = 7201;
    /**
     * Stalls of the consensus module's thread (over 100 ms between two readings of its clock) that its clock kept
     * from its timeouts (node {@code aerie.node.stall.absorb.max}). A node counter.
     */
    public static final int CONSENSUS_STALLS = 7160;
    /** The longest gap between two duty cycles of the consensus module, ns, as it really was. A node counter. */
    public static final int CONSENSUS_LONGEST_STALL_NS = 7161;
    /**
     * Times the node was closed and launched again in its own process since the process started, because its
     * consensus module could no longer replay its own log ({@code NodeRunner}). A node counter,
     * carried from one incarnation to the next.
     */
    public static final int NODE_SELF_RESTARTS = 7150;
    /**
     * Snapshot loads that mapped back the copy of the tree's maps kept with the snapshot, verified against it, instead
     * of inserting every znode ({@code aerie.tree.map.dir}).
     */
    public static final int TREE_COPY_RESTORES = 7220;
    /**
     * Snapshot loads with {@code aerie.tree.map.dir} set that inserted every znode: no copy kept with the snapshot,
     * or one that did not verify (corrupt, half written, made with other sizes).
     */
    public static final int TREE_COPY_FALLBACKS = 7221;
    /**
     * Errors the node's components (driver, archive, consensus module, service container) reported to its error
     * handler since launch. A node counter.
     */
    public static final int NODE_ERRORS = 7190;
    /** Warnings (such as an election's events) reported to the node's error handler since launch. A node counter. */
    public static final int NODE_WARNINGS = 7191;
    /**
     * Malformed cluster ingress frames the node's media driver padded out before the consensus module could decode
     * them. A node counter.
     */
    public static final int INGRESS_PADDED_FRAMES = 7192;

    private ServiceCounterTypes()
    {
    }
}
