package io.aerie.engine.service;

import io.aeron.Publication;
import io.aerie.codecs.AddWatchRequestDecoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.ErrorResponseDecoder;
import io.aerie.codecs.ExistsRequestDecoder;
import io.aerie.codecs.KeepAliveRequestDecoder;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionEventDecoder;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Acl;
import io.aerie.engine.service.Wire.AclReply;
import io.aerie.engine.service.Wire.Children;
import io.aerie.engine.service.Wire.Connected;
import io.aerie.engine.service.Wire.Created;
import io.aerie.engine.service.Wire.DataReply;
import io.aerie.engine.service.Wire.ErrorReply;
import io.aerie.engine.service.Wire.MultiReply;
import io.aerie.engine.service.Wire.Op;
import io.aerie.engine.service.Wire.OpAcl;
import io.aerie.engine.service.Wire.OpResult;
import io.aerie.engine.service.Wire.Reply;
import io.aerie.engine.service.Wire.SessionEventValue;
import io.aerie.engine.service.Wire.StatReply;
import io.aerie.engine.service.Wire.StatValue;
import io.aerie.engine.service.Wire.Synced;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.aerie.engine.service.ServiceFixture.MAX_DATA_LENGTH;
import static io.aerie.engine.service.ServiceFixture.MAX_TIMEOUT_MS;
import static io.aerie.engine.service.ServiceFixture.MIN_TIMEOUT_MS;
import static io.aerie.engine.service.ServiceFixture.START_MS;
import static io.aerie.engine.service.ServiceFixture.SWEEP_INTERVAL_MS;
import static io.aerie.engine.service.Wire.OPEN;
import static io.aerie.engine.service.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service tests: encoded requests fed to {@link AerieClusteredService} through a stub cluster that captures
 * egress and drives the log clock and the timers. Each test checks one behaviour through the wire only.
 */
class AerieClusteredServiceTest
{
    private static final int TIMEOUT_MS = 1000;
    private static final Acl DIGEST = new Acl(AclList.READ | AclList.ADMIN, "digest", "alice:c2VjcmV0");
    private static final Acl WORLD_READ = new Acl(AclList.READ, "world", "anyone");

    private ServiceFixture f;
    private long correlationId;

    @BeforeEach
    void before()
    {
        f = new ServiceFixture();
    }

