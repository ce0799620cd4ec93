package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;
import org.agrona.SystemUtil;

import java.util.concurrent.TimeUnit;

/**
 * Cluster timing of a node: the failure detector (leader heartbeats), elections, the startup canvass and the Aeron
 * client session timeout. {@link Configuration} names the {@code aerie.node.*} properties and defaults (durations take
 * units: {@code 1s}, {@code 500ms}); {@link Context} holds one node's values, checked together by
 * {@link Context#conclude()}. Composed by {@link AerieNode.Context#timing()}.
 */
public final class ClusterTiming
{
    private ClusterTiming()
    {
    }

    /**
     * Property names and defaults of the cluster timing, each readable from an {@code aerie.node.*} system property.
     */
    public static final class Configuration
    {
        /**
         * Time without a leader heartbeat after which followers start an election (duration: 1s, 500ms...).
         */
        public static final String LEADER_HEARTBEAT_TIMEOUT_PROP_NAME = "aerie.node.leader.heartbeat.timeout";

        /**
         * Default leader heartbeat timeout, 250 ms: the failure detector, and most of a failover (a kill -9 of the
         * leader's process to the next acknowledged write took a median 613 ms at 250 ms against ZooKeeper's 812 ms in
         * the same run; at 200 ms elections themselves began to time out and some failovers took 2-6 s). What used to
         * make a short timeout elect with no fault, whole-process stalls of 0.2-3 s on a starved machine, is absorbed by
         * the consensus module's clock ({@link StallAbsorbingClusterClock}): two idle 3-node clusters side by side, at
         * 250 ms and 1 s, elected 0 times each in 10 minutes at load average 19 to 36 (README, "Elections and failover").
         */
        public static final long LEADER_HEARTBEAT_TIMEOUT_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(250);

        /**
         * Interval of leader heartbeats when the log is idle.
         */
        public static final String LEADER_HEARTBEAT_INTERVAL_PROP_NAME = "aerie.node.leader.heartbeat.interval";

        /**
         * Default leader heartbeat interval, 25 ms: ten heartbeats per timeout, so a few lost or late ones never end a
         * term; a commit position message per follower every 25 ms costs nothing measurable.
         */
        public static final long LEADER_HEARTBEAT_INTERVAL_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(25);

        /**
         * Timeout of an election step (ballot, nomination). Not a failure detector: a candidate whose ballot misses a
         * vote (the dead leader's) waits this long before it leads with a quorum, and a random part of half of it before it
         * nominates itself, so a failover costs about 1.25 times this on top of the heartbeat timeout.
         */
        public static final String ELECTION_TIMEOUT_PROP_NAME = "aerie.node.election.timeout";

        /**
         * Default election timeout, 100 ms: a ballot's votes arrive in a few ms even on a loaded machine, and each 100 ms
         * here is ~125 ms of every failover (500 ms made a kill -9 failover ~0.4 s longer).
         */
        public static final long ELECTION_TIMEOUT_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(100);

        /**
         * How long a starting node waits to hear from all members before electing with a quorum. Must be at
         * least twice the leader heartbeat timeout.
         */
        public static final String STARTUP_CANVASS_TIMEOUT_PROP_NAME = "aerie.node.startup.canvass.timeout";

        /**
         * Default: 0, meaning twice the leader heartbeat timeout, and at least 2 s.
         */
        public static final long STARTUP_CANVASS_TIMEOUT_DEFAULT_NS = 0;

        /**
         * Timeout of an Aeron cluster client session with no message or keepalive (the Aeron session, not the
         * Aerie session, which has its own timeout).
         */
        public static final String SESSION_TIMEOUT_PROP_NAME = "aerie.node.session.timeout";

        /**
         * Default Aeron client session timeout.
         */
        public static final long SESSION_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(10);

        /**
         * The most of its own stalls a node's consensus module may hide from its timeouts (duration; 0: none, as
         * Aeron does). A stall of the consensus module's thread beyond 100 ms is absorbed up to this much, so a node
         * that was descheduled does not elect, or step down, for heartbeats that arrived while it was not running
         * (see {@code StallAbsorbingClusterClock}).
         */
        public static final String STALL_ABSORB_MAX_PROP_NAME = "aerie.node.stall.absorb.max";

