package io.aerie.engine.node;

import io.aerie.engine.service.ServiceCounterTypes;
import io.aeron.AeronCounters;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.status.CountersReader;

/**
 * A snapshot of one node's metrics, read from the counters of its media driver: the Aerie service's counters
 * ({@link ServiceCounterTypes}) and the consensus module's (role, election state, term, commit position,
 * snapshots...). The same values AeronStat shows, by name; used by the node's HTTP metrics endpoint and by
 * {@code aerie admin}, which maps the driver's CnC file from another process.
 * <p>
 * Immutable once read; safe to share between threads. A metric the counters did not hold (a node still
 * starting, a service that is not Aerie's) is absent rather than zero: see {@link #has(Metric)}.
 */
public final class NodeCounters
{
    private static final Metric[] METRICS = Metric.values();

    private final long[] values;
    private final boolean[] isPresent;

    private NodeCounters(final long[] values, final boolean[] isPresent)
    {
        this.values = values;
        this.isPresent = isPresent;
    }

    /**
     * Read the current value of every known metric from a counters buffer. Where several counters share a type
     * id (a driver shared by several clusters), the first allocated one wins.
     * <p>
     * Allocates; meant for a scrape or an admin command, not a hot path. Any thread, as long as the buffer stays
     * mapped for the duration of the call.
     *
     * @param counters the media driver's counters, in this process or mapped from its CnC file; not null.
     * @return the metrics found.
     */
    public static NodeCounters read(final CountersReader counters)
    {
        final long[] values = new long[METRICS.length];
        final boolean[] isPresent = new boolean[METRICS.length];
        NodeCounterScan.scan(counters, values, isPresent);

        return new NodeCounters(values, isPresent);
    }

    /**
     * Metrics with given values, the others absent: for tests and for formatting without a node.
     *
     * @param metrics the metrics present; not null.
     * @param values  their values, in the same order; not null.
     * @return the metrics.
     * @throws IllegalArgumentException if the arrays differ in length.
     */
    public static NodeCounters of(final Metric[] metrics, final long[] values)
    {
        if (metrics.length != values.length)
        {
            throw new IllegalArgumentException("metrics and values differ in length");
        }

        final long[] allValues = new long[METRICS.length];
        final boolean[] isPresent = new boolean[METRICS.length];
        for (int i = 0; i < metrics.length; i++)
        {
            allValues[metrics[i].ordinal()] = values[i];
            isPresent[metrics[i].ordinal()] = true;
        }

        return new NodeCounters(allValues, isPresent);
    }

    /**
     * Was the metric's counter found?
     *
     * @param metric not null.
     * @return true if the counters held it.
     */
    public boolean has(final Metric metric)
    {
        return isPresent[metric.ordinal()];
    }

    /**
     * The value of a metric.
     *
     * @param metric       not null.
     * @param defaultValue returned when the metric is absent.
     * @return the counter's value, or the default.
     */
    public long value(final Metric metric, final long defaultValue)
    {
        return isPresent[metric.ordinal()] ? values[metric.ordinal()] : defaultValue;
    }

    /**
     * Does the node run the Aerie service (its znode, session and watch counters are present)?
     *
     * @return true if the service's state counters were found.
     */
    public boolean hasServiceCounters()
    {
        return has(Metric.ZNODES) && has(Metric.SESSIONS) && has(Metric.WATCHES);
    }

    /**
     * The consensus module's role.
     *
     * @return the role, or null if the counter is absent or holds an unknown code.
     */
    public Cluster.Role role()
    {
        if (!has(Metric.CLUSTER_ROLE))
        {
            return null;
        }

        final long code = values[Metric.CLUSTER_ROLE.ordinal()];
        for (final Cluster.Role role : Cluster.Role.values())
        {
            if (role.code() == code)
            {
                return role;
            }
        }

        return null;
    }

    /**
     * The state of the node's current or last election; {@link ElectionState#CLOSED} while in a term with a
     * leader.
     *
     * @return the state, or null if the counter is absent or holds an unknown code.
     */
    public ElectionState electionState()
    {
        if (!has(Metric.ELECTION_STATE))
        {
            return null;
        }

        final long code = values[Metric.ELECTION_STATE.ordinal()];
        for (final ElectionState state : ElectionState.values())
        {
            if (state.code() == code)
            {
                return state;
            }
        }

        return null;
    }