    @AfterEach
    void after()
    {
        f.close();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Connect

    @Test
    void shouldOpenSessionOnConnect()
    {
        final var connection = f.openConnection();

        final Connected connected = Wire.connected(f.request(connection, f.wire.connect(42, 0, 5000, new byte[0])));

        assertEquals(42, connected.correlationId());
        assertEquals(ResultCode.OK, connected.code());
        assertEquals(0, connected.zxid());
        assertNotEquals(0, connected.sessionId());
        assertEquals(5000, connected.timeoutMs());
        assertEquals(SessionRequests.PASSWORD_LENGTH, connected.password().length);
        assertEquals(1, f.service.sessions().size());
    }

    @Test
    void shouldGiveEachSessionItsOwnIdAndPassword()
    {
        final Client a = f.connect(5000);
        final Client b = f.connect(5000);

        assertNotEquals(a.sessionId(), b.sessionId());
        assertTrue(!Arrays.equals(a.password(), b.password()), "passwords differ");
    }

    @ParameterizedTest
    @ValueSource(ints = { Integer.MIN_VALUE, -1, 0, 1, 99, 100, 101, 5000, 9_999, 10_000, 10_001, Integer.MAX_VALUE })
    void shouldClampRequestedTimeoutToConfiguredBounds(final int requestedMs)
    {
        final var connection = f.openConnection();

        final Connected connected = Wire.connected(f.request(connection, f.wire.connect(1, 0, requestedMs, new byte[0])));

        assertEquals(ResultCode.OK, connected.code());
        assertEquals(Math.max(MIN_TIMEOUT_MS, Math.min(MAX_TIMEOUT_MS, requestedMs)), connected.timeoutMs());
    }

    @Test
    void shouldAnswerSessionExpiredToRequestOnConnectionWithoutSession()
    {
        final var connection = f.openConnection();
        final long digest = f.digest();

        final ErrorReply reply = Wire.error(f.request(connection, f.wire.create(77, "/a", "x", CreateMode.PERSISTENT)));

        assertEquals(77, reply.correlationId());
        assertEquals(ResultCode.SESSION_EXPIRED, reply.code());
        assertEquals(CreateRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
        assertEquals(0, reply.zxid());
        assertEquals(digest, f.digest());
        assertEquals(0, f.lastZxid());
        assertEquals(1, f.service.tree().nodeCount());
    }

    @Test
    void shouldAnswerSessionExpiredToReadOnConnectionWithoutSession()
    {
        final var connection = f.openConnection();

        final ErrorReply reply = Wire.error(f.request(connection, f.wire.exists(78, "/")));

        assertEquals(78, reply.correlationId());
        assertEquals(ResultCode.SESSION_EXPIRED, reply.code());
        assertEquals(ExistsRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Round trips, stats and zxids

    @Test
    void shouldCreateNodeAndAnswerWithItsStatAndPath()
    {
        final Client a = f.connect(5000);
        f.advanceTo(START_MS + 10);

        final Created created = create(a, "/a", "hello", CreateMode.PERSISTENT);

        assertEquals(correlationId, created.correlationId());
        assertEquals(ResultCode.OK, created.code());
        assertEquals(1, created.zxid());
        assertEquals("/a", created.path());
        assertEquals(new StatValue(1, 1, 1, START_MS + 10, START_MS + 10, 0, 0, 0, 0, 5, 0), created.stat());
    }

    @Test
    void shouldReadBackDataAndStatOfCreatedNode()
    {
        final Client a = f.connect(5000);
        final Created created = create(a, "/a", "hello", CreateMode.PERSISTENT);

        final DataReply data = getData(a, "/a");

        assertEquals(ResultCode.OK, data.code());
        assertEquals("hello", data.data());
        assertEquals(created.stat(), data.stat());
        assertEquals(1, data.zxid());
        assertEquals(correlationId, data.correlationId());
    }

    @Test
    void shouldAnswerExistsWithStatOrNoNode()
    {
        final Client a = f.connect(5000);
        final Created created = create(a, "/a", "hello", CreateMode.PERSISTENT);

        final StatReply present = exists(a, "/a");
        final StatReply absent = exists(a, "/b");

        assertEquals(ResultCode.OK, present.code());
        assertEquals(created.stat(), present.stat());
        assertEquals(ResultCode.NO_NODE, absent.code());
        assertEquals(StatValue.ZERO, absent.stat());
        assertEquals(1, absent.zxid());
    }

    @Test
    void shouldAdvanceZxidByOnePerAppliedChangeAndReportItOnReads()
    {
        final Client a = f.connect(5000);

        assertEquals(1, create(a, "/a", "", CreateMode.PERSISTENT).zxid());
        assertEquals(2, setData(a, "/a", "v1", -1).zxid());
        assertEquals(3, setAcl(a, "/a", -1, List.of(OPEN, DIGEST)).zxid());
        assertEquals(4, create(a, "/a/b", "", CreateMode.PERSISTENT).zxid());
        assertEquals(5, delete(a, "/a/b", -1).zxid());
        assertEquals(6, multi(a, Op.create("/m1", "", CreateMode.PERSISTENT), Op.create("/m2", "", CreateMode.PERSISTENT)).zxid());

        assertEquals(6, f.lastZxid());
        assertEquals(6, exists(a, "/a").zxid());
        assertEquals(6, getData(a, "/a").zxid());
        assertEquals(6, children(a, "/", true).zxid());
        assertEquals(6, aclOf(a, "/a").zxid());
        assertEquals(6, sync(a, "/a").zxid());
        assertEquals(6, Wire.keepAliveReply(f.request(a.connection(), f.wire.keepAlive(next()))).zxid());
    }

    @Test
    void shouldNotAdvanceZxidOnFailedWrites()
    {
        final Client a = f.connect(5000);
        create(a, "/a", "x", CreateMode.PERSISTENT);
        create(a, "/a/child", "x", CreateMode.PERSISTENT);
        final long digest = f.digest();

        final Created exists = create(a, "/a", "y", CreateMode.PERSISTENT);
        final Created noParent = create(a, "/missing/b", "y", CreateMode.PERSISTENT);
        final StatReply badVersion = setData(a, "/a", "y", 7);
        final Reply notEmpty = delete(a, "/a", -1);
        final Reply noNode = delete(a, "/b", -1);
        final StatReply badAclVersion = setAcl(a, "/a", 3, List.of(OPEN));

        assertEquals(ResultCode.NODE_EXISTS, exists.code());
        assertEquals(ResultCode.NO_NODE, noParent.code());
        assertEquals(ResultCode.BAD_VERSION, badVersion.code());
        assertEquals(ResultCode.NOT_EMPTY, notEmpty.code());
        assertEquals(ResultCode.NO_NODE, noNode.code());
        assertEquals(ResultCode.BAD_VERSION, badAclVersion.code());
        for (final long zxid : new long[]{ exists.zxid(), noParent.zxid(), badVersion.zxid(), notEmpty.zxid(),
            noNode.zxid(), badAclVersion.zxid() })
        {
            assertEquals(2, zxid);
        }
        assertEquals(2, f.lastZxid());
        assertEquals(digest, f.digest());
    }

    @Test
    void shouldAnswerFailedCreateWithZeroedStatAndEmptyPath()
    {
        final Client a = f.connect(5000);
        create(a, "/a", "x", CreateMode.PERSISTENT);

        final Created failed = create(a, "/a", "y", CreateMode.PERSISTENT);

        assertEquals(StatValue.ZERO, failed.stat());
        assertEquals("", failed.path());
    }

    @Test
    void shouldSetDataWhenVersionMatchesAndBumpVersionMzxidAndMtime()
    {
        final Client a = f.connect(5000);
        final Created created = create(a, "/a", "v0", CreateMode.PERSISTENT);
        f.advanceTo(START_MS + 500);

        final StatReply set = setData(a, "/a", "v1!", 0);

        assertEquals(ResultCode.OK, set.code());
        assertEquals(2, set.zxid());
        assertEquals(new StatValue(1, 2, 1, created.stat().ctime(), START_MS + 500, 1, 0, 0, 0, 3, 0), set.stat());
        assertEquals("v1!", getData(a, "/a").data());
        assertEquals(ResultCode.BAD_VERSION, setData(a, "/a", "v2", 0).code());
        assertEquals("v1!", getData(a, "/a").data());
    }

    @Test
    void shouldDeleteWhenVersionMatches()
    {
        final Client a = f.connect(5000);
        create(a, "/a", "", CreateMode.PERSISTENT);
        setData(a, "/a", "x", -1);

        assertEquals(ResultCode.BAD_VERSION, delete(a, "/a", 0).code());
        final Reply deleted = delete(a, "/a", 1);

        assertEquals(ResultCode.OK, deleted.code());
        assertEquals(3, deleted.zxid());
        assertEquals(ResultCode.NO_NODE, exists(a, "/a").code());
    }

    @Test
    void shouldListChildrenSortedWithParentStat()
    {
        final Client a = f.connect(5000);
        create(a, "/p", "", CreateMode.PERSISTENT);
        create(a, "/p/b", "", CreateMode.PERSISTENT);
        create(a, "/p/c", "", CreateMode.PERSISTENT);
        create(a, "/p/a", "", CreateMode.PERSISTENT);

        final Children children = children(a, "/p", true);

        assertEquals(ResultCode.OK, children.code());
        assertEquals(List.of("a", "b", "c"), children.names());
        assertEquals(3, children.stat().numChildren());
        assertEquals(3, children.stat().cversion());
        assertEquals(4, children.stat().pzxid());
        assertEquals(1, children.stat().czxid());
    }

    @Test
    void shouldAnswerGetChildrenOfMissingNodeWithNoNode()
    {
        final Client a = f.connect(5000);

        final Children children = children(a, "/none", true);

        assertEquals(ResultCode.NO_NODE, children.code());
        assertEquals(List.of(), children.names());
        assertEquals(StatValue.ZERO, children.stat());
    }

    @Test
    void shouldZeroParentStatWhenGetChildrenDoesNotAskForIt()
    {
        final Client a = f.connect(5000);
        create(a, "/p", "", CreateMode.PERSISTENT);
        create(a, "/p/a", "", CreateMode.PERSISTENT);

        final Children children = children(a, "/p", false);

        assertEquals(ResultCode.OK, children.code());
        assertEquals(List.of("a"), children.names());
        assertEquals(StatValue.ZERO, children.stat(), "GetChildrenResponse.stat: zeroed unless includeStat was TRUE");
    }

    @Test
    void shouldListChildrenWhoseAnswerOutgrowsTheInitialEgressBuffer()
    {
        final Client a = f.connect(5000);
        create(a, "/wide", "", CreateMode.PERSISTENT);
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 600; i++)
        {
            final String name = String.format("child-%05d", i);
            create(a, "/wide/" + name, "", CreateMode.PERSISTENT);
            expected.add(name);
        }

        final Children children = children(a, "/wide", true);

        assertEquals(ResultCode.OK, children.code());
        assertEquals(expected, children.names());
        assertEquals(600, children.stat().numChildren());
    }

    @Test
    void shouldCountAllDescendants()
    {
        final Client a = f.connect(5000);
        create(a, "/p", "", CreateMode.PERSISTENT);
        create(a, "/p/a", "", CreateMode.PERSISTENT);
        create(a, "/p/a/x", "", CreateMode.PERSISTENT);
        create(a, "/p/a/x/y", "", CreateMode.PERSISTENT);
        create(a, "/p/b", "", CreateMode.PERSISTENT);
        create(a, "/q", "", CreateMode.PERSISTENT);

        assertEquals(4, count(a, "/p").total());
        assertEquals(0, count(a, "/q").total());
        assertEquals(6, count(a, "/").total());
        assertEquals(ResultCode.NO_NODE, count(a, "/none").code());
    }

    @Test
    void shouldListOnlyOwnEphemeralsUnderPrefixSorted()
    {
        final Client a = f.connect(5000);
        final Client b = f.connect(5000);
        create(a, "/e", "", CreateMode.PERSISTENT);
        create(a, "/x", "", CreateMode.PERSISTENT);
        create(a, "/e/a2", "", CreateMode.EPHEMERAL);
        create(a, "/e/a1", "", CreateMode.EPHEMERAL);
        create(a, "/x/a3", "", CreateMode.EPHEMERAL);
        create(b, "/e/b1", "", CreateMode.EPHEMERAL);

        assertEquals(List.of("/e/a1", "/e/a2"), ephemerals(a, "/e").paths());
        assertEquals(List.of("/e/a1", "/e/a2", "/x/a3"), ephemerals(a, "/").paths());
        assertEquals(List.of("/e/b1"), ephemerals(b, "/").paths());
        assertEquals(ResultCode.OK, ephemerals(b, "/x").code());
        assertEquals(List.of(), ephemerals(b, "/x").paths());
    }

    @Test
    void shouldReplaceAclBumpingAversionButNotMzxid()
    {
        final Client a = f.connect(5000);
        create(a, "/a", "x", CreateMode.PERSISTENT);

        final StatReply set = setAcl(a, "/a", 0, List.of(DIGEST, WORLD_READ));

        assertEquals(ResultCode.OK, set.code());
        assertEquals(2, set.zxid());
        assertEquals(1, set.stat().aversion());
        assertEquals(1, set.stat().mzxid());
        assertEquals(0, set.stat().version());
        final AclReply acl = aclOf(a, "/a");
        assertEquals(ResultCode.OK, acl.code());
        assertEquals(List.of(DIGEST, WORLD_READ), acl.acls());
        assertEquals(set.stat(), acl.stat());
    }

    @Test
    void shouldRefuseInvalidOrStaleAclChanges()
    {
        final Client a = f.connect(5000);
        create(a, "/a", "x", CreateMode.PERSISTENT);
        setAcl(a, "/a", 0, List.of(WORLD_READ));

        assertEquals(ResultCode.BAD_VERSION, setAcl(a, "/a", 0, List.of(OPEN)).code());
        assertEquals(ResultCode.INVALID_ACL, setAcl(a, "/a", -1, List.of()).code());
        assertEquals(ResultCode.INVALID_ACL, setAcl(a, "/a", -1, List.of(new Acl(AclList.READ, "world", "bob"))).code());
        assertEquals(ResultCode.NO_NODE, setAcl(a, "/none", -1, List.of(OPEN)).code());
        assertEquals(List.of(WORLD_READ), aclOf(a, "/a").acls());
        assertEquals(2, f.lastZxid());
    }

    @Test
    void shouldAnswerGetAclOfMissingNodeWithNoNodeAndNoEntries()
    {
        final Client a = f.connect(5000);

        final AclReply acl = aclOf(a, "/none");

        assertEquals(ResultCode.NO_NODE, acl.code());
        assertEquals(List.of(), acl.acls());
        assertEquals(StatValue.ZERO, acl.stat());
    }

    @Test
    void shouldCreateNodeWithTheAclOfTheRequest()
    {
        final Client a = f.connect(5000);

        final Created created = Wire.created(f.request(a.connection(),
            f.wire.create(next(), utf8("/a"), utf8("x"), CreateMode.PERSISTENT, -1, List.of(DIGEST, WORLD_READ))));

        assertEquals(ResultCode.OK, created.code());
        assertEquals(List.of(DIGEST, WORLD_READ), aclOf(a, "/a").acls());
    }

    @Test
    void shouldRefuseCreateWithEmptyAcl()
    {
        final Client a = f.connect(5000);

        final Created created = Wire.created(f.request(a.connection(),
            f.wire.create(next(), utf8("/a"), utf8("x"), CreateMode.PERSISTENT, -1, List.of())));

        assertEquals(ResultCode.INVALID_ACL, created.code());
        assertEquals(0, f.lastZxid());
    }

    @Test
    void shouldAnswerSyncWithPathAndLastZxid()
    {
        final Client a = f.connect(5000);
        create(a, "/a", "", CreateMode.PERSISTENT);

        final Synced synced = sync(a, "/a");

        assertEquals(correlationId, synced.correlationId());
        assertEquals(ResultCode.OK, synced.code());
        assertEquals(1, synced.zxid());
        assertEquals("/a", synced.path());
        assertEquals(ResultCode.INVALID_PATH, sync(a, "/a/../b").code());
    }

    @Test
    void shouldAnswerKeepAliveWithOk()
    {
        final Client a = f.connect(5000);

        final Reply reply = Wire.keepAliveReply(f.request(a.connection(), f.wire.keepAlive(99)));

        assertEquals(99, reply.correlationId());
        assertEquals(ResultCode.OK, reply.code());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Create modes

    @Test
    void shouldCreatePersistentNodeWithoutOwner()
    {
        final Client a = f.connect(5000);

        final Created created = create(a, "/p", "", CreateMode.PERSISTENT);

        assertEquals("/p", created.path());
        assertEquals(0, created.stat().ephemeralOwner());
    }

    @Test
    void shouldCreateEphemeralOwnedByTheSession()
    {
        final Client a = f.connect(5000);

        final Created created = create(a, "/e", "", CreateMode.EPHEMERAL);

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/e", created.path());
        assertEquals(a.sessionId(), created.stat().ephemeralOwner());
        assertEquals(a.sessionId(), exists(a, "/e").stat().ephemeralOwner());
    }

    @Test
    void shouldNameSequentialNodesFromTheParentsChildCounter()
    {
        final Client a = f.connect(5000);
        create(a, "/q", "", CreateMode.PERSISTENT);

        final Created first = create(a, "/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        final Created second = create(a, "/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        create(a, "/q/other", "", CreateMode.PERSISTENT);
        delete(a, "/q/n-0000000000", -1);
        final Created third = create(a, "/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);

        assertEquals("/q/n-0000000000", first.path());
        assertEquals("/q/n-0000000001", second.path());
        assertEquals("/q/n-0000000003", third.path());
        assertEquals(0, third.stat().ephemeralOwner());
        assertEquals(ResultCode.OK, exists(a, "/q/n-0000000003").code());
    }

    @Test
    void shouldCreateEphemeralSequentialOwnedByTheSession()
    {
        final Client a = f.connect(5000);
        create(a, "/lock", "", CreateMode.PERSISTENT);

        final Created first = create(a, "/lock/l-", "", CreateMode.EPHEMERAL_SEQUENTIAL);
        final Created second = create(a, "/lock/l-", "", CreateMode.EPHEMERAL_SEQUENTIAL);

        assertEquals("/lock/l-0000000000", first.path());
        assertEquals("/lock/l-0000000001", second.path());
        assertEquals(a.sessionId(), second.stat().ephemeralOwner());
        assertEquals(List.of("/lock/l-0000000000", "/lock/l-0000000001"), ephemerals(a, "/").paths());
    }

    @Test
    void shouldCreateContainerReportingItsOwnerAsZooKeeperDoes()
    {
        final Client a = f.connect(5000);

        final Created created = create(a, "/c", "", CreateMode.CONTAINER);

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/c", created.path());
        // ZooKeeper's EphemeralType.CONTAINER_EPHEMERAL_OWNER.
        assertEquals(Long.MIN_VALUE, created.stat().ephemeralOwner());
        assertEquals(List.of(), ephemerals(a, "/").paths());
    }

    @Test
    void shouldCreateTtlNodeReportingItsTtlAsZooKeeperDoes()
    {
        final Client a = f.connect(5000);

        final Created created = createTtl(a, "/t", CreateMode.PERSISTENT_WITH_TTL, 5000);

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/t", created.path());
        // ZooKeeper's EphemeralType.TTL encoding: 0xFF in the top byte, the TTL below.
        assertEquals(0xFF00_0000_0000_0000L | 5000, created.stat().ephemeralOwner());
        assertEquals(List.of(), ephemerals(a, "/").paths());
    }

    @Test
    void shouldCreateSequentialTtlNodeWithSuffix()
    {
        final Client a = f.connect(5000);

        final Created created = createTtl(a, "/t-", CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 5000);

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/t-0000000000", created.path());
    }

    @ParameterizedTest
    @ValueSource(longs = { 0, -1, -5000, 0x0100_0000_0000L, Long.MAX_VALUE })
    void shouldRefuseTtlModeWithTtlOutOfRange(final long ttlMs)
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.BAD_ARGUMENTS, createTtl(a, "/t", CreateMode.PERSISTENT_WITH_TTL, ttlMs).code());
        assertEquals(ResultCode.BAD_ARGUMENTS, createTtl(a, "/t-", CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, ttlMs).code());
        assertEquals(0, f.lastZxid());
        assertEquals(1, f.service.tree().nodeCount());
    }

    @ParameterizedTest
    @EnumSource(value = CreateMode.class, names = { "PERSISTENT", "EPHEMERAL", "PERSISTENT_SEQUENTIAL",
        "EPHEMERAL_SEQUENTIAL", "CONTAINER" })
    void shouldRefuseTtlForModeWithoutTtl(final CreateMode mode)
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.BAD_ARGUMENTS, createTtl(a, "/t", mode, 1000).code());
        assertEquals(0, f.lastZxid());
    }

    @Test
    void shouldAcceptLargestTtl()
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.OK, createTtl(a, "/t", CreateMode.PERSISTENT_WITH_TTL, 0x00FF_FFFF_FFFFL).code());
    }

