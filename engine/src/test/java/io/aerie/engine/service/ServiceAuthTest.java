package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.acl.AuthSchemes;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Acl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Authentication and ACL enforcement through the service: addAuth, whoAmI, connect credentials, the super user,
 * NO_AUTH answers and their counter, and getACL's masking, as ZooKeeper 3.9 does them.
 */
class ServiceAuthTest
{
    private static final String BOB = AuthSchemes.generateDigest("bob:secret");
    private static final Acl BOB_ALL = new Acl(AclList.ALL, "digest", BOB);
    private static final Acl WORLD_READ = new Acl(AclList.READ, "world", "anyone");

    private final ServiceFixture f = new ServiceFixture(
        ServiceFixture.context().superDigest(AuthSchemes.generateDigest("super:admin")));

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldRefuseSetDataUntilTheDigestIsAdded()
    {
        final Client a = f.connect(5000);
        f.create(a, "/app", "x", CreateMode.PERSISTENT);
        assertEquals(ResultCode.OK, f.setAcl(a, "/app", -1, List.of(BOB_ALL, WORLD_READ)).code());

        assertEquals(ResultCode.NO_AUTH, f.setData(a, "/app", "y", -1).code());
        assertEquals(ResultCode.OK, f.addAuth(a, "digest", "bob:secret").code());
        assertEquals(ResultCode.OK, f.setData(a, "/app", "y", -1).code());
    }

    @Test
    void shouldChangeNothingOnNoAuth()
    {
        final Client a = f.connect(5000);
        f.create(a, "/app", "x", CreateMode.PERSISTENT);
        f.setAcl(a, "/app", -1, List.of(WORLD_READ));
        final long zxid = f.lastZxid();
        final long digest = f.digest();

        assertEquals(ResultCode.NO_AUTH, f.setData(a, "/app", "y", -1).code());
        assertEquals(ResultCode.NO_AUTH, f.create(a, "/app/child", "", CreateMode.PERSISTENT).code());

        assertEquals(zxid, f.lastZxid());
        assertEquals(digest, f.digest());
    }

    @Test
    void shouldCountNoAuthAnswers()
    {
        final Client a = f.connect(5000);
        f.create(a, "/app", "x", CreateMode.PERSISTENT);
        f.setAcl(a, "/app", -1, List.of(WORLD_READ));

        f.setData(a, "/app", "y", -1);
        f.delete(a, "/app/none", -1);

        assertEquals(2, f.counters().noAuth.get());
    }

    @Test
    void shouldLetTheSuperUserPassEveryCheck()
    {
        final Client a = f.connect(5000);
        f.create(a, "/app", "x", CreateMode.PERSISTENT);
        f.setAcl(a, "/app", -1, List.of(BOB_ALL));
        final Client root = f.connect(5000);

        assertEquals(ResultCode.NO_AUTH, f.getData(root, "/app").code());
        assertEquals(ResultCode.OK, f.addAuth(root, "digest", "super:admin").code());
        assertEquals(ResultCode.OK, f.getData(root, "/app").code());
        assertEquals(ResultCode.OK, f.setAcl(root, "/app", -1, List.of(WORLD_READ)).code());
    }

    @Test
    void shouldAnswerWhoAmIWithUserNamesNotHashes()
    {
        final Client a = f.connect(5000);
        assertEquals(List.of("ip:127.0.0.1"), f.whoAmI(a));

        f.addAuth(a, "digest", "bob:secret");
        f.addAuth(a, "digest", "super:admin");

        assertEquals(List.of("ip:127.0.0.1", "digest:bob", "super:", "digest:super"), f.whoAmI(a));
    }

    @Test
    void shouldAcceptIpAddAuthAndAddNothing()
    {
        final Client a = f.connect(5000);

        assertEquals(ResultCode.OK, f.addAuth(a, "ip", "10.0.0.1").code());
        assertEquals(List.of("ip:127.0.0.1"), f.whoAmI(a));
    }

    @Test
    void shouldFailAnUnknownSchemeAndCutTheSessionFromItsConnection()
    {
        final Client a = f.connect(5000);

        final List<byte[]> sent = f.deliver(a.connection(), f.wire.addAuth(f.nextCorrelationId(), "kerberos", "bob"));

        assertEquals(2, sent.size());
        assertEquals(ResultCode.AUTH_FAILED, Replies.addAuthReply(sent.get(0)).code());
        assertEquals(SessionState.AUTH_FAILED, Replies.sessionEvent(sent.get(1)).state());
        assertEquals(1, f.counters().authFailures.get());
        assertEquals(ResultCode.SESSION_EXPIRED, Replies.error(
            f.request(a.connection(), f.wire.whoAmI(f.nextCorrelationId()))).code());
    }