        /**
         * Default: 10 s. Whole-process stalls of up to 3.8 s were measured on a loaded 2-core machine (load average
         * 56 to 88), one every few seconds: 5 s was reached by stalls adding up, and then they elected again.
         */
        public static final long STALL_ABSORB_MAX_DEFAULT_NS = TimeUnit.SECONDS.toNanos(10);

        private Configuration()
        {
        }

        /**
         * @return {@link #LEADER_HEARTBEAT_TIMEOUT_PROP_NAME} in ns or its default.
         */
        public static long leaderHeartbeatTimeoutNs()
        {
            return SystemUtil.getDurationInNanos(LEADER_HEARTBEAT_TIMEOUT_PROP_NAME, LEADER_HEARTBEAT_TIMEOUT_DEFAULT_NS);
        }

        /**
         * @return {@link #LEADER_HEARTBEAT_INTERVAL_PROP_NAME} in ns or its default.
         */
        public static long leaderHeartbeatIntervalNs()
        {
            return SystemUtil.getDurationInNanos(
                LEADER_HEARTBEAT_INTERVAL_PROP_NAME, LEADER_HEARTBEAT_INTERVAL_DEFAULT_NS);
        }

        /**
         * @return {@link #ELECTION_TIMEOUT_PROP_NAME} in ns or its default.
         */
        public static long electionTimeoutNs()
        {
            return SystemUtil.getDurationInNanos(ELECTION_TIMEOUT_PROP_NAME, ELECTION_TIMEOUT_DEFAULT_NS);
        }

        /**
         * @return {@link #STARTUP_CANVASS_TIMEOUT_PROP_NAME} in ns or its default (0: derived).
         */
        public static long startupCanvassTimeoutNs()
        {
            return SystemUtil.getDurationInNanos(STARTUP_CANVASS_TIMEOUT_PROP_NAME, STARTUP_CANVASS_TIMEOUT_DEFAULT_NS);
        }

        /**
         * @return {@link #SESSION_TIMEOUT_PROP_NAME} in ns or its default.
         */
        public static long sessionTimeoutNs()
        {
            return SystemUtil.getDurationInNanos(SESSION_TIMEOUT_PROP_NAME, SESSION_TIMEOUT_DEFAULT_NS);
        }

        /**
         * @return {@link #STALL_ABSORB_MAX_PROP_NAME} in ns or its default.
         */
        public static long stallAbsorbMaxNs()
        {
            return SystemUtil.getDurationInNanos(STALL_ABSORB_MAX_PROP_NAME, STALL_ABSORB_MAX_DEFAULT_NS);
        }
    }

    /**
     * One node's cluster timing. Fluent setters, same-named getters; not thread-safe: configure, then launch.
     */
    public static final class Context
    {
        private long leaderHeartbeatTimeoutNs = Configuration.leaderHeartbeatTimeoutNs();
        private long leaderHeartbeatIntervalNs = Configuration.leaderHeartbeatIntervalNs();
        private long electionTimeoutNs = Configuration.electionTimeoutNs();
        private long startupCanvassTimeoutNs = Configuration.startupCanvassTimeoutNs();
        private long sessionTimeoutNs = Configuration.sessionTimeoutNs();
        private long stallAbsorbMaxNs = Configuration.stallAbsorbMaxNs();

        /**
         * Check the timeouts against each other and derive the startup canvass timeout if it is 0. Called by
         * {@link AerieNode.Context#conclude()}.
         *
         * @return this.
         * @throws ConfigurationException if the heartbeat interval is not below its timeout, a timeout is not
         *                                positive, the startup canvass is shorter than two heartbeat timeouts, or
         *                                the stall absorption bound is negative.
         */
        public Context conclude()
        {
            if (stallAbsorbMaxNs < 0)
            {
                throw new ConfigurationException(Configuration.STALL_ABSORB_MAX_PROP_NAME + " must be >= 0 (0: absorb " +
                    "no stall, as Aeron does): " + stallAbsorbMaxNs + " ns");
            }
            startupCanvassTimeoutNs = NodeSettingsChecks.startupCanvassTimeoutNs(
                leaderHeartbeatIntervalNs, leaderHeartbeatTimeoutNs, electionTimeoutNs, startupCanvassTimeoutNs,
                sessionTimeoutNs);
            return this;
        }

