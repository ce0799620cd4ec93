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
            "Aerie version: 9.9\n" +
            "Latency min/avg/max: not available\n" +
            "Received: not available\n" +
            "Sent: not available\n" +
            "Connections: 2 (sessions, cluster-wide)\n" +
            "Outstanding: not available\n" +
            "Zxid: not available\n" +
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
            List.of("zk_version\t9.9", "zk_server_state\tfollower", "zk_znode_count\t17", "zk_watch_count\t4",
                "zk_num_alive_connections\t2"),
            mntr.lines().limit(5).toList());
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
        final NodeCounters counters = NodeCounters.of(
            new Metric[]{ Metric.CLUSTER_ROLE, Metric.ELECTION_STATE, Metric.LEADERSHIP_TERM_ID, Metric.COMMIT_POSITION,
                Metric.SESSIONS, Metric.ZNODES, Metric.WATCHES, Metric.SNAPSHOTS },
            new long[]{ role.code(), state.code(), 3, 4096, 2, 17, 4, 1 });

        return NodeStatus.running(DIR, 1, counters, leaderMemberId, new NodeStatus.SnapshotRecord(2, 1024, 3));
    }
}