    @Test
    void shouldAddConnectCredentialsToTheNewSession()
    {
        final Replies.Connected connected = Replies.connected(f.request(f.openConnection(),
            f.wire.connect(f.nextCorrelationId(), 0, 5000, new byte[0], "digest", "bob:secret")));

        assertEquals(ResultCode.OK, connected.code());
        assertEquals("[ip:127.0.0.1, digest:" + BOB + "]", f.service.sessions().get(connected.sessionId()).identities().toString());
    }

    @Test
    void shouldRefuseAConnectWithCredentialsOfAnUnknownScheme()
    {
        final Replies.Connected connected = Replies.connected(f.request(f.openConnection(),
            f.wire.connect(f.nextCorrelationId(), 0, 5000, new byte[0], "kerberos", "bob")));

        assertEquals(ResultCode.AUTH_FAILED, connected.code());
        assertEquals(0, f.service.sessions().size());
    }

    @Test
    void shouldKeepIdentitiesWhenTheSessionResumesOnANewConnection()
    {
        final Client a = f.connect(5000);
        f.addAuth(a, "digest", "bob:secret");

        final Replies.Connected resumed = Replies.connected(f.request(f.openConnection(),
            f.wire.connect(f.nextCorrelationId(), a.sessionId(), 5000, a.password(), "digest", "bob:secret")));

        assertEquals(ResultCode.OK, resumed.code());
        assertEquals("[digest:" + BOB + ", ip:127.0.0.1]", f.service.sessions().get(a.sessionId()).identities().toString());
    }

    @Test
    void shouldReplaceAuthWithTheCallersDigestIdentities()
    {
        final Client a = f.connect(5000);
        f.addAuth(a, "digest", "bob:secret");
        f.service.sessions().get(a.sessionId()).identities().add("ip", "10.0.0.1");

        assertEquals(ResultCode.OK, f.create(a, "/app", "x", CreateMode.PERSISTENT).code());
        assertEquals(ResultCode.OK, f.setAcl(a, "/app", -1, List.of(new Acl(AclList.ALL, "auth", ""))).code());

        assertEquals(List.of(BOB_ALL), f.aclOf(a, "/app").acls());
    }

    @Test
    void shouldRefuseAuthAclFromACallerWithoutAuthenticatedIdentities()
    {
        final Client a = f.connect(5000);
        f.service.sessions().get(a.sessionId()).identities().add("ip", "10.0.0.1");
        f.create(a, "/app", "x", CreateMode.PERSISTENT);

        assertEquals(ResultCode.INVALID_ACL, f.setAcl(a, "/app", -1, List.of(new Acl(AclList.ALL, "auth", ""))).code());
    }

    @Test
    void shouldMaskDigestsInGetAclWithoutAdmin()
    {
        final Client a = f.connect(5000);
        f.create(a, "/app", "x", CreateMode.PERSISTENT);
        f.setAcl(a, "/app", -1, List.of(BOB_ALL, WORLD_READ));

        assertEquals(List.of(new Acl(AclList.ALL, "digest", "bob:x"), WORLD_READ), f.aclOf(a, "/app").acls());
        f.addAuth(a, "digest", "bob:secret");
        assertEquals(List.of(BOB_ALL, WORLD_READ), f.aclOf(a, "/app").acls());
    }

    @Test
    void shouldRefuseGetAclWithNeitherReadNorAdmin()
    {
        final Client a = f.connect(5000);
        f.create(a, "/app", "x", CreateMode.PERSISTENT);
        f.setAcl(a, "/app", -1, List.of(new Acl(AclList.WRITE, "world", "anyone")));

        assertEquals(ResultCode.NO_AUTH, f.aclOf(a, "/app").code());
    }

    @Test
    void shouldRefuseAMultiWhoseOneOpIsDeniedAndApplyNothing()
    {
        final Client a = f.connect(5000);
        f.create(a, "/open", "x", CreateMode.PERSISTENT);
        f.create(a, "/app", "x", CreateMode.PERSISTENT);
        f.setAcl(a, "/app", -1, List.of(WORLD_READ));
        final long digest = f.digest();

        final Replies.MultiReply reply = f.multi(a,
            Wire.Op.setData("/open", "y", -1),
            Wire.Op.setData("/app", "y", -1));

        assertEquals(ResultCode.NO_AUTH, reply.code());
        assertEquals(ResultCode.NO_AUTH, reply.results().get(1).code());
        assertEquals(digest, f.digest());
    }
}
