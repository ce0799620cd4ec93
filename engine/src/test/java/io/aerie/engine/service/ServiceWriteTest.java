package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.service.Replies.AclReply;
import io.aerie.engine.service.Replies.Created;
import io.aerie.engine.service.Replies.Reply;
import io.aerie.engine.service.Replies.StatReply;
import io.aerie.engine.service.Replies.StatValue;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Acl;
import io.aerie.engine.service.Wire.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.aerie.engine.service.ServiceFixture.DIGEST;
import static io.aerie.engine.service.ServiceFixture.DIGEST_MASKED;
import static io.aerie.engine.service.ServiceFixture.START_MS;
import static io.aerie.engine.service.ServiceFixture.WORLD_READ;
import static io.aerie.engine.service.Wire.OPEN;
import static io.aerie.engine.service.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of writes: create, setData, delete and setACL, their stats and zxids, and the create modes.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress and drives the log clock and the timers. Each test checks one behaviour through
 * the wire only.
 */
class ServiceWriteTest
{
    private ServiceFixture f;

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
    // Create, setData, delete, setACL: stats and zxids

    @Test
    void shouldCreateNodeAndAnswerWithItsStatAndPath()
    {
        final Client a = f.connect(5000);
        f.advanceTo(START_MS + 10);

        final Created created = f.create(a, "/a", "hello", CreateMode.PERSISTENT);

        assertEquals(f.lastCorrelationId(), created.correlationId());
        assertEquals(ResultCode.OK, created.code());
        assertEquals(1, created.zxid());
        assertEquals("/a", created.path());
        assertEquals(new StatValue(1, 1, 1, START_MS + 10, START_MS + 10, 0, 0, 0, 0, 5, 0), created.stat());
    }

    @Test
    void shouldAdvanceZxidByOnePerAppliedChangeAndReportItOnReads()
    {
        final Client a = f.connect(5000);

        assertEquals(1, f.create(a, "/a", "", CreateMode.PERSISTENT).zxid());
        assertEquals(2, f.setData(a, "/a", "v1", -1).zxid());
        assertEquals(3, f.setAcl(a, "/a", -1, List.of(OPEN, DIGEST)).zxid());
        assertEquals(4, f.create(a, "/a/b", "", CreateMode.PERSISTENT).zxid());
        assertEquals(5, f.delete(a, "/a/b", -1).zxid());
        assertEquals(6, f.multi(a, Op.create("/m1", "", CreateMode.PERSISTENT), Op.create("/m2", "", CreateMode.PERSISTENT)).zxid());

        assertEquals(6, f.lastZxid());
        assertEquals(6, f.exists(a, "/a").zxid());
        assertEquals(6, f.getData(a, "/a").zxid());
        assertEquals(6, f.children(a, "/", true).zxid());
        assertEquals(6, f.aclOf(a, "/a").zxid());
        assertEquals(6, f.sync(a, "/a").zxid());
        assertEquals(6, Replies.keepAliveReply(f.request(a.connection(), f.wire.keepAlive(f.nextCorrelationId()))).zxid());
    }