    /**
     * Append every present metric in the Prometheus text exposition format (version 0.0.4): HELP, TYPE and one
     * sample labelled with the member id. Counters carry the {@code _total} suffix, gauges do not.
     *
     * @param out      where the text goes; not null.
     * @param memberId the node's member id, the {@code member} label.
     */
    public void appendPrometheus(final StringBuilder out, final int memberId)
    {
        for (final Metric metric : METRICS)
        {
            if (isPresent[metric.ordinal()])
            {
                PrometheusText.appendSample(out, metric.prometheusName(), metric.isCounter() ? "counter" : "gauge",
                    metric.help(), values[metric.ordinal()], memberId);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("NodeCounters{");
        String separator = "";
        for (final Metric metric : METRICS)
        {
            if (isPresent[metric.ordinal()])
            {
                sb.append(separator).append(metric.metricName()).append('=').append(values[metric.ordinal()]);
                separator = ", ";
            }
        }

        return sb.append('}').toString();
    }

    /**
     * The metrics a node exposes: name, kind (counter or gauge), the Aeron counter type id it is read from, and
     * a one-line description.
     */
    public enum Metric
    {
        /** Requests the service could not decode. */
        MALFORMED_REQUESTS("aerie_malformed_requests", true, ServiceCounterTypes.MALFORMED_REQUESTS,
            "Requests the service could not decode."),
        /** Requests refused because they did not carry their cluster session's token. */
        FORGED_REQUESTS("aerie_forged_requests", true, ServiceCounterTypes.FORGED_REQUESTS,
            "Requests refused unanswered: no session header, or not the token of the cluster session they name."),
        /** Connects rejected by the authenticator. */
        AUTH_REJECTED("aerie_auth_rejected", true, ServiceCounterTypes.AUTH_REJECTED,
            "Connects rejected by the node's authenticator: credentials missing, malformed or not Aerie's."),
        /** Egress messages dropped on back pressure. */
        DROPPED_EGRESS("aerie_dropped_egress", true, ServiceCounterTypes.DROPPED_EGRESS,
            "Answers and session events dropped on back pressure."),
        /** Resent writes answered without applying them again. */
        DUPLICATE_WRITES("aerie_duplicate_writes", true, ServiceCounterTypes.DUPLICATE_WRITES,
            "Resent writes answered without reapplying."),
        /** Sessions expired. */
        EXPIRED_SESSIONS("aerie_expired_sessions", true, ServiceCounterTypes.EXPIRED_SESSIONS,
            "Sessions expired."),
        /** Unexpected store or service errors. */
        STORE_FAILURES("aerie_store_failures", true, ServiceCounterTypes.STORE_FAILURES,
            "Unexpected store or service errors."),
        /** Watch events sent, one per recipient. */
        WATCH_EVENTS("aerie_watch_events", true, ServiceCounterTypes.WATCH_EVENTS,
            "Watch events sent (one per recipient)."),
        /** Znodes in the tree. */
        ZNODES("aerie_znodes", false, ServiceCounterTypes.ZNODES,
            "Znodes in the tree."),
        /** Open sessions. */
        SESSIONS("aerie_sessions", false, ServiceCounterTypes.SESSIONS,
            "Open sessions."),
        /** Watches held. */
        WATCHES("aerie_watches", false, ServiceCounterTypes.WATCHES,
            "Watches registered (one per session and path)."),
        /** Watch events lost by their recipient. */
        DROPPED_WATCH_EVENTS("aerie_dropped_watch_events", true, ServiceCounterTypes.DROPPED_WATCH_EVENTS,
            "Watch events lost by their recipient (back-pressured or closed egress)."),
        /** Ephemeral znodes. */
        EPHEMERALS("aerie_ephemerals", false, ServiceCounterTypes.EPHEMERALS,
            "Ephemeral znodes, all sessions together."),
        /** Bytes of znode paths and data. */
        APPROXIMATE_DATA_SIZE("aerie_approximate_data_size", false, ServiceCounterTypes.APPROXIMATE_DATA_SIZE,
            "Bytes of every znode's path and data (ZooKeeper's approximate data size)."),
        /** Zxid of the last change applied. */
        LAST_ZXID("aerie_last_zxid", false, ServiceCounterTypes.LAST_ZXID,
            "Zxid of the last change applied."),
        /** Requests applied as leader. */
        PACKETS_RECEIVED("aerie_packets_received", true, ServiceCounterTypes.PACKETS_RECEIVED,
            "Client requests applied while leading (ZooKeeper's packets received)."),
        /** Messages sent to clients as leader. */
        PACKETS_SENT("aerie_packets_sent", true, ServiceCounterTypes.PACKETS_SENT,
            "Answers and events sent to clients while leading (ZooKeeper's packets sent)."),
        /** Requests timed. */
        REQUESTS_TIMED("aerie_requests_timed", true, ServiceCounterTypes.LATENCY_COUNT,
            "Requests whose latency (log append to applied) was measured, while leading."),
        /** Sum of request latencies, ms. */
        REQUEST_LATENCY_MS("aerie_request_latency_ms", true, ServiceCounterTypes.LATENCY_TOTAL_MS,
            "Sum of the measured request latencies, ms."),
        /** Smallest request latency, ms. */
        REQUEST_LATENCY_MIN_MS("aerie_request_latency_min_ms", false, ServiceCounterTypes.LATENCY_MIN_MS,
            "Smallest measured request latency, ms."),
        /** Largest request latency, ms. */
        REQUEST_LATENCY_MAX_MS("aerie_request_latency_max_ms", false, ServiceCounterTypes.LATENCY_MAX_MS,
            "Largest measured request latency, ms."),
        /** Writes applied over a quota limit. */
        QUOTA_EXCEEDED("aerie_quota_exceeded", true, ServiceCounterTypes.QUOTA_EXCEEDED,
            "Creates and data changes applied over a quota limit under /zookeeper/quota (soft, or hard when not " +
            "enforced)."),
        /** Cluster timers refused under back pressure and asked for again. */
        TIMER_REFUSALS("aerie_timer_refusals", true, ServiceCounterTypes.TIMER_REFUSALS,
            "Session-expiry and sweep timers the consensus module refused under back pressure; each is asked for " +
            "again with the next log entry."),
        /** Requests refused by a znode's ACL. */
        NO_AUTH("aerie_noauth", true, ServiceCounterTypes.NO_AUTH,
            "Requests answered NO_AUTH: a znode's ACL refused the session."),
        /** Credentials refused. */
        AUTH_FAILURES("aerie_auth_failures", true, ServiceCounterTypes.AUTH_FAILURES,
            "Credentials refused (addAuth or connect credentials of an unknown scheme)."),
        /** Writes refused by a hard quota limit. */
        QUOTA_REJECTED("aerie_quota_rejected", true, ServiceCounterTypes.QUOTA_REJECTED,
            "Creates and data changes refused with QUOTA_EXCEEDED by a hard quota limit (aerie.quota.enforce)."),
        /** Watches refused: the session held its most. */
        WATCH_LIMIT_HITS("aerie_session_watch_limit_hits", true, ServiceCounterTypes.WATCH_LIMIT_HITS,
            "Watches refused with TOO_MANY_WATCHES: the session held aerie.session.max.watches."),
        /** Ephemerals refused: the session owned its most. */
        EPHEMERAL_LIMIT_HITS("aerie_session_ephemeral_limit_hits", true, ServiceCounterTypes.EPHEMERAL_LIMIT_HITS,
            "Creates refused with TOO_MANY_EPHEMERALS: the session owned aerie.session.max.ephemerals."),
        /** Znodes clients may create. */
        ZNODE_CAPACITY("aerie_znode_capacity", false, ServiceCounterTypes.ZNODE_CAPACITY,
            "Znodes clients may create (aerie.tree.max.znodes; the root and /zookeeper's reserved nodes aside)."),
        /** 1 when the tree is near its znode capacity. */
        ZNODE_CAPACITY_WARNING("aerie_znode_capacity_warning", false, ServiceCounterTypes.ZNODE_CAPACITY_WARNING,
            "1 while the znodes clients created are at 90 % or more of aerie_znode_capacity, else 0."),
        /** Creates refused: the tree full. */
        ZNODE_LIMIT_HITS("aerie_znode_limit_hits", true, ServiceCounterTypes.ZNODE_LIMIT_HITS,
            "Creates refused with ZNODE_LIMIT: the tree at aerie_znode_capacity, or its store out of space."),
        /** Bytes of the archive directory. */
        DISK_ARCHIVE_BYTES("aerie_disk_archive_bytes", false, ServiceCounterTypes.DISK_ARCHIVE_BYTES,
            "Bytes of the files in the node's archive directory (log segments, snapshots, catalog)."),
        /** Snapshots kept. */
        DISK_SNAPSHOTS("aerie_disk_snapshots", false, ServiceCounterTypes.DISK_SNAPSHOTS,
            "Snapshots the node keeps (aerie.node.snapshot.retain)."),
        /** Log bytes since the latest snapshot. */
        DISK_LOG_BYTES_SINCE_SNAPSHOT("aerie_disk_log_bytes_since_snapshot", false,
            ServiceCounterTypes.DISK_LOG_BYTES_SINCE_SNAPSHOT,
            "Log bytes committed since the node's latest snapshot: what a restart replays."),
        /** Position below which the log is purged. */
        DISK_LOG_START_POSITION("aerie_disk_log_start_position", false, ServiceCounterTypes.DISK_LOG_START_POSITION,
            "Log position below which the node's log is purged (0 while nothing was)."),
        /** 1 while the log purge is held back by a member. */
        DISK_PURGE_HELD("aerie_disk_purge_held", false, ServiceCounterTypes.DISK_PURGE_HELD,
            "1 while the last log purge was held back: a member's log position was unknown or below the purge point."),
        /** Snapshot loads that mapped back the tree's copy. */
        TREE_COPY_RESTORES("aerie_tree_copy_restores", true, ServiceCounterTypes.TREE_COPY_RESTORES,
            "Snapshot loads that mapped back the copy of the tree's maps kept with the snapshot (aerie.tree.map.dir)."),
        /** Snapshot loads that could not use a tree copy. */
        TREE_COPY_FALLBACKS("aerie_tree_copy_fallbacks", true, ServiceCounterTypes.TREE_COPY_FALLBACKS,
            "Snapshot loads with aerie.tree.map.dir set that inserted every znode: no usable copy with the snapshot."),
        /** In-process restarts of the node. */
        SELF_RESTARTS("aerie_node_self_restarts", true, ServiceCounterTypes.NODE_SELF_RESTARTS,
            "Times the node was closed and launched again in its own process since the process started: its " +
            "consensus module could no longer replay its own log."),
        /** Errors reported to the node's error handler. */
        NODE_ERRORS("aerie_node_errors", true, ServiceCounterTypes.NODE_ERRORS,
            "Errors reported by the node's components to its error handler since launch."),
        /** Warnings reported to the node's error handler. */
        NODE_WARNINGS("aerie_node_warnings", true, ServiceCounterTypes.NODE_WARNINGS,
            "Warnings (such as election events) reported to the node's error handler since launch."),
        /** Malformed ingress frames padded out. */
        INGRESS_PADDED_FRAMES("aerie_ingress_padded_frames", true, ServiceCounterTypes.INGRESS_PADDED_FRAMES,
            "Malformed cluster ingress frames the node's media driver padded out before the consensus module decoded " +
            "them (the first and every power-of-two-th also reported as an error)."),
        /** Local reads answered. */
        LOCAL_READS("aerie_local_reads", true, ServiceCounterTypes.LOCAL_READS,
            "Reads the node answered from its own state beside the log (ReadMode.LOCAL), over UDP or IPC."),
        /** Local reads answered over IPC. */
        LOCAL_READS_IPC("aerie_local_reads_ipc", true, ServiceCounterTypes.LOCAL_READS_IPC,
            "Local reads answered over aeron:ipc through the node's own media driver, to clients on its host."),
        /** Consensus role code. */
        CLUSTER_ROLE("aerie_cluster_role", false, AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID,
            "Consensus role: 0 follower, 1 candidate, 2 leader."),
        /** Election state code. */
        ELECTION_STATE("aerie_cluster_election_state", false, AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID,
            "Election state code (Aeron ElectionState); 17 (CLOSED) when in a term with a leader."),
        /** Leadership term id. */
        LEADERSHIP_TERM_ID("aerie_cluster_leadership_term_id", false, AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID,
            "Leadership term id."),
        /** Commit position of the log. */
        COMMIT_POSITION("aerie_cluster_commit_position", false, AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID,
            "Log position known committed, in bytes."),
        /** Consensus module state code. */
        CONSENSUS_MODULE_STATE("aerie_cluster_consensus_module_state", false,
            AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID,
            "Consensus module state code: 0 init, 1 active, 2 suspended, 3 snapshot, 4 quitting, 5 terminating, " +
            "6 closed."),
        /** Snapshots taken since the node started. */
        SNAPSHOTS("aerie_cluster_snapshots", true, AeronCounters.CLUSTER_SNAPSHOT_COUNTER_TYPE_ID,
            "Snapshots taken since the node started."),
        /** Elections since the node started. */
        ELECTIONS("aerie_cluster_elections", true, AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID,
            "Elections since the node started."),
        /** Longest consensus module duty cycle. */
        CONSENSUS_MAX_CYCLE_NS("aerie_cluster_max_cycle_ns", false, AeronCounters.CLUSTER_MAX_CYCLE_TIME_TYPE_ID,
            "Longest duty cycle of the consensus module since start, ns, on its clock: a stall beyond 100 ms is " +
            "absorbed there (aerie_cluster_longest_stall_ns has the real gap)."),
        /** Consensus module stalls kept from its timeouts. */
        CONSENSUS_STALLS("aerie_cluster_stalls", true, ServiceCounterTypes.CONSENSUS_STALLS,
            "Stalls of the consensus module (over 100 ms between duty cycles: CPU starvation, safepoints) absorbed " +
            "by its clock, so they started no election (up to aerie.node.stall.absorb.max each)."),
        /** Longest real gap between two consensus module duty cycles. */
        CONSENSUS_LONGEST_STALL_NS("aerie_cluster_longest_stall_ns", false,
            ServiceCounterTypes.CONSENSUS_LONGEST_STALL_NS,
            "Longest gap between two duty cycles of the consensus module since start, ns, in real time."),
        /** Consensus module duty cycles over the threshold. */
        CONSENSUS_CYCLE_THRESHOLD_EXCEEDED("aerie_cluster_cycle_threshold_exceeded", true,
            AeronCounters.CLUSTER_CYCLE_TIME_THRESHOLD_EXCEEDED_TYPE_ID,
            "Consensus module duty cycles longer than aeron.cluster.cycle.threshold (100 ms by default)."),
        /** Consensus module errors. */
        CONSENSUS_MODULE_ERRORS("aerie_cluster_consensus_module_errors", true,
            AeronCounters.CLUSTER_CONSENSUS_MODULE_ERROR_COUNT_TYPE_ID,
            "Consensus module errors."),
        /** Clustered service container errors. */
        SERVICE_ERRORS("aerie_cluster_service_errors", true,
            AeronCounters.CLUSTER_CLUSTERED_SERVICE_ERROR_COUNT_TYPE_ID,
            "Clustered service container errors."),
        /** Cluster client sessions timed out. */
        CLIENT_TIMEOUTS("aerie_cluster_client_timeouts", true, AeronCounters.CLUSTER_CLIENT_TIMEOUT_COUNT_TYPE_ID,
            "Cluster client sessions timed out."),
        /** Media driver errors: the driver's ERRORS system counter. */
        DRIVER_ERRORS("aerie_driver_errors", true, AeronCounters.DRIVER_SYSTEM_COUNTER_TYPE_ID,
            "Media driver errors.");

        private final String metricName;
        private final boolean isCounter;
        private final int typeId;
        private final String help;

        Metric(final String metricName, final boolean isCounter, final int typeId, final String help)
        {
            this.metricName = metricName;
            this.isCounter = isCounter;
            this.typeId = typeId;
            this.help = help;
        }

        /**
         * @return the name without the {@code _total} suffix, as {@code mntr} prints it.
         */
        public String metricName()
        {
            return metricName;
        }

        /**
         * @return the Prometheus name: {@link #metricName()}, plus {@code _total} for a counter.
         */
        public String prometheusName()
        {
            return isCounter ? metricName + "_total" : metricName;
        }

        /**
         * @return true for a counter (only rises while the node runs), false for a gauge.
         */
        public boolean isCounter()
        {
            return isCounter;
        }

        /**
         * @return the Aeron counter type id the value is read from.
         */
        public int typeId()
        {
            return typeId;
        }

        /**
         * @return one line of description.
         */
        public String help()
        {
            return help;
        }
    }
}