    @Test
    void shouldRefuseNullCreateModeWithBadArguments()
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.BAD_ARGUMENTS, create(a, "/n", "", CreateMode.NULL_VAL).code());
        assertEquals(0, f.lastZxid());
    }

    @Test
    void shouldRefuseChildOfEphemeral()
    {
        final Client a = f.connect(5000);
        create(a, "/e", "", CreateMode.EPHEMERAL);

        assertEquals(ResultCode.NO_CHILDREN_FOR_EPHEMERALS, create(a, "/e/c", "", CreateMode.PERSISTENT).code());
        assertEquals(1, f.lastZxid());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Multi

    @Test
    void shouldApplyMultiAsOneChangeWithPerOpResults()
    {
        final Client a = f.connect(5000);
        f.advanceTo(START_MS + 7);

        final MultiReply reply = multi(a,
            Op.create("/m", "m", CreateMode.PERSISTENT),
            Op.create("/m/c", "c", CreateMode.EPHEMERAL),
            Op.setData("/m", "m2", 0),
            Op.check("/m", 1),
            Op.create("/m/s-", "", CreateMode.PERSISTENT_SEQUENTIAL));

        assertEquals(ResultCode.OK, reply.code());
        assertEquals(correlationId, reply.correlationId());
        assertEquals(1, reply.zxid());
        assertEquals(1, f.lastZxid());
        final List<OpResult> results = reply.results();
        assertEquals(5, results.size());
        assertEquals(new OpResult(OpType.CREATE, ResultCode.OK,
            new StatValue(1, 1, 1, START_MS + 7, START_MS + 7, 0, 0, 0, 0, 1, 0), "/m"), results.get(0));
        assertEquals(new OpResult(OpType.CREATE, ResultCode.OK,
            new StatValue(1, 1, 1, START_MS + 7, START_MS + 7, 0, 0, 0, a.sessionId(), 1, 0), "/m/c"), results.get(1));
        assertEquals(OpType.SET_DATA, results.get(2).type());
        assertEquals(1, results.get(2).stat().version());
        assertEquals(2, results.get(2).stat().dataLength());
        assertEquals(new OpResult(OpType.CHECK, ResultCode.OK, StatValue.ZERO, ""), results.get(3));
        assertEquals("/m/s-0000000001", results.get(4).path());
        assertEquals("m2", getData(a, "/m").data());
        assertEquals(List.of("c", "s-0000000001"), children(a, "/m", false).names());
    }

    @Test
    void shouldRollBackFailedMultiAndReportEachOp()
    {
        final Client a = f.connect(5000);
        create(a, "/keep", "k", CreateMode.PERSISTENT);
        final long digest = f.digest();

        final MultiReply reply = multi(a,
            Op.create("/x", "", CreateMode.PERSISTENT),
            Op.setData("/keep", "changed", -1),
            Op.delete("/missing", -1),
            Op.create("/y", "", CreateMode.PERSISTENT));

        assertEquals(ResultCode.NO_NODE, reply.code());
        assertEquals(1, reply.zxid());
        assertEquals(List.of(
            new OpResult(OpType.CREATE, ResultCode.OK, StatValue.ZERO, ""),
            new OpResult(OpType.SET_DATA, ResultCode.OK, StatValue.ZERO, ""),
            new OpResult(OpType.DELETE, ResultCode.NO_NODE, StatValue.ZERO, ""),
            new OpResult(OpType.CREATE, ResultCode.RUNTIME_INCONSISTENCY, StatValue.ZERO, "")), reply.results());
        assertEquals(1, f.lastZxid());
        assertEquals(digest, f.digest());
        assertEquals(ResultCode.NO_NODE, exists(a, "/x").code());
        assertEquals("k", getData(a, "/keep").data());
    }

    @Test
    void shouldFailMultiOnCheckWithStaleVersion()
    {
        final Client a = f.connect(5000);
        create(a, "/a", "", CreateMode.PERSISTENT);

        final MultiReply reply = multi(a, Op.check("/a", 3), Op.create("/b", "", CreateMode.PERSISTENT));

        assertEquals(ResultCode.BAD_VERSION, reply.code());
        assertEquals(ResultCode.BAD_VERSION, reply.results().get(0).code());
        assertEquals(ResultCode.RUNTIME_INCONSISTENCY, reply.results().get(1).code());
        assertEquals(ResultCode.NO_NODE, exists(a, "/b").code());
    }

    @Test
    void shouldGiveMultiCreatesTheAclOfTheirOpAcls()
    {
        final Client a = f.connect(5000);

        final MultiReply reply = multi(a,
            Op.create("/open", "", CreateMode.PERSISTENT),
            Op.create("/guarded", "", CreateMode.PERSISTENT).withAcls(DIGEST, WORLD_READ));

        assertEquals(ResultCode.OK, reply.code());
        assertEquals(List.of(OPEN), aclOf(a, "/open").acls());
        assertEquals(List.of(DIGEST, WORLD_READ), aclOf(a, "/guarded").acls());
    }

    @Test
    void shouldRefuseMultiCreateWithoutOpAcls()
    {
        final Client a = f.connect(5000);

        final MultiReply reply = multi(a,
            Op.create("/a", "", CreateMode.PERSISTENT),
            Op.create("/b", "", CreateMode.PERSISTENT).withAcls());

        assertEquals(ResultCode.INVALID_ACL, reply.code());
        assertEquals(ResultCode.OK, reply.results().get(0).code());
        assertEquals(ResultCode.INVALID_ACL, reply.results().get(1).code());
        assertEquals(0, f.lastZxid());
        assertEquals(ResultCode.NO_NODE, exists(a, "/a").code());
    }

    @Test
    void shouldRefuseMultiWithOpAclIndexOutOfRange()
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();

        final MultiReply reply = Wire.multiReply(f.request(a.connection(), f.wire.multi(next(),
            List.of(Op.create("/a", "", CreateMode.PERSISTENT)),
            List.of(new OpAcl(0, OPEN), new OpAcl(1, OPEN)))));

        assertEquals(ResultCode.BAD_ARGUMENTS, reply.code());
        assertEquals(0, f.lastZxid());
        assertEquals(digest, f.digest());
    }

    @Test
    void shouldRefuseMultiWithNullOpTypeWithBadArguments()
    {
        final Client a = f.connect(5000);

        final MultiReply reply = Wire.multiReply(f.request(a.connection(), f.wire.multi(next(),
            List.of(Op.create("/a", "", CreateMode.PERSISTENT),
                new Op(OpType.NULL_VAL, utf8("/b"), new byte[0], -1, CreateMode.PERSISTENT, -1, List.of())),
            List.of(new OpAcl(0, OPEN)))));

        assertEquals(ResultCode.BAD_ARGUMENTS, reply.code());
        assertEquals(0, f.lastZxid());
        assertEquals(ResultCode.NO_NODE, exists(a, "/a").code());
    }

    @Test
    void shouldApplyEmptyMulti()
    {
        final Client a = f.connect(5000);

        final MultiReply reply = multi(a);

        assertEquals(ResultCode.OK, reply.code());
        assertEquals(List.of(), reply.results());
    }

    @Test
    void shouldReportFirstUndecodableOpOfMulti()
    {
        final Client a = f.connect(5000);

        final MultiReply reply = Wire.multiReply(f.request(a.connection(), f.wire.multi(next(),
            List.of(new Op(OpType.CREATE, new byte[]{ '/', (byte)0xFF }, new byte[0], -1, CreateMode.PERSISTENT, -1,
                    List.of()),
                new Op(OpType.NULL_VAL, utf8("/b"), new byte[0], -1, CreateMode.PERSISTENT, -1, List.of())),
            List.of(new OpAcl(0, OPEN)))));

        assertEquals(ResultCode.INVALID_PATH, reply.code(), "MultiResponse.code: the code of the first failing op");
        assertEquals(0, f.lastZxid());
    }

    @Test
    void shouldAnswerResentLargeMultiWithIdenticalBytes()
    {
        final Client a = f.connect(5000);
        create(a, "/big", "", CreateMode.PERSISTENT);
        final Op[] ops = new Op[300];
        for (int i = 0; i < ops.length; i++)
        {
            ops[i] = Op.create("/big/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        }
        final byte[] request = f.wire.multi(1000, ops);
        final byte[] first = f.request(a.connection(), request);

        final byte[] second = f.request(a.connection(), request);

        assertTrue(first.length > 4096, "larger than the initial egress and remembered-write buffers");
        assertEquals(ResultCode.OK, Wire.multiReply(first).code());
        assertArrayEquals(first, second);
        assertEquals(300, count(a, "/big").total());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bad input: always answered, never changes state, the service keeps serving

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 3 })
    void shouldAnswerFrameTooShortForTemplateIdWithMalformedRequest(final int length)
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();
        final byte[] frame = Arrays.copyOf(f.wire.create(5, "/a", "x", CreateMode.PERSISTENT), length);

        final ErrorReply reply = Wire.error(f.request(a.connection(), frame));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(0, reply.correlationId());
        assertEquals(0, reply.templateIdOfRequest());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @ParameterizedTest
    @ValueSource(ints = { 4, 5, 7, 8, 12, 15 })
    void shouldAnswerFrameShorterThanItsFixedFieldsWithMalformedRequest(final int length)
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();
        final byte[] frame = Arrays.copyOf(f.wire.create(5, "/a", "x", CreateMode.PERSISTENT), length);

        final ErrorReply reply = Wire.error(f.request(a.connection(), frame));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(0, reply.correlationId());
        assertEquals(CreateRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerShortFrameWithMalformedRequestEvenWithoutSession()
    {
        final var connection = f.openConnection();

        final ErrorReply reply = Wire.error(f.request(connection, new byte[]{ 1, 2, 3 }));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
    }

    @Test
    void shouldCountMalformedRequests()
    {
        final Client a = f.connect(5000);
        final long before = f.counters().malformedRequests.get();

        f.request(a.connection(), new byte[]{ 1 });
        f.request(a.connection(), withSchemaId(f.wire.keepAlive(3), 1));
        f.request(a.connection(), Arrays.copyOf(f.wire.setData(4, "/a", "x", -1), 20));

        assertEquals(before + 3, f.counters().malformedRequests.get());
    }

    @Test
    void shouldNotCountUnknownTemplateAsMalformed()
    {
        final Client a = f.connect(5000);

        f.request(a.connection(), withTemplateId(f.wire.keepAlive(3), 55));

        assertEquals(0, f.counters().malformedRequests.get());
    }

    @Test
    void shouldAnswerWrongSchemaIdWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();

        final ErrorReply reply = Wire.error(f.request(a.connection(),
            withSchemaId(f.wire.create(61, "/a", "x", CreateMode.PERSISTENT), 7002)));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(61, reply.correlationId());
        assertEquals(CreateRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerUnknownTemplateWithUnimplemented()
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();

        final ErrorReply reply = Wire.error(f.request(a.connection(), withTemplateId(f.wire.keepAlive(62), 55)));

        assertEquals(ResultCode.UNIMPLEMENTED, reply.code());
        assertEquals(62, reply.correlationId());
        assertEquals(55, reply.templateIdOfRequest());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerResponseTemplateSentAsRequestWithUnimplemented()
    {
        final Client a = f.connect(5000);

        final ErrorReply reply = Wire.error(f.request(a.connection(),
            withTemplateId(f.wire.keepAlive(63), ErrorResponseDecoder.TEMPLATE_ID)));

        assertEquals(ResultCode.UNIMPLEMENTED, reply.code());
        assertEquals(ErrorResponseDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
    }

    @Test
    void shouldAnswerWatchRequestsWithUnimplementedForNow()
    {
        final Client a = f.connect(5000);

        final ErrorReply reply = Wire.error(f.request(a.connection(), f.wire.addWatch(64, "/")));

        assertEquals(ResultCode.UNIMPLEMENTED, reply.code());
        assertEquals(64, reply.correlationId());
        assertEquals(AddWatchRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
    }

    @Test
    void shouldAnswerTruncatedBodyWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();
        final byte[] full = f.wire.create(65, "/a", "hello", CreateMode.PERSISTENT);

        for (int length = 16; length < full.length; length++)
        {
            final ErrorReply reply = Wire.error(f.request(a.connection(), Arrays.copyOf(full, length)));
            assertEquals(ResultCode.MALFORMED_REQUEST, reply.code(), "length " + length);
            assertEquals(65, reply.correlationId());
        }

        assertEquals(digest, f.digest());
        assertEquals(0, f.lastZxid());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerLyingPathLengthWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        create(a, "/a", "v0", CreateMode.PERSISTENT);
        final long digest = f.digest();
        final byte[] message = f.wire.setData(66, "/a", "v1", -1);
        // SetDataRequest: header 8, correlationId 8, version 4, then the path's uint16 length.
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        buffer.putShort(20, (short)0xFFFF, ByteOrder.LITTLE_ENDIAN);

        final ErrorReply reply = Wire.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(66, reply.correlationId());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @ParameterizedTest
    @ValueSource(ints = { 3, 100, Integer.MAX_VALUE, -1 })
    void shouldAnswerLyingDataLengthWithMalformedRequest(final int dataLength)
    {
        final Client a = f.connect(5000);
        create(a, "/a", "v0", CreateMode.PERSISTENT);
        final long digest = f.digest();
        final byte[] message = f.wire.setData(67, "/a", "v1", -1);
        // SetDataRequest: header 8, correlationId 8, version 4, path length 2 + "/a" 2, then the data's uint32 length.
        new UnsafeBuffer(message).putInt(24, dataLength, ByteOrder.LITTLE_ENDIAN);

        final ErrorReply reply = Wire.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(digest, f.digest());
        assertEquals("v0", getData(a, "/a").data());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerLyingGroupCountWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.create(68, "/a", "x", CreateMode.PERSISTENT);
        // CreateRequest: header 8, block 17, then the acls group header: blockLength uint16, numInGroup uint16.
        new UnsafeBuffer(message).putShort(27, (short)200, ByteOrder.LITTLE_ENDIAN);

        final ErrorReply reply = Wire.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(0, f.lastZxid());
        assertStillServing(a);
    }

    @ParameterizedTest
    @ValueSource(ints = { 7, 8, 100, 254 })
    void shouldAnswerCreateModeOutOfRangeWithMalformedRequest(final int mode)
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.create(69, "/a", "x", CreateMode.PERSISTENT);
        // CreateRequest: header 8, correlationId 8, ttlMs 8, then mode uint8.
        message[24] = (byte)mode;

        final ErrorReply reply = Wire.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(69, reply.correlationId());
        assertEquals(0, f.lastZxid());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerBlockLengthShorterThanTheSchemasWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.keepAlive(72);
        // A KeepAliveRequest declaring an empty block: its correlationId lies outside what the header declares.
        new UnsafeBuffer(message).putShort(0, (short)0, ByteOrder.LITTLE_ENDIAN);

        final byte[] answer = f.request(a.connection(), message);

        assertEquals(ErrorResponseDecoder.TEMPLATE_ID, Wire.templateId(answer), "refused, not answered as a keepalive");
        assertEquals(ResultCode.MALFORMED_REQUEST, Wire.error(answer).code());
    }

    @Test
    void shouldDecodeRequestOfNewerSchemaVersionWithLongerBlock()
    {
        final Client a = f.connect(5000);
        final byte[] v0 = f.wire.create(73, "/future", "data", CreateMode.PERSISTENT);
        // A newer client appends an 8-byte field to the block: the var data moves along, the header says so.
        final int blockEnd = Wire.HEADER_LENGTH + CreateRequestDecoder.BLOCK_LENGTH;
        final byte[] v1 = new byte[v0.length + 8];
        System.arraycopy(v0, 0, v1, 0, blockEnd);
        System.arraycopy(v0, blockEnd, v1, blockEnd + 8, v0.length - blockEnd);
        final UnsafeBuffer header = new UnsafeBuffer(v1);
        header.putShort(0, (short)(CreateRequestDecoder.BLOCK_LENGTH + 8), ByteOrder.LITTLE_ENDIAN);
        header.putShort(6, (short)1, ByteOrder.LITTLE_ENDIAN);

        final Created created = Wire.created(f.request(a.connection(), v1));

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/future", created.path());
        assertEquals("data", getData(a, "/future").data());
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 5, 200 })
    void shouldAnswerOpTypeOutOfRangeWithMalformedRequest(final int opType)
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.multi(70, Op.create("/a", "", CreateMode.PERSISTENT));
        // MultiRequest: header 8, correlationId 8, ops group header 4, then ttlMs 8, version 4, opType uint8.
        message[32] = (byte)opType;

        final ErrorReply reply = Wire.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(70, reply.correlationId());
        assertEquals(0, f.lastZxid());
        assertStillServing(a);
    }

    @Test
    void shouldAnswerMultiCreateModeOutOfRangeWithMalformedRequest()
    {
        final Client a = f.connect(5000);
        final byte[] message = f.wire.multi(71, Op.create("/a", "", CreateMode.PERSISTENT));
        message[33] = (byte)9;

        final ErrorReply reply = Wire.error(f.request(a.connection(), message));

        assertEquals(ResultCode.MALFORMED_REQUEST, reply.code());
        assertEquals(0, f.lastZxid());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/a/../b", "/..", "/a/.", "a", "", "/a//b", "/a/", "/a\u0000b" })
    void shouldRefuseInvalidPathOnEveryRequest(final String path)
    {
        final Client a = f.connect(5000);
        create(a, "/a", "", CreateMode.PERSISTENT);
        final long digest = f.digest();

        assertEquals(ResultCode.INVALID_PATH, create(a, path, "", CreateMode.PERSISTENT).code());
        assertEquals(ResultCode.INVALID_PATH, setData(a, path, "x", -1).code());
        assertEquals(ResultCode.INVALID_PATH, delete(a, path, -1).code());
        assertEquals(ResultCode.INVALID_PATH, setAcl(a, path, -1, List.of(OPEN)).code());
        assertEquals(ResultCode.INVALID_PATH, exists(a, path).code());
        assertEquals(ResultCode.INVALID_PATH, getData(a, path).code());
        assertEquals(ResultCode.INVALID_PATH, children(a, path, true).code());
        assertEquals(ResultCode.INVALID_PATH, count(a, path).code());
        assertEquals(ResultCode.INVALID_PATH, aclOf(a, path).code());
        assertEquals(ResultCode.INVALID_PATH, multi(a, Op.create(path, "", CreateMode.PERSISTENT)).code());
        assertEquals(1, f.lastZxid());
        assertEquals(digest, f.digest());
    }

    static Stream<byte[]> malformedUtf8Paths()
    {
        return Stream.of(
            new byte[]{ '/', 'a', (byte)0xC3 },                            // truncated 2-byte sequence
            new byte[]{ '/', (byte)0xC0, (byte)0xAF },                     // overlong '/'
            new byte[]{ '/', (byte)0xE0, (byte)0x80, (byte)0xAF },         // overlong 3-byte
            new byte[]{ '/', (byte)0xED, (byte)0xA0, (byte)0x80 },         // surrogate U+D800
            new byte[]{ '/', (byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80 }, // past U+10FFFF
            new byte[]{ '/', (byte)0xFF },                                 // never valid
            new byte[]{ '/', (byte)0x80 },                                 // lone continuation
            new byte[]{ '/', (byte)0xE2, (byte)0x82 });                    // truncated 3-byte sequence
    }

    @ParameterizedTest
    @MethodSource("malformedUtf8Paths")
    void shouldRefuseMalformedUtf8Path(final byte[] path)
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();
        final var c = a.connection();

        assertEquals(ResultCode.INVALID_PATH, Wire.created(f.request(c,
            f.wire.create(next(), path, new byte[0], CreateMode.PERSISTENT, -1, List.of(OPEN)))).code());
        assertEquals(ResultCode.INVALID_PATH, Wire.existsReply(f.request(c, f.wire.exists(next(), path))).code());
        assertEquals(ResultCode.INVALID_PATH, Wire.dataReply(f.request(c, f.wire.getData(next(), path))).code());
        assertEquals(ResultCode.INVALID_PATH, Wire.deleted(f.request(c, f.wire.delete(next(), path, -1))).code());
        assertEquals(ResultCode.INVALID_PATH,
            Wire.setDataReply(f.request(c, f.wire.setData(next(), path, new byte[0], -1))).code());
        assertEquals(ResultCode.INVALID_PATH, Wire.multiReply(f.request(c, f.wire.multi(next(),
            new Op(OpType.CREATE, path, new byte[0], -1, CreateMode.PERSISTENT, -1, List.of(OPEN))))).code());
        assertEquals(0, f.lastZxid());
        assertEquals(digest, f.digest());
        assertStillServing(a);
    }

    @Test
    void shouldAcceptMultiByteUtf8Path()
    {
        final Client a = f.connect(5000);

        final Created orphan = create(a, "/caf\u00e9/\u65e5\u672c", "", CreateMode.PERSISTENT);
        final Created parent = create(a, "/caf\u00e9", "", CreateMode.PERSISTENT);
        final Created child = create(a, "/caf\u00e9/\u65e5\u672c", "", CreateMode.PERSISTENT);

        assertEquals(ResultCode.NO_NODE, orphan.code());
        assertEquals("/caf\u00e9", parent.path());
        assertEquals("/caf\u00e9/\u65e5\u672c", child.path());
        assertEquals(List.of("\u65e5\u672c"), children(a, "/caf\u00e9", false).names());
    }

    @Test
    void shouldRefuseSupplementaryCharacterInPathAsZooKeeperDoes()
    {
        final Client a = f.connect(5000);

        // Well-formed 4-byte UTF-8, but ZooKeeper's path rules forbid the surrogate range it becomes in Java.
        assertEquals(ResultCode.INVALID_PATH, create(a, "/\uD83D\uDE00", "", CreateMode.PERSISTENT).code());
    }

    @Test
    void shouldRefuseDataOverConfiguredMaximum()
    {
        final Client a = f.connect(5000);
        final String tooLarge = "x".repeat(MAX_DATA_LENGTH + 1);

        assertEquals(ResultCode.DATA_TOO_LARGE, create(a, "/big", tooLarge, CreateMode.PERSISTENT).code());
        assertEquals(ResultCode.DATA_TOO_LARGE, multi(a, Op.create("/big", tooLarge, CreateMode.PERSISTENT)).code());
        assertEquals(0, f.lastZxid());
        assertEquals(ResultCode.NO_NODE, exists(a, "/big").code());
    }

    @Test
    void shouldRefuseSetDataOverConfiguredMaximum()
    {
        final Client a = f.connect(5000);
        create(a, "/a", "small", CreateMode.PERSISTENT);

        assertEquals(ResultCode.DATA_TOO_LARGE, setData(a, "/a", "x".repeat(MAX_DATA_LENGTH + 1), -1).code());
        assertEquals(ResultCode.DATA_TOO_LARGE, multi(a, Op.setData("/a", "x".repeat(MAX_DATA_LENGTH + 1), -1)).code());

        final DataReply data = getData(a, "/a");
        assertEquals("small", data.data());
        assertEquals(0, data.stat().version());
        assertEquals(1, f.lastZxid());
    }

    @Test
    void shouldAcceptDataOfExactlyTheConfiguredMaximum()
    {
        final Client a = f.connect(5000);
        final String largest = "y".repeat(MAX_DATA_LENGTH);

        assertEquals(ResultCode.OK, create(a, "/big", largest, CreateMode.PERSISTENT).code());
        assertEquals(largest, getData(a, "/big").data());
    }

    @Test
    void shouldRoundTripDataLargerThanTheInitialEgressBuffer()
    {
        final AerieClusteredService.Context ctx = ServiceFixture.context();
        ctx.treeContext().maxDataLength(200_000);
        try (ServiceFixture large = new ServiceFixture(ctx))
        {
            final Client a = large.connect(5000);
            final String data = "z".repeat(150_000);

            final Created created = Wire.created(large.request(a.connection(),
                large.wire.create(1, "/large", data, CreateMode.PERSISTENT)));
            final DataReply read = Wire.dataReply(large.request(a.connection(), large.wire.getData(2, "/large")));

            assertEquals(ResultCode.OK, created.code());
            assertEquals(150_000, read.stat().dataLength());
            assertEquals(data, read.data());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Resent writes

    @Test
    void shouldApplyResentWriteOnceAndAnswerWithIdenticalBytes()
    {
        final Client a = f.connect(5000);
        final byte[] request = f.wire.create(10, "/a", "x", CreateMode.PERSISTENT_SEQUENTIAL);
        final byte[] first = f.request(a.connection(), request);
        final long digest = f.digest();

        final byte[] second = f.request(a.connection(), request);

        assertArrayEquals(first, second);
        assertEquals("/a0000000000", Wire.created(second).path());
        assertEquals(1, f.lastZxid());
        assertEquals(digest, f.digest());
        assertEquals(2, f.service.tree().nodeCount());
        assertEquals(1, f.counters().duplicateWrites.get());
    }

    @Test
    void shouldAnswerWriteResentOnResumedSessionAfterFailoverWithIdenticalBytes()
    {
        final Client a = f.connect(5000);
        final byte[] request = f.wire.setData(11, "/", "root", -1);
        final byte[] first = f.request(a.connection(), request);
        f.closeConnection(a.connection());
        f.advanceTo(START_MS + 100);
        final var resumed = f.openConnection();
        assertEquals(ResultCode.OK, Wire.connected(
            f.request(resumed, f.wire.connect(1, a.sessionId(), 5000, a.password()))).code());

        final byte[] second = f.request(resumed, request);

        assertArrayEquals(first, second);
        assertEquals(1, f.lastZxid());
        assertEquals(1, getData(new Client(resumed, a.sessionId(), a.password()), "/").stat().version());
    }

    @Test
    void shouldAnswerOlderWriteWithinWindowWithItsOriginalAnswer()
    {
        final Client a = f.connect(5000);
        final byte[][] answers = new byte[6][];
        for (int i = 1; i <= ServiceFixture.REMEMBERED_WRITES + 1; i++)
        {
            answers[i] = f.request(a.connection(), f.wire.create(i, "/w" + i, "", CreateMode.PERSISTENT));
        }
        final long digest = f.digest();

        final byte[] resent = f.request(a.connection(), f.wire.create(2, "/w2", "", CreateMode.PERSISTENT));

        assertArrayEquals(answers[2], resent);
        assertEquals(ResultCode.OK, Wire.created(resent).code());
        assertEquals(5, f.lastZxid());
        assertEquals(digest, f.digest());
    }

    @Test
    void shouldRefuseWriteOlderThanWindowWithApiErrorAndApplyNothing()
    {
        final Client a = f.connect(5000);
        for (int i = 1; i <= ServiceFixture.REMEMBERED_WRITES + 1; i++)
        {
            f.request(a.connection(), f.wire.create(i, "/w" + i, "", CreateMode.PERSISTENT));
        }
        final long digest = f.digest();

        final ErrorReply reply = Wire.error(f.request(a.connection(), f.wire.create(1, "/new", "", CreateMode.PERSISTENT)));

        assertEquals(ResultCode.API_ERROR, reply.code());
        assertEquals(1, reply.correlationId());
        assertEquals(CreateRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
        assertEquals(5, reply.zxid());
        assertEquals(5, f.lastZxid());
        assertEquals(digest, f.digest());
        assertEquals(ResultCode.NO_NODE, exists(a, "/new").code());
    }

    @Test
    void shouldAnswerResentFailedWriteWithItsOriginalFailure()
    {
        final Client a = f.connect(5000);
        f.request(a.connection(), f.wire.create(1, "/dup", "", CreateMode.PERSISTENT));
        final byte[] failed = f.request(a.connection(), f.wire.create(2, "/dup", "", CreateMode.PERSISTENT));
        f.request(a.connection(), f.wire.delete(3, "/dup", -1));

        final byte[] resent = f.request(a.connection(), f.wire.create(2, "/dup", "", CreateMode.PERSISTENT));

        assertArrayEquals(failed, resent);
        assertEquals(ResultCode.NODE_EXISTS, Wire.created(resent).code());
        assertEquals(ResultCode.NO_NODE, exists(a, "/dup").code());
    }

    @Test
    void shouldAnswerReadsAfreshWhateverTheirCorrelationId()
    {
        final Client a = f.connect(5000);
        f.request(a.connection(), f.wire.create(5, "/a", "x", CreateMode.PERSISTENT));
        f.request(a.connection(), f.wire.setData(6, "/a", "y", -1));

        final DataReply read = Wire.dataReply(f.request(a.connection(), f.wire.getData(5, "/a")));

        assertEquals(5, read.correlationId());
        assertEquals("y", read.data());
    }

    @Test
    void shouldApplyWriteWhoseAnswerIsDroppedOnBackPressure()
    {
        final Client a = f.connect(5000);
        a.connection().refuseOffersWith(Publication.BACK_PRESSURED);

        f.deliver(a.connection(), f.wire.create(20, "/a", "x", CreateMode.PERSISTENT));

        assertEquals(1, f.lastZxid());
        assertEquals(1, f.counters().droppedEgress.get());
        assertEquals(EgressPublisher.MAX_OFFER_ATTEMPTS + 1, a.connection().offerAttempts());
    }

    @Test
    void shouldGiveUpAtOnceOnAClosedConnection()
    {
        final Client a = f.connect(5000);
        final int before = a.connection().offerAttempts();
        a.connection().refuseOffersWith(Publication.NOT_CONNECTED);

        f.deliver(a.connection(), f.wire.keepAlive(21));

        assertEquals(before + 1, a.connection().offerAttempts());
        assertEquals(1, f.counters().droppedEgress.get());
    }

    @Test
    void shouldAnswerResendOfWriteWhoseAnswerWasDropped()
    {
        final Client a = f.connect(5000);
        a.connection().refuseOffersWith(Publication.BACK_PRESSURED);
        f.deliver(a.connection(), f.wire.create(22, "/a", "x", CreateMode.PERSISTENT_SEQUENTIAL));
        a.connection().refuseOffersWith(0);

        final Created created = Wire.created(f.request(a.connection(),
            f.wire.create(22, "/a", "x", CreateMode.PERSISTENT_SEQUENTIAL)));

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/a0000000000", created.path());
        assertEquals(1, created.zxid());
        assertEquals(1, f.lastZxid());
    }

    @Test
    void shouldApplyWriteWithAnyNewCorrelationIdIncludingTheSmallest()
    {
        final Client a = f.connect(5000);

        final Created created = Wire.created(f.request(a.connection(),
            f.wire.create(Long.MIN_VALUE, "/min", "", CreateMode.PERSISTENT)));

        assertEquals(ResultCode.OK, created.code());
        assertEquals(Long.MIN_VALUE, created.correlationId());
        assertEquals(ResultCode.OK, exists(a, "/min").code());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sessions: expiry, keepalive, resume, close

    @Test
    void shouldScheduleExpiryAtTheEarliestSessionDeadline()
    {
        assertNull(f.expiryDeadline());

        f.connect(5000);
        assertEquals(START_MS + 5000, f.expiryDeadline());

        f.advanceTo(START_MS + 100);
        f.connect(TIMEOUT_MS);
        assertEquals(START_MS + 100 + TIMEOUT_MS, f.expiryDeadline());
    }

    @Test
    void shouldDeleteEphemeralsOfSessionExpiredByTimer()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(MAX_TIMEOUT_MS);
        create(a, "/e1", "", CreateMode.EPHEMERAL);
        create(a, "/p", "", CreateMode.PERSISTENT);
        create(a, "/p/e2", "", CreateMode.EPHEMERAL_SEQUENTIAL);
        create(b, "/eb", "", CreateMode.EPHEMERAL);

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(START_MS + TIMEOUT_MS, f.nowMs());
        assertEquals(ResultCode.NO_NODE, exists(b, "/e1").code());
        assertEquals(ResultCode.NO_NODE, exists(b, "/p/e2").code());
        assertEquals(List.of(), children(b, "/p", false).names());
        assertEquals(ResultCode.OK, exists(b, "/eb").code());
        assertEquals(5, f.lastZxid());
        assertEquals(0, f.service.tree().ephemeralCount(a.sessionId()));
        assertNull(f.service.sessions().get(a.sessionId()));
        assertEquals(1, f.counters().expiredSessions.get());
    }

    @Test
    void shouldSendExpiredEventToConnectionOfExpiredSession()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(MAX_TIMEOUT_MS);
        create(a, "/e", "", CreateMode.EPHEMERAL);
        final int bBefore = b.connection().messageCount();

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(1, sent.size());
        assertEquals(SessionEventDecoder.TEMPLATE_ID, Wire.templateId(sent.get(0)));
        final SessionEventValue event = Wire.sessionEvent(a.connection().messages().get(a.connection().messageCount() - 1));
        assertEquals(new SessionEventValue(a.sessionId(), 2, SessionState.EXPIRED), event);
        assertEquals(bBefore, b.connection().messageCount());
    }

    @Test
    void shouldAnswerSessionExpiredOnConnectionOfExpiredSession()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        final ErrorReply reply = Wire.error(f.request(a.connection(), f.wire.keepAlive(501)));

        assertEquals(ResultCode.SESSION_EXPIRED, reply.code());
        assertEquals(501, reply.correlationId());
        assertEquals(KeepAliveRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
    }

    @Test
    void shouldRescheduleExpiryForRemainingSessions()
    {
        f.connect(TIMEOUT_MS);
        f.connect(MAX_TIMEOUT_MS);

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(START_MS + MAX_TIMEOUT_MS, f.expiryDeadline());
        assertEquals(1, f.service.sessions().size());
    }

    @Test
    void shouldNotScheduleExpiryOnceNoSessionIsLeft()
    {
        f.connect(TIMEOUT_MS);

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertNull(f.expiryDeadline());
        assertEquals(0, f.service.sessions().size());
    }

    @Test
    void shouldExpireSessionsDueTogetherInSessionIdOrderEachWithItsOwnZxid()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(TIMEOUT_MS);
        create(b, "/eb", "", CreateMode.EPHEMERAL);
        create(a, "/ea", "", CreateMode.EPHEMERAL);

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        final List<byte[]> toA = a.connection().messages();
        final List<byte[]> toB = b.connection().messages();
        assertEquals(new SessionEventValue(a.sessionId(), 3, SessionState.EXPIRED),
            Wire.sessionEvent(toA.get(toA.size() - 1)));
        assertEquals(new SessionEventValue(b.sessionId(), 4, SessionState.EXPIRED),
            Wire.sessionEvent(toB.get(toB.size() - 1)));
        assertTrue(a.sessionId() < b.sessionId());
        assertEquals(4, f.lastZxid());
        assertEquals(2, f.counters().expiredSessions.get());
    }

    @Test
    void shouldExpireManySessionsDueTogether()
    {
        final Client observer = f.connect(MAX_TIMEOUT_MS);
        final Client[] clients = new Client[80];
        for (int i = 0; i < clients.length; i++)
        {
            clients[i] = f.connect(TIMEOUT_MS);
            create(clients[i], "/e" + i, "", CreateMode.EPHEMERAL);
        }

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        long previousZxid = clients.length;
        for (final Client client : clients)
        {
            final List<byte[]> messages = client.connection().messages();
            final SessionEventValue event = Wire.sessionEvent(messages.get(messages.size() - 1));
            assertEquals(client.sessionId(), event.sessionId());
            assertEquals(previousZxid + 1, event.zxid(), "ascending session id order, one zxid each");
            previousZxid = event.zxid();
        }
        assertEquals(List.of(), children(observer, "/", false).names());
        assertEquals(1, f.service.sessions().size());
    }

    @Test
    void shouldNotExpireSessionKeptAliveByKeepAlivesAndRequests()
    {
        final Client a = f.connect(TIMEOUT_MS);
        create(a, "/e", "", CreateMode.EPHEMERAL);
        f.advanceTo(START_MS + 400);
        Wire.keepAliveReply(f.request(a.connection(), f.wire.keepAlive(next())));
        f.advanceTo(START_MS + 900);
        exists(a, "/");
        final long digest = f.digest();

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(List.of(), sent);
        assertEquals(digest, f.digest());
        assertEquals(1, f.lastZxid());
        assertEquals(START_MS + 900 + TIMEOUT_MS, f.expiryDeadline());
        assertEquals(ResultCode.OK, exists(a, "/e").code());
    }

    @Test
    void shouldExpireSessionOnceKeepAlivesStop()
    {
        final Client a = f.connect(TIMEOUT_MS);
        create(a, "/e", "", CreateMode.EPHEMERAL);
        f.advanceTo(START_MS + 600);
        f.request(a.connection(), f.wire.keepAlive(next()));
        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(START_MS + 600 + TIMEOUT_MS, f.nowMs());
        assertEquals(1, sent.size());
        assertEquals(SessionState.EXPIRED, Wire.sessionEvent(sent.get(0)).state());
        assertEquals(0, f.service.tree().ephemeralCount(a.sessionId()));
    }

    @Test
    void shouldKeepSessionWhoseConnectionClosedUntilItsTimeout()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(MAX_TIMEOUT_MS);
        create(a, "/e", "", CreateMode.EPHEMERAL);
        f.advanceTo(START_MS + 300);

        f.closeConnection(a.connection());

        assertEquals(ResultCode.OK, exists(b, "/e").code());
        assertEquals(START_MS + TIMEOUT_MS, f.expiryDeadline());
        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        assertEquals(ResultCode.NO_NODE, exists(b, "/e").code());
    }

    @Test
    void shouldExpireUnboundSessionWithoutSendingAnything()
    {
        final Client a = f.connect(TIMEOUT_MS);
        create(a, "/e", "", CreateMode.EPHEMERAL);
        f.closeConnection(a.connection());
        final int before = a.connection().messageCount();

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(List.of(), sent);
        assertEquals(before, a.connection().messageCount());
        assertEquals(0, f.service.sessions().size());
        assertEquals(2, f.lastZxid());
    }

    @Test
    void shouldResumeSessionOnNewConnectionWithIdAndPassword()
    {
        final Client a = f.connect(TIMEOUT_MS);
        create(a, "/e", "", CreateMode.EPHEMERAL);
        f.closeConnection(a.connection());
        f.advanceTo(START_MS + 800);
        final var connection = f.openConnection();

        final Connected resumed = Wire.connected(f.request(connection, f.wire.connect(7, a.sessionId(), 1, a.password())));

        assertEquals(ResultCode.OK, resumed.code());
        assertEquals(7, resumed.correlationId());
        assertEquals(a.sessionId(), resumed.sessionId());
        assertEquals(TIMEOUT_MS, resumed.timeoutMs());
        assertArrayEquals(a.password(), resumed.password());
        assertEquals(1, resumed.zxid());
        final Client again = new Client(connection, a.sessionId(), a.password());
        assertEquals(List.of("/e"), ephemerals(again, "/").paths());
    }

    @Test
    void shouldNotExpireResumedSessionAtItsOldDeadline()
    {
        final Client a = f.connect(TIMEOUT_MS);
        create(a, "/e", "", CreateMode.EPHEMERAL);
        f.closeConnection(a.connection());
        f.advanceTo(START_MS + 800);
        final var connection = f.openConnection();
        f.request(connection, f.wire.connect(7, a.sessionId(), TIMEOUT_MS, a.password()));

        final List<byte[]> sent = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(List.of(), sent);
        assertEquals(START_MS + 800 + TIMEOUT_MS, f.expiryDeadline());
        final List<byte[]> expiry = f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        assertEquals(1, expiry.size());
        assertEquals(new SessionEventValue(a.sessionId(), 2, SessionState.EXPIRED), Wire.sessionEvent(expiry.get(0)));
    }

    @Test
    void shouldRefuseResumeWithWrongPassword()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final byte[] wrong = a.password().clone();
        wrong[0] ^= 1;
        final var connection = f.openConnection();

        final Connected refused = Wire.connected(f.request(connection, f.wire.connect(8, a.sessionId(), TIMEOUT_MS, wrong)));

        assertEquals(ResultCode.SESSION_EXPIRED, refused.code());
        assertEquals(8, refused.correlationId());
        assertEquals(0, refused.sessionId());
        assertEquals(0, refused.timeoutMs());
        assertEquals(0, refused.password().length);
        assertEquals(ResultCode.SESSION_EXPIRED, Wire.error(f.request(connection, f.wire.exists(9, "/"))).code());
        assertEquals(ResultCode.OK, exists(a, "/").code());
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 7, 9 })
    void shouldRefuseResumeWithPasswordOfWrongLength(final int length)
    {
        final Client a = f.connect(TIMEOUT_MS);
        final var connection = f.openConnection();

        final Connected refused = Wire.connected(f.request(connection,
            f.wire.connect(8, a.sessionId(), TIMEOUT_MS, Arrays.copyOf(a.password(), length))));

        assertEquals(ResultCode.SESSION_EXPIRED, refused.code());
    }

    @Test
    void shouldNotKeepSessionAliveWithRefusedResume()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.closeConnection(a.connection());
        f.advanceTo(START_MS + 900);
        f.request(f.openConnection(), f.wire.connect(8, a.sessionId(), TIMEOUT_MS, new byte[8]));

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(START_MS + TIMEOUT_MS, f.nowMs());
        assertNull(f.service.sessions().get(a.sessionId()));
    }

    @Test
    void shouldRefuseResumeOfExpiredSession()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        final Connected refused = Wire.connected(f.request(f.openConnection(),
            f.wire.connect(8, a.sessionId(), TIMEOUT_MS, a.password())));

        assertEquals(ResultCode.SESSION_EXPIRED, refused.code());
    }

    @Test
    void shouldDeleteEphemeralsAtOnceOnCloseSession()
    {
        final Client a = f.connect(TIMEOUT_MS);
        final Client b = f.connect(MAX_TIMEOUT_MS);
        create(a, "/e1", "", CreateMode.EPHEMERAL);
        create(a, "/e2", "", CreateMode.EPHEMERAL);

        final Reply closed = Wire.closeReply(f.request(a.connection(), f.wire.closeSession(44)));

        assertEquals(44, closed.correlationId());
        assertEquals(ResultCode.OK, closed.code());
        assertEquals(3, closed.zxid());
        assertEquals(3, f.lastZxid());
        assertEquals(ResultCode.NO_NODE, exists(b, "/e1").code());
        assertEquals(ResultCode.NO_NODE, exists(b, "/e2").code());
        assertNull(f.service.sessions().get(a.sessionId()));
        assertEquals(ResultCode.SESSION_EXPIRED, Wire.error(f.request(a.connection(), f.wire.exists(45, "/"))).code());
    }

    @Test
    void shouldNotExpireClosedSessionLater()
    {
        final Client a = f.connect(TIMEOUT_MS);
        f.connect(MAX_TIMEOUT_MS);
        f.request(a.connection(), f.wire.closeSession(44));
        final int before = a.connection().messageCount();

        f.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);

        assertEquals(before, a.connection().messageCount());
        assertEquals(0, f.counters().expiredSessions.get());
        assertEquals(1, f.lastZxid());
    }

    @Test
    void shouldOpenNewSessionOnConnectionThatAlreadyCarriesOne()
    {
        final Client a = f.connect(TIMEOUT_MS);

        final Connected second = Wire.connected(f.request(a.connection(), f.wire.connect(3, 0, TIMEOUT_MS, new byte[0])));
        final Created created = create(new Client(a.connection(), second.sessionId(), second.password()), "/e", "",
            CreateMode.EPHEMERAL);

        assertNotEquals(a.sessionId(), second.sessionId());
        assertEquals(second.sessionId(), created.stat().ephemeralOwner());
        assertEquals(2, f.service.sessions().size());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Container and TTL sweep

    @Test
    void shouldScheduleSweepOnStart()
    {
        assertEquals(START_MS + SWEEP_INTERVAL_MS, f.sweepDeadline());
    }

    @Test
    void shouldDeleteEmptiedContainerOnSweepAndRescheduleIt()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        create(a, "/c", "", CreateMode.CONTAINER);
        create(a, "/c/x", "", CreateMode.PERSISTENT);
        delete(a, "/c/x", -1);

        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        assertEquals(ResultCode.NO_NODE, exists(a, "/c").code());
        assertEquals(4, f.lastZxid());
        assertEquals(START_MS + 2 * SWEEP_INTERVAL_MS, f.sweepDeadline());
    }

    @Test
    void shouldKeepContainerThatNeverHadAChildOrStillHasOne()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        create(a, "/never", "", CreateMode.CONTAINER);
        create(a, "/full", "", CreateMode.CONTAINER);
        create(a, "/full/x", "", CreateMode.PERSISTENT);
        final long digest = f.digest();

        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        assertEquals(digest, f.digest());
        assertEquals(3, f.lastZxid());
        assertEquals(START_MS + 2 * SWEEP_INTERVAL_MS, f.sweepDeadline());
    }

    @Test
    void shouldDeleteTtlNodeOnFirstSweepAfterItsTtl()
    {
        final Client a = f.connect(MAX_TIMEOUT_MS);
        createTtl(a, "/t", CreateMode.PERSISTENT_WITH_TTL, 1500);

        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);
        assertEquals(ResultCode.OK, exists(a, "/t").code());
        f.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);

        assertEquals(ResultCode.NO_NODE, exists(a, "/t").code());
        assertEquals(2, f.lastZxid());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Determinism

    @Test
    void shouldProduceIdenticalEgressAndStateFromTheSameLog()
    {
        try (ServiceFixture other = new ServiceFixture())
        {
            runScript(f);
            runScript(other);

            final List<byte[]> transcript = f.transcript();
            final List<byte[]> otherTranscript = other.transcript();
            assertTrue(transcript.size() > 30, "a transcript worth comparing");
            assertEquals(transcript.size(), otherTranscript.size());
            for (int i = 0; i < transcript.size(); i++)
            {
                assertArrayEquals(transcript.get(i), otherTranscript.get(i), "message " + i);
            }
            assertEquals(f.digest(), other.digest());
            assertEquals(f.lastZxid(), other.lastZxid());
            assertEquals(f.service.sessions().size(), other.service.sessions().size());
        }
    }

    private static void runScript(final ServiceFixture s)
    {
        final Wire w = s.wire;
        final var c1 = s.openConnection();
        final var c2 = s.openConnection();
        final var c3 = s.openConnection();
        s.deliver(c1, w.connect(1, 0, 700, new byte[0]));
        s.deliver(c2, w.connect(1, 0, 5000, new byte[0]));
        s.deliver(c3, w.connect(1, 0, 2500, new byte[0]));
        final List<ServiceFixture.Client> crowd = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            crowd.add(s.connect(300 + 10 * (i % 3)));
            s.deliver(crowd.get(i).connection(), w.create(1, "/crowd-" + i, "", CreateMode.EPHEMERAL));
        }
        s.deliver(c1, w.create(2, "/app", "config", CreateMode.PERSISTENT));
        s.deliver(c1, w.create(3, "/app/lock-", "", CreateMode.EPHEMERAL_SEQUENTIAL));
        s.advanceTo(START_MS + 50);
        s.deliver(c2, w.create(2, "/app/lock-", "", CreateMode.EPHEMERAL_SEQUENTIAL));
        s.deliver(c3, w.create(2, "/app/members", "", CreateMode.CONTAINER));
        s.deliver(c3, w.create(3, "/app/members/m1", "", CreateMode.EPHEMERAL));
        s.deliver(c2, w.create(3, "/ttl", CreateMode.PERSISTENT_WITH_TTL, 1200));
        s.deliver(c2, w.multi(4, Op.create("/batch", "b", CreateMode.PERSISTENT), Op.setData("/app", "v2", 0),
            Op.create("/batch/s-", "", CreateMode.PERSISTENT_SEQUENTIAL)));
        s.deliver(c2, w.multi(5, Op.create("/nope", "", CreateMode.PERSISTENT), Op.delete("/missing", -1)));
        s.deliver(c1, new byte[]{ 1, 2, 3 });
        s.deliver(c1, Arrays.copyOf(w.create(4, "/x", "y", CreateMode.PERSISTENT), 30));
        s.deliver(c2, w.create(4, "/bad/../path", "", CreateMode.PERSISTENT));
        s.deliver(c2, w.create(4, "/bad/../path", "", CreateMode.PERSISTENT));
        s.deliver(c3, w.getChildren(4, "/app", true));
        s.deliver(c3, w.getEphemerals(5, "/"));
        s.deliver(c3, w.getAcl(6, "/app"));
        s.deliver(c3, w.setAcl(7, "/app", 0, List.of(DIGEST, WORLD_READ)));
        s.deliver(c2, w.getData(6, "/app"));
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.advanceTo(START_MS + 400);
        s.deliver(c2, w.keepAlive(7));
        s.deliver(c3, w.keepAlive(8));
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.deliver(c1, w.exists(5, "/app/lock-0000000000"));
        s.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);
        s.deliver(c3, w.delete(9, "/app/members/m1", -1));
        s.closeConnection(c3);
        s.fireTimer(AerieClusteredService.SWEEP_TIMER_ID);
        s.deliver(c2, w.getChildren(8, "/", true));
        s.deliver(c2, w.getAllChildrenNumber(9, "/"));
        s.fireTimer(AerieClusteredService.EXPIRY_TIMER_ID);
        s.deliver(c2, w.sync(10, "/"));
        s.deliver(c2, w.closeSession(11));
        s.deliver(c2, w.exists(12, "/"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private long next()
    {
        return ++correlationId;
    }

    private void assertStillServing(final Client client)
    {
        final long zxid = f.lastZxid();
        final Created created = create(client, "/still-serving-" + zxid, "ok", CreateMode.PERSISTENT);
        assertEquals(ResultCode.OK, created.code());
        assertEquals(zxid + 1, created.zxid());
        assertEquals("ok", getData(client, created.path()).data());
    }

    private static byte[] withSchemaId(final byte[] message, final int schemaId)
    {
        new UnsafeBuffer(message).putShort(4, (short)schemaId, ByteOrder.LITTLE_ENDIAN);
        return message;
    }

    private static byte[] withTemplateId(final byte[] message, final int templateId)
    {
        new UnsafeBuffer(message).putShort(2, (short)templateId, ByteOrder.LITTLE_ENDIAN);
        return message;
    }

    private Created create(final Client c, final String path, final String data, final CreateMode mode)
    {
        return Wire.created(f.request(c.connection(), f.wire.create(next(), path, data, mode)));
    }

    private Created createTtl(final Client c, final String path, final CreateMode mode, final long ttlMs)
    {
        return Wire.created(f.request(c.connection(), f.wire.create(next(), path, mode, ttlMs)));
    }

    private StatReply setData(final Client c, final String path, final String data, final int version)
    {
        return Wire.setDataReply(f.request(c.connection(), f.wire.setData(next(), path, data, version)));
    }

    private Reply delete(final Client c, final String path, final int version)
    {
        return Wire.deleted(f.request(c.connection(), f.wire.delete(next(), path, version)));
    }

    private StatReply setAcl(final Client c, final String path, final int version, final List<Acl> acls)
    {
        return Wire.setAclReply(f.request(c.connection(), f.wire.setAcl(next(), path, version, acls)));
    }

    private MultiReply multi(final Client c, final Op... ops)
    {
        return Wire.multiReply(f.request(c.connection(), f.wire.multi(next(), ops)));
    }

    private StatReply exists(final Client c, final String path)
    {
        return Wire.existsReply(f.request(c.connection(), f.wire.exists(next(), path)));
    }

    private DataReply getData(final Client c, final String path)
    {
        return Wire.dataReply(f.request(c.connection(), f.wire.getData(next(), path)));
    }

    private Children children(final Client c, final String path, final boolean includeStat)
    {
        return Wire.children(f.request(c.connection(), f.wire.getChildren(next(), path, includeStat)));
    }

    private Wire.Count count(final Client c, final String path)
    {
        return Wire.count(f.request(c.connection(), f.wire.getAllChildrenNumber(next(), path)));
    }

    private Wire.PathList ephemerals(final Client c, final String prefix)
    {
        return Wire.ephemerals(f.request(c.connection(), f.wire.getEphemerals(next(), prefix)));
    }

    private AclReply aclOf(final Client c, final String path)
    {
        return Wire.aclReply(f.request(c.connection(), f.wire.getAcl(next(), path)));
    }

    private Synced sync(final Client c, final String path)
    {
        return Wire.synced(f.request(c.connection(), f.wire.sync(next(), path)));
    }
}