    @Test
    void shouldNotAdvanceZxidOnFailedWrites()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "x", CreateMode.PERSISTENT);
        f.create(a, "/a/child", "x", CreateMode.PERSISTENT);
        final long digest = f.digest();

        final Created exists = f.create(a, "/a", "y", CreateMode.PERSISTENT);
        final Created noParent = f.create(a, "/missing/b", "y", CreateMode.PERSISTENT);
        final StatReply badVersion = f.setData(a, "/a", "y", 7);
        final Reply notEmpty = f.delete(a, "/a", -1);
        final Reply noNode = f.delete(a, "/b", -1);
        final StatReply badAclVersion = f.setAcl(a, "/a", 3, List.of(OPEN));

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
        f.create(a, "/a", "x", CreateMode.PERSISTENT);

        final Created failed = f.create(a, "/a", "y", CreateMode.PERSISTENT);

        assertEquals(StatValue.ZERO, failed.stat());
        assertEquals("", failed.path());
    }

    @Test
    void shouldSetDataWhenVersionMatchesAndBumpVersionMzxidAndMtime()
    {
        final Client a = f.connect(5000);
        final Created created = f.create(a, "/a", "v0", CreateMode.PERSISTENT);
        f.advanceTo(START_MS + 500);

        final StatReply set = f.setData(a, "/a", "v1!", 0);

        assertEquals(ResultCode.OK, set.code());
        assertEquals(2, set.zxid());
        assertEquals(new StatValue(1, 2, 1, created.stat().ctime(), START_MS + 500, 1, 0, 0, 0, 3, 0), set.stat());
        assertEquals("v1!", f.getData(a, "/a").data());
        assertEquals(ResultCode.BAD_VERSION, f.setData(a, "/a", "v2", 0).code());
        assertEquals("v1!", f.getData(a, "/a").data());
    }

    @Test
    void shouldDeleteWhenVersionMatches()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "", CreateMode.PERSISTENT);
        f.setData(a, "/a", "x", -1);

        assertEquals(ResultCode.BAD_VERSION, f.delete(a, "/a", 0).code());
        final Reply deleted = f.delete(a, "/a", 1);

        assertEquals(ResultCode.OK, deleted.code());
        assertEquals(3, deleted.zxid());
        assertEquals(ResultCode.NO_NODE, f.exists(a, "/a").code());
    }

    @Test
    void shouldReplaceAclBumpingAversionButNotMzxid()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "x", CreateMode.PERSISTENT);

        final StatReply set = f.setAcl(a, "/a", 0, List.of(DIGEST, WORLD_READ));

        assertEquals(ResultCode.OK, set.code());
        assertEquals(2, set.zxid());
        assertEquals(1, set.stat().aversion());
        assertEquals(1, set.stat().mzxid());
        assertEquals(0, set.stat().version());
        final AclReply acl = f.aclOf(a, "/a");
        assertEquals(ResultCode.OK, acl.code());
        assertEquals(List.of(DIGEST_MASKED, WORLD_READ), acl.acls());
        assertEquals(set.stat(), acl.stat());
    }

    @Test
    void shouldRefuseInvalidOrStaleAclChanges()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "x", CreateMode.PERSISTENT);
        final Acl worldReadAdmin = new Acl(AclList.READ | AclList.ADMIN, "world", "anyone");
        f.setAcl(a, "/a", 0, List.of(worldReadAdmin));

        assertEquals(ResultCode.BAD_VERSION, f.setAcl(a, "/a", 0, List.of(OPEN)).code());
        assertEquals(ResultCode.INVALID_ACL, f.setAcl(a, "/a", -1, List.of()).code());
        assertEquals(ResultCode.INVALID_ACL,
            f.setAcl(a, "/a", -1, List.of(new Acl(AclList.READ, "world", "bob"))).code());
        assertEquals(ResultCode.NO_NODE, f.setAcl(a, "/none", -1, List.of(OPEN)).code());
        assertEquals(List.of(worldReadAdmin), f.aclOf(a, "/a").acls());
        assertEquals(2, f.lastZxid());
    }

    @Test
    void shouldCreateNodeWithTheAclOfTheRequest()
    {
        final Client a = f.connect(5000);

        final Created created = Replies.created(f.request(a.connection(),
            f.wire.create(f.nextCorrelationId(), utf8("/a"), utf8("x"), CreateMode.PERSISTENT, -1,
                List.of(DIGEST, WORLD_READ))));

        assertEquals(ResultCode.OK, created.code());
        assertEquals(List.of(DIGEST_MASKED, WORLD_READ), f.aclOf(a, "/a").acls());
    }

    @Test
    void shouldRefuseCreateWithEmptyAcl()
    {
        final Client a = f.connect(5000);

        final Created created = Replies.created(f.request(a.connection(),
            f.wire.create(f.nextCorrelationId(), utf8("/a"), utf8("x"), CreateMode.PERSISTENT, -1, List.of())));

        assertEquals(ResultCode.INVALID_ACL, created.code());
        assertEquals(0, f.lastZxid());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Create modes

    @Test
    void shouldCreatePersistentNodeWithoutOwner()
    {
        final Client a = f.connect(5000);

        final Created created = f.create(a, "/p", "", CreateMode.PERSISTENT);

        assertEquals("/p", created.path());
        assertEquals(0, created.stat().ephemeralOwner());
    }

    @Test
    void shouldCreateEphemeralOwnedByTheSession()
    {
        final Client a = f.connect(5000);

        final Created created = f.create(a, "/e", "", CreateMode.EPHEMERAL);

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/e", created.path());
        assertEquals(a.sessionId(), created.stat().ephemeralOwner());
        assertEquals(a.sessionId(), f.exists(a, "/e").stat().ephemeralOwner());
    }

    @Test
    void shouldNameSequentialNodesFromTheParentsChildCounter()
    {
        final Client a = f.connect(5000);
        f.create(a, "/q", "", CreateMode.PERSISTENT);

        final Created first = f.create(a, "/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        final Created second = f.create(a, "/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        f.create(a, "/q/other", "", CreateMode.PERSISTENT);
        f.delete(a, "/q/n-0000000000", -1);
        final Created third = f.create(a, "/q/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);

        assertEquals("/q/n-0000000000", first.path());
        assertEquals("/q/n-0000000001", second.path());
        assertEquals("/q/n-0000000003", third.path());
        assertEquals(0, third.stat().ephemeralOwner());
        assertEquals(ResultCode.OK, f.exists(a, "/q/n-0000000003").code());
    }

    @Test
    void shouldCreateEphemeralSequentialOwnedByTheSession()
    {
        final Client a = f.connect(5000);
        f.create(a, "/lock", "", CreateMode.PERSISTENT);

        final Created first = f.create(a, "/lock/l-", "", CreateMode.EPHEMERAL_SEQUENTIAL);
        final Created second = f.create(a, "/lock/l-", "", CreateMode.EPHEMERAL_SEQUENTIAL);

        assertEquals("/lock/l-0000000000", first.path());
        assertEquals("/lock/l-0000000001", second.path());
        assertEquals(a.sessionId(), second.stat().ephemeralOwner());
        assertEquals(List.of("/lock/l-0000000000", "/lock/l-0000000001"), f.ephemerals(a, "/").paths());
    }

    @Test
    void shouldCreateContainerReportingOwnerZeroAsZooKeeperDoes()
    {
        final Client a = f.connect(5000);

        final Created created = f.create(a, "/c", "", CreateMode.CONTAINER);

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/c", created.path());
        // ZooKeeper keeps EphemeralType.CONTAINER_EPHEMERAL_OWNER server-side; DataNode.copyStat reports 0.
        assertEquals(0, created.stat().ephemeralOwner());
        assertEquals(List.of(), f.ephemerals(a, "/").paths());
    }

    @Test
    void shouldCreateTtlNodeReportingOwnerZeroAsZooKeeperDoes()
    {
        final Client a = f.connect(5000);

        final Created created = f.createTtl(a, "/t", CreateMode.PERSISTENT_WITH_TTL, 5000);

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/t", created.path());
        // ZooKeeper keeps its EphemeralType.TTL encoding server-side; DataNode.copyStat reports 0.
        assertEquals(0, created.stat().ephemeralOwner());
        assertEquals(List.of(), f.ephemerals(a, "/").paths());
    }

    @Test
    void shouldCreateSequentialTtlNodeWithSuffix()
    {
        final Client a = f.connect(5000);

        final Created created = f.createTtl(a, "/t-", CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 5000);

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/t-0000000000", created.path());
    }

    @ParameterizedTest
    @ValueSource(longs = { 0, -1, -5000, 0x0100_0000_0000L, Long.MAX_VALUE })
    void shouldRefuseTtlModeWithTtlOutOfRange(final long ttlMs)
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.BAD_ARGUMENTS, f.createTtl(a, "/t", CreateMode.PERSISTENT_WITH_TTL, ttlMs).code());
        assertEquals(ResultCode.BAD_ARGUMENTS,
            f.createTtl(a, "/t-", CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, ttlMs).code());
        assertEquals(0, f.lastZxid());
        assertEquals(ServiceFixture.BASE_NODES, f.service.tree().nodeCount());
    }

    @ParameterizedTest
    @EnumSource(value = CreateMode.class, names = { "PERSISTENT", "EPHEMERAL", "PERSISTENT_SEQUENTIAL",
        "EPHEMERAL_SEQUENTIAL", "CONTAINER" })
    void shouldRefuseTtlForModeWithoutTtl(final CreateMode mode)
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.BAD_ARGUMENTS, f.createTtl(a, "/t", mode, 1000).code());
        assertEquals(0, f.lastZxid());
    }

    @Test
    void shouldAcceptLargestTtl()
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.OK, f.createTtl(a, "/t", CreateMode.PERSISTENT_WITH_TTL, 0x00FF_FFFF_FFFFL).code());
    }

    @Test
    void shouldRefuseNullCreateModeWithBadArguments()
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.BAD_ARGUMENTS, f.create(a, "/n", "", CreateMode.NULL_VAL).code());
        assertEquals(0, f.lastZxid());
    }

    @Test
    void shouldRefuseChildOfEphemeral()
    {
        final Client a = f.connect(5000);
        f.create(a, "/e", "", CreateMode.EPHEMERAL);

        assertEquals(ResultCode.NO_CHILDREN_FOR_EPHEMERALS, f.create(a, "/e/c", "", CreateMode.PERSISTENT).code());
        assertEquals(1, f.lastZxid());
    }
}
