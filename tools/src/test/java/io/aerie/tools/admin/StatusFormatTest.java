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
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusFormatTest
{
    private static final NodeDir LEADER_DIR = new NodeDir(new File("/c/node-0"), new File("/c/node-0/cluster"), 0);
    private static final NodeDir STOPPED_DIR = new NodeDir(new File("/c/node-12"), new File("/c/node-12/cluster"), 12);

    @Test
    void shouldAlignColumnsAndPutTheReasonAfterTheDirectory()
    {
        final String table = StatusFormat.table(List.of(leader(), stopped()));

        assertEquals(
            "MEMBER  STATUS       ROLE    ELECTION  TERM  ELECTIONS  RESTARTS  LEADER  COMMIT-POS  SESSIONS  ZNODES  WATCHES  " +
                "LIMIT-HITS  NOAUTH  AUTH-FAILED  FORGED  SNAPSHOTS  SNAPSHOT-POS  DISK    KEPT  LOG-SINCE-SNAP     DIR\n" +
            "0       running      LEADER  CLOSED    3     4          1         0       123456      2         17      4        " +
                "6           5       3            7       1          1024          220.5M  2     1.5K (purge held)  " +
                "/c/node-0\n" +
            "12      not running  -       -         -     -          -         -       -           -         -       -        " +
                "-           -       -            -       -          -             -       -     -                  " +
                "/c/node-12 (its process 42 is gone)\n",
            table);
    }

    @Test
    void shouldShowBytesInBinaryUnits()
    {
        assertAll(
            () -> assertEquals("512", StatusFormat.bytes(512)),
            () -> assertEquals("1.5K", StatusFormat.bytes(1536)),
            () -> assertEquals("220.5M", StatusFormat.bytes(231_211_008)),
            () -> assertEquals("-", StatusFormat.bytes(NodeStatus.UNKNOWN)));
    }

    @Test
    void shouldLeaveNoTrailingSpaces()
    {
        final String table = StatusFormat.table(List.of(leader(), stopped()));

        table.lines().forEach((line) -> assertFalse(line.endsWith(" "), line));
    }

    @Test
    void shouldWriteOneJsonObjectPerNodeWithNullsForUnknownValues()
    {
        final String json = StatusFormat.json(List.of(leader(), stopped()));

        assertEquals(
            "{\"nodes\":[" +
            "{\"memberId\":0,\"dir\":\"/c/node-0\",\"running\":true,\"reason\":null,\"role\":\"LEADER\"," +
            "\"electionState\":\"CLOSED\",\"leadershipTermId\":3,\"elections\":4,\"selfRestarts\":1," +
            "\"leaderMemberId\":0,\"commitPosition\":123456," +
            "\"sessions\":2,\"znodes\":17,\"znodeCapacity\":null,\"znodeCapacityWarning\":null,\"watches\":4," +
            "\"quotaRejected\":1,\"watchLimitHits\":2,\"ephemeralLimitHits\":3,\"znodeLimitHits\":null,\"noAuth\":5,\"authFailures\":1,\"authRejected\":2,\"forgedRequests\":7," +
            "\"snapshotsSinceStart\":1,\"recordedSnapshots\":2," +
            "\"lastSnapshotPosition\":1024,\"lastSnapshotLeadershipTermId\":3,\"archiveBytes\":231211008," +
            "\"snapshotsKept\":2,\"logBytesSinceSnapshot\":1536,\"logStartPosition\":65536,\"logPurgeHeld\":1," +
            "\"nodeErrors\":null,\"nodeWarnings\":null,\"ingressPaddedFrames\":null}," +
            "{\"memberId\":12,\"dir\":\"/c/node-12\",\"running\":false,\"reason\":\"its process 42 is gone\"," +
            "\"role\":null,\"electionState\":null,\"leadershipTermId\":null,\"elections\":null,\"selfRestarts\":null,\"leaderMemberId\":null," +
            "\"commitPosition\":null,\"sessions\":null,\"znodes\":null,\"znodeCapacity\":null," +
            "\"znodeCapacityWarning\":null,\"watches\":null,\"quotaRejected\":null," +
            "\"watchLimitHits\":null,\"ephemeralLimitHits\":null,\"znodeLimitHits\":null,\"noAuth\":null,\"authFailures\":null," +
            "\"authRejected\":null,\"forgedRequests\":null," +
            "\"snapshotsSinceStart\":null,\"recordedSnapshots\":0,\"lastSnapshotPosition\":null," +
            "\"lastSnapshotLeadershipTermId\":null,\"archiveBytes\":null,\"snapshotsKept\":null," +
            "\"logBytesSinceSnapshot\":null,\"logStartPosition\":null,\"logPurgeHeld\":null," +
            "\"nodeErrors\":null,\"nodeWarnings\":null,\"ingressPaddedFrames\":null}]}\n",
            json);
    }

    @Test
    void shouldShowTheNodesErrorCountersInJson()
    {
        final NodeStatus node = NodeStatus.running(LEADER_DIR, 0, NodeCounters.of(
            new Metric[]{ Metric.NODE_ERRORS, Metric.NODE_WARNINGS, Metric.INGRESS_PADDED_FRAMES },
            new long[]{ 3, 5, 8 }), 0, NodeStatus.SnapshotRecord.NONE);

        assertTrue(StatusFormat.json(List.of(node)).contains(
            "\"nodeErrors\":3,\"nodeWarnings\":5,\"ingressPaddedFrames\":8}"));
    }

    @Test
    void shouldSayHowNearTheZnodeCapacityIsOnceNearIt()
    {
        final NodeStatus near = NodeStatus.running(LEADER_DIR, 0, NodeCounters.of(
            new Metric[]{ Metric.ZNODES, Metric.ZNODE_CAPACITY, Metric.ZNODE_CAPACITY_WARNING, Metric.ZNODE_LIMIT_HITS,
                Metric.QUOTA_REJECTED, Metric.WATCH_LIMIT_HITS, Metric.EPHEMERAL_LIMIT_HITS },
            new long[]{ 96, 100, 1, 2, 0, 0, 0 }), 0, NodeStatus.SnapshotRecord.NONE);

        assertAll(
            () -> assertTrue(StatusFormat.table(List.of(near)).contains("  96 (92% of 100)  -  "), "znodes, watches"),
            () -> assertTrue(StatusFormat.table(List.of(near)).contains("  2   "), "limit hits count ZNODE_LIMIT"),
            () -> assertTrue(StatusFormat.json(List.of(near)).contains(
                "\"znodes\":96,\"znodeCapacity\":100,\"znodeCapacityWarning\":true,")),
            () -> assertTrue(StatusFormat.json(List.of(near)).contains("\"znodeLimitHits\":2,")));
    }

    @Test
    void shouldWriteAnUnknownMemberIdAsNull()
    {
        final NodeStatus unknown = NodeStatus.notRunning(
            new NodeDir(new File("/n"), new File("/n/cluster"), NodeDir.UNKNOWN_MEMBER_ID), -1, "why",
            NodeStatus.SnapshotRecord.NONE);

        assertAll(
            () -> assertTrue(StatusFormat.json(List.of(unknown)).startsWith("{\"nodes\":[{\"memberId\":null,")),
            () -> assertTrue(StatusFormat.table(List.of(unknown)).contains("\n-       not running")));
    }

    @Test
    void shouldEscapeQuotesBackslashesAndControlCharactersInJsonStrings()
    {
        final NodeStatus node = NodeStatus.notRunning(
            new NodeDir(new File("/n"), new File("/n/cluster"), 1), -1, "a\"b\\c\nd\te\u0001",
            NodeStatus.SnapshotRecord.NONE);

        assertTrue(StatusFormat.json(List.of(node)).contains("\"reason\":\"a\\\"b\\\\c\\nd\\te\\u0001\","));
    }

    @Test
    void shouldPrintAnUnknownValueAsADash()
    {
        assertAll(
            () -> assertEquals("-", StatusFormat.text(NodeStatus.UNKNOWN)),
            () -> assertEquals("-1", StatusFormat.text(-1)));
    }

    static NodeStatus leader()
    {
        final NodeCounters counters = NodeCounters.of(
            new Metric[]{ Metric.CLUSTER_ROLE, Metric.ELECTION_STATE, Metric.LEADERSHIP_TERM_ID, Metric.COMMIT_POSITION,
                Metric.SESSIONS, Metric.ZNODES, Metric.WATCHES, Metric.SNAPSHOTS, Metric.QUOTA_REJECTED,
                Metric.WATCH_LIMIT_HITS, Metric.EPHEMERAL_LIMIT_HITS, Metric.NO_AUTH, Metric.AUTH_FAILURES,
                Metric.AUTH_REJECTED, Metric.FORGED_REQUESTS, Metric.DISK_ARCHIVE_BYTES, Metric.DISK_SNAPSHOTS,
                Metric.DISK_LOG_BYTES_SINCE_SNAPSHOT, Metric.DISK_LOG_START_POSITION, Metric.DISK_PURGE_HELD, Metric.ELECTIONS,
                Metric.SELF_RESTARTS },
            new long[]{ Cluster.Role.LEADER.code(), ElectionState.CLOSED.code(), 3, 123_456, 2, 17, 4, 1, 1, 2, 3, 5, 1, 2, 7,
                231_211_008, 2, 1536, 65_536, 1, 4, 1 });

        return NodeStatus.running(LEADER_DIR, 0, counters, 0, new NodeStatus.SnapshotRecord(2, 1024, 3));
    }

    static NodeStatus stopped()
    {
        return NodeStatus.notRunning(STOPPED_DIR, 12, "its process 42 is gone", NodeStatus.SnapshotRecord.NONE);
    }
}
