package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.acl.AuthSchemes;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Acl;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The operations behind the committed snapshot fixtures ({@code engine/src/test/resources/snapshots/}): a small
 * state with a znode of every kind, ACLs, a quota, several sessions (one with digest identities, one closed
 * connection) and watches of every kind. Applied to a fresh {@link ServiceFixture}, they give the state the fixture
 * holds, so a loaded fixture can be compared with it.
 * <p>
 * Do not change these: the fixtures were written from them (see the README beside the fixtures).
 */
final class SnapshotFixtureOps
{
    private SnapshotFixtureOps()
    {
    }

    static void apply(final ServiceFixture f)
    {
        final Client a = f.connect(5_000);
        final Client b = f.connect(8_000);
        final Client c = f.connect(2_000);
        ok(f.addAuth(b, "digest", "bob:secret").code());

        ok(f.create(a, "/app", "config", CreateMode.PERSISTENT).code());
        ok(f.create(a, "/app/eph", "e", CreateMode.EPHEMERAL).code());
        ok(f.create(a, "/app/seq-", "s", CreateMode.PERSISTENT_SEQUENTIAL).code());
        ok(f.create(a, "/app/seq-", "s", CreateMode.PERSISTENT_SEQUENTIAL).code());
        ok(f.create(b, "/app/eseq-", "", CreateMode.EPHEMERAL_SEQUENTIAL).code());
        ok(f.create(a, "/box", "", CreateMode.CONTAINER).code());
        ok(f.create(a, "/box/item", "i", CreateMode.PERSISTENT).code());
        ok(f.createTtl(a, "/ttl", CreateMode.PERSISTENT_WITH_TTL, 60_000).code());
        ok(f.createTtl(a, "/ttlseq-", CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 90_000).code());
        ok(f.create(a, "/nulldata", null, CreateMode.PERSISTENT).code());
        ok(f.create(b, "/locked", "secret", CreateMode.PERSISTENT).code());
        ok(f.setAcl(b, "/locked", -1, List.of(
            new Acl(AclList.ALL, "digest", AuthSchemes.generateDigest("bob:secret")),
            new Acl(AclList.READ, "world", "anyone"))).code());
        ok(f.setAcl(a, "/box", -1, List.of(new Acl(AclList.READ | AclList.CREATE | AclList.DELETE, "world", "anyone")))
            .code());
        ok(f.create(a, "/zookeeper/quota/app", "", CreateMode.PERSISTENT).code());
        ok(f.create(a, "/zookeeper/quota/app/zookeeper_limits", "count=100,bytes=-1", CreateMode.PERSISTENT).code());
        ok(f.create(a, "/zookeeper/quota/app/zookeeper_stats", "count=0,bytes=0", CreateMode.PERSISTENT).code());
        ok(f.setData(a, "/app", "config-2", -1).code());
        ok(f.setData(a, "/app", "config-3", 1).code());

        ok(Replies.addWatchReply(f.request(a.connection(),
            f.wire.addWatch(f.nextCorrelationId(), "/app", WatchMode.PERSISTENT))).code());
        ok(Replies.addWatchReply(f.request(a.connection(),
            f.wire.addWatch(f.nextCorrelationId(), "/", WatchMode.PERSISTENT_RECURSIVE))).code());
        ok(Replies.addWatchReply(f.request(b.connection(),
            f.wire.addWatch(f.nextCorrelationId(), "/box", WatchMode.PERSISTENT_RECURSIVE))).code());
        ok(Replies.dataReply(f.request(b.connection(), f.wire.getData(f.nextCorrelationId(), "/app", true))).code());
        ok(Replies.children(f.request(c.connection(),
            f.wire.getChildren(f.nextCorrelationId(), "/box", false, true))).code());
        assertEquals(ResultCode.NO_NODE, Replies.existsReply(f.request(c.connection(),
            f.wire.exists(f.nextCorrelationId(), "/later", true))).code());
        // An event is sent, so session a's event sequence is not zero in the snapshot.
        assertEquals(3, f.deliver(b.connection(), f.wire.setData(f.nextCorrelationId(), "/box/item", "i2", -1)).size(),
            "the answer and an event to each of a and b");
        // A connection that went away: its session lives on, unbound, until it times out.
        f.closeConnection(c.connection());
    }

    private static void ok(final ResultCode code)
    {
        assertEquals(ResultCode.OK, code);
    }
}