        /**
         * @param leaderHeartbeatTimeoutNs silence from the leader after which followers elect a new one.
         * @return this.
         * @see Configuration#LEADER_HEARTBEAT_TIMEOUT_PROP_NAME
         */
        public Context leaderHeartbeatTimeoutNs(final long leaderHeartbeatTimeoutNs)
        {
            this.leaderHeartbeatTimeoutNs = leaderHeartbeatTimeoutNs;
            return this;
        }

        /** @return the leader heartbeat timeout in ns. */
        public long leaderHeartbeatTimeoutNs()
        {
            return leaderHeartbeatTimeoutNs;
        }

        /**
         * @param leaderHeartbeatIntervalNs interval of leader heartbeats on an idle log.
         * @return this.
         * @see Configuration#LEADER_HEARTBEAT_INTERVAL_PROP_NAME
         */
        public Context leaderHeartbeatIntervalNs(final long leaderHeartbeatIntervalNs)
        {
            this.leaderHeartbeatIntervalNs = leaderHeartbeatIntervalNs;
            return this;
        }

        /** @return the leader heartbeat interval in ns. */
        public long leaderHeartbeatIntervalNs()
        {
            return leaderHeartbeatIntervalNs;
        }

        /**
         * @param electionTimeoutNs timeout of an election step.
         * @return this.
         * @see Configuration#ELECTION_TIMEOUT_PROP_NAME
         */
        public Context electionTimeoutNs(final long electionTimeoutNs)
        {
            this.electionTimeoutNs = electionTimeoutNs;
            return this;
        }

        /** @return the election timeout in ns. */
        public long electionTimeoutNs()
        {
            return electionTimeoutNs;
        }

        /**
         * @param startupCanvassTimeoutNs wait for all members at start; 0 for twice the heartbeat timeout, at least 2 s.
         * @return this.
         * @see Configuration#STARTUP_CANVASS_TIMEOUT_PROP_NAME
         */
        public Context startupCanvassTimeoutNs(final long startupCanvassTimeoutNs)
        {
            this.startupCanvassTimeoutNs = startupCanvassTimeoutNs;
            return this;
        }

        /** @return the startup canvass timeout in ns (derived by {@link #conclude()} if it was 0). */
        public long startupCanvassTimeoutNs()
        {
            return startupCanvassTimeoutNs;
        }

        /**
         * @param sessionTimeoutNs timeout of an idle Aeron client session.
         * @return this.
         * @see Configuration#SESSION_TIMEOUT_PROP_NAME
         */
        public Context sessionTimeoutNs(final long sessionTimeoutNs)
        {
            this.sessionTimeoutNs = sessionTimeoutNs;
            return this;
        }

        /** @return the Aeron client session timeout in ns. */
        public long sessionTimeoutNs()
        {
            return sessionTimeoutNs;
        }

        /**
         * @param stallAbsorbMaxNs the most of the consensus module's own stalls (its thread not running for over
         *                         100 ms) hidden from its heartbeat and election timeouts, so a descheduled node does
         *                         not elect or step down for heartbeats that arrived while it was stopped; 0 hides
         *                         none (Aeron's behaviour). A stall longer than this still times out, so a node that
         *                         is really gone is still replaced. Must be >= 0.
         * @return this.
         * @see Configuration#STALL_ABSORB_MAX_PROP_NAME
         */
        public Context stallAbsorbMaxNs(final long stallAbsorbMaxNs)
        {
            this.stallAbsorbMaxNs = stallAbsorbMaxNs;
            return this;
        }

        /** @return the most of its own stalls the consensus module hides from its timeouts, in ns. */
        public long stallAbsorbMaxNs()
        {
            return stallAbsorbMaxNs;
        }

        /**
         * {@inheritDoc}
         */
        public String toString()
        {
            return "leaderHeartbeatTimeoutNs=" + leaderHeartbeatTimeoutNs +
                ", leaderHeartbeatIntervalNs=" + leaderHeartbeatIntervalNs +
                ", electionTimeoutNs=" + electionTimeoutNs +
                ", startupCanvassTimeoutNs=" + startupCanvassTimeoutNs +
                ", sessionTimeoutNs=" + sessionTimeoutNs +
                ", stallAbsorbMaxNs=" + stallAbsorbMaxNs;
        }
    }
}
