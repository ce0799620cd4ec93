package io.aerie.tools.admin;

import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.node.NodeCounters.Metric;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FourLetterWordsTest
{
    private static final NodeDir DIR = new NodeDir(new File("/c/node-1"), new File("/c/node-1/cluster"), 1);

    @Test
    void shouldBeOkForAMemberInATermWithALeader()
    {
        assertNull(FourLetterWords.notOkReason(StatusFormatTest.leader()));
    }

    @Test
    void shouldNotBeOkForAMemberThatIsNotRunning()
    {
        assertEquals("member 12 is not running: its process 42 is gone",
            FourLetterWords.notOkReason(StatusFormatTest.stopped()));
    }

    @Test
    void shouldNotBeOkForAMemberInAnElection()
    {
        final NodeStatus candidate = follower(Cluster.Role.CANDIDATE, ElectionState.CANDIDATE_BALLOT, -1);

        assertEquals("member 1 is in an election (CANDIDATE_BALLOT), no leader yet",
            FourLetterWords.notOkReason(candidate));
    }

    @Test
    void shouldNotBeOkForAMemberWithoutConsensusModuleCounters()
    {
        final NodeStatus starting = NodeStatus.running(
            DIR, 1, NodeCounters.of(new Metric[0], new long[0]), -1, NodeStatus.SnapshotRecord.NONE);

        assertEquals("member 1 is starting: no consensus module counters yet", FourLetterWords.notOkReason(starting));
    }

    @Test
    void shouldSummarizeAFollowerAsZooKeeperSrvrDoes()
    {
        final String srvr = FourLetterWords.srvr(follower(Cluster.Role.FOLLOWER, ElectionState.CLOSED, 0), "9.9");

        assertEquals(
            "Zookeeper version: Aerie 9.9\n" +
            "Latency min/avg/max: 1/2.5/7\n" +
            "Received: 4\n" +
            "Sent: 6\n" +
            "Connections: 2\n" +
            "Outstanding: 0\n" +
            "Zxid: 0x1f\n" +
            "Mode: follower\n" +
            "Node count: 17\n" +
            "Member id: 1\n" +
            "Leader: 0\n" +
            "Leadership term: 3\n" +
            "Election state: CLOSED\n" +
            "Commit position: 4096\n" +
            "Watches: 4\n" +
            "Snapshots: 1 since start, 2 recorded, last at log position 1024\n",
            srvr);
    }

    @Test
    void shouldSayWhatANodeWithoutServiceCountersDoesNotMeasure()
    {
        final NodeCounters counters = NodeCounters.of(
            new Metric[]{ Metric.CLUSTER_ROLE, Metric.ELECTION_STATE },
            new long[]{ Cluster.Role.LEADER.code(), ElectionState.CLOSED.code() });
        final String srvr = FourLetterWords.srvr(
            NodeStatus.running(DIR, 1, counters, 1, NodeStatus.SnapshotRecord.NONE), "9.9");

        assertAll(srvr,
            () -> assertTrue(srvr.contains("\nLatency min/avg/max: not available\n")),
            () -> assertTrue(srvr.contains("\nReceived: not available\n")),
            () -> assertTrue(srvr.contains("\nOutstanding: not available\n")),
            () -> assertTrue(srvr.contains("\nZxid: not available\n")));
    }

    @Test
    void shouldPrintNoLatencyYetAsZooKeeperDoes()
    {
        final NodeCounters counters = NodeCounters.of(
            new Metric[]{ Metric.REQUESTS_TIMED, Metric.REQUEST_LATENCY_MS, Metric.REQUEST_LATENCY_MIN_MS,
                Metric.REQUEST_LATENCY_MAX_MS },
            new long[]{ 0, 0, 0, 0 });
        final String srvr = FourLetterWords.srvr(
            NodeStatus.running(DIR, 1, counters, 1, NodeStatus.SnapshotRecord.NONE), "9.9");

        assertTrue(srvr.contains("\nLatency min/avg/max: 0/0.0/0\n"), srvr);
    }

    @Test
    void shouldSayTheLeaderIsUnknownWhenAFollowerCouldNotTell()
    {
        final String srvr = FourLetterWords.srvr(follower(Cluster.Role.FOLLOWER, ElectionState.CLOSED, -1), "9.9");

        assertTrue(srvr.contains("\nLeader: unknown\n"), srvr);
    }

    @Test
    void shouldStartMntrWithZooKeeperKeys()
    {
        final String mntr = FourLetterWords.mntr(follower(Cluster.Role.FOLLOWER, ElectionState.CLOSED, 0), "9.9");

        assertEquals(
            List.of("zk_version\tAerie 9.9", "zk_server_state\tfollower", "zk_peer_state\tfollowing - broadcast",
                "zk_ephemerals_count\t3", "zk_num_alive_connections\t2", "zk_avg_latency\t2.5",
                "zk_outstanding_requests\t0", "zk_znode_count\t17", "zk_global_sessions\t2",
                "zk_packets_sent\t6", "zk_packets_received\t4", "zk_watch_count\t4", "zk_min_latency\t1",
                "zk_max_file_descriptor_count\t4096", "zk_approximate_data_size\t1234",
                "zk_open_file_descriptor_count\t99", "zk_local_sessions\t0"),
            mntr.lines().limit(17).toList());
        assertTrue(mntr.matches("(?s).*\nzk_uptime\t\\d+\nzk_max_latency\t7\naerie_member_id\t1\n.*"), mntr);
    }

    @Test
    void shouldReportFollowersOnlyOnTheLeader()
    {
        final NodeStatus leader = NodeStatus.running(DIR, 1, counters(Cluster.Role.LEADER, ElectionState.CLOSED), 1,
            NodeStatus.SnapshotRecord.NONE).withFollowers(new NodeStatus.Followers(2, 1));
        final String leaderMntr = FourLetterWords.mntr(leader, "9.9");
        final String followerMntr =
            FourLetterWords.mntr(follower(Cluster.Role.FOLLOWER, ElectionState.CLOSED, 0), "9.9");

        assertAll(leaderMntr,
            () -> assertTrue(leaderMntr.contains("\nzk_peer_state\tleading - broadcast\n")),
            () -> assertTrue(leaderMntr.contains("\nzk_learners\t2\nzk_synced_followers\t1\n" +
                "zk_synced_non_voting_followers\t0\nzk_synced_observers\t0\nzk_pending_syncs\t0\n")),
            () -> assertFalse(followerMntr.contains("zk_synced_followers")));
    }

    @Test
    void shouldSayPeerIsLookingDuringAnElection()
    {
        assertEquals("looking - election",
            FourLetterWords.peerState(follower(Cluster.Role.CANDIDATE, ElectionState.CANDIDATE_BALLOT, -1)));
    }

    @Test
    void shouldListEveryCounterInMntrByItsMetricName()
    {
        final String mntr = FourLetterWords.mntr(follower(Cluster.Role.FOLLOWER, ElectionState.CLOSED, 0), "9.9");

        assertAll(mntr,
            () -> assertTrue(mntr.contains("\naerie_member_id\t1\n")),
            () -> assertTrue(mntr.contains("\naerie_leader_member_id\t0\n")),
            () -> assertTrue(mntr.contains("\naerie_election_state\tCLOSED\n")),
            () -> assertTrue(mntr.contains("\naerie_recorded_snapshots\t2\n")),
            () -> assertTrue(mntr.contains("\naerie_last_snapshot_position\t1024\n")),
            () -> assertTrue(mntr.contains("\naerie_cluster_commit_position\t4096\n")),
            () -> assertTrue(mntr.contains("\naerie_cluster_snapshots\t1\n")));
    }

    @Test
    void shouldLeaveUnknownValuesOutOfMntr()
    {
        final String mntr = FourLetterWords.mntr(follower(Cluster.Role.FOLLOWER, ElectionState.CLOSED, -1), "9.9");

        assertAll(mntr,
            () -> assertFalse(mntr.contains("aerie_leader_member_id")),
            () -> assertFalse(mntr.contains("aerie_malformed_requests")));
    }

    @Test
    void shouldWriteMntrAsNameTabValueLines()
    {
        final String mntr = FourLetterWords.mntr(follower(Cluster.Role.FOLLOWER, ElectionState.CLOSED, 0), "9.9");

        mntr.lines().forEach((line) -> assertTrue(line.matches("[a-z_]+\t[^\t]+"), line));
    }

    @Test
    void shouldNameModesAsZooKeeperServerStates()
    {
        assertAll(
            () -> assertEquals("leader", FourLetterWords.mode(StatusFormatTest.leader())),
            () -> assertEquals("unknown", FourLetterWords.mode(StatusFormatTest.stopped())));
    }

    private static NodeStatus follower(final Cluster.Role role, final ElectionState state, final int leaderMemberId)
    {
        return NodeStatus.running(DIR, 1, counters(role, state), leaderMemberId, new NodeStatus.SnapshotRecord(2, 1024, 3))
            .withProcess(new NodeStatus.ProcessRecord(42, System.currentTimeMillis(), 99, 4096));
    }

    private static NodeCounters counters(final Cluster.Role role, final ElectionState state)
    {
        return NodeCounters.of(
            new Metric[]{ Metric.CLUSTER_ROLE, Metric.ELECTION_STATE, Metric.LEADERSHIP_TERM_ID, Metric.COMMIT_POSITION,
                Metric.SESSIONS, Metric.ZNODES, Metric.WATCHES, Metric.SNAPSHOTS, Metric.EPHEMERALS,
                Metric.APPROXIMATE_DATA_SIZE, Metric.LAST_ZXID, Metric.PACKETS_RECEIVED, Metric.PACKETS_SENT,
                Metric.REQUESTS_TIMED, Metric.REQUEST_LATENCY_MS, Metric.REQUEST_LATENCY_MIN_MS,
                Metric.REQUEST_LATENCY_MAX_MS },
            new long[]{ role.code(), state.code(), 3, 4096, 2, 17, 4, 1, 3, 1234, 31, 4, 6, 4, 10, 1, 7 });
    }
}
