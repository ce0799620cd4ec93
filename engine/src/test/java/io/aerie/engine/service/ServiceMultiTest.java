package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.Replies.MultiReply;
import io.aerie.engine.service.Replies.OpResult;
import io.aerie.engine.service.Replies.StatValue;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Op;
import io.aerie.engine.service.Wire.OpAcl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.engine.service.ServiceFixture.DIGEST;
import static io.aerie.engine.service.ServiceFixture.DIGEST_MASKED;
import static io.aerie.engine.service.ServiceFixture.START_MS;
import static io.aerie.engine.service.ServiceFixture.WORLD_READ;
import static io.aerie.engine.service.Wire.OPEN;
import static io.aerie.engine.service.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service tests of multi: one change with per-op results, rollback, op ACLs, bad ops, resent large multis.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress and drives the log clock and the timers. Each test checks one behaviour through
 * the wire only.
 */
class ServiceMultiTest
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

    @Test
    void shouldApplyMultiAsOneChangeWithPerOpResults()
    {
        final Client a = f.connect(5000);
        f.advanceTo(START_MS + 7);

        final MultiReply reply = f.multi(a,
            Op.create("/m", "m", CreateMode.PERSISTENT),
            Op.create("/m/c", "c", CreateMode.EPHEMERAL),
            Op.setData("/m", "m2", 0),
            Op.check("/m", 1),
            Op.create("/m/s-", "", CreateMode.PERSISTENT_SEQUENTIAL));

        assertEquals(ResultCode.OK, reply.code());
        assertEquals(f.lastCorrelationId(), reply.correlationId());
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
        assertEquals("m2", f.getData(a, "/m").data());
        assertEquals(List.of("c", "s-0000000001"), f.children(a, "/m", false).names());
    }

    @Test
    void shouldRollBackFailedMultiAndReportEachOp()
    {
        final Client a = f.connect(5000);
        f.create(a, "/keep", "k", CreateMode.PERSISTENT);
        final long digest = f.digest();

        final MultiReply reply = f.multi(a,
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
        assertEquals(ResultCode.NO_NODE, f.exists(a, "/x").code());
        assertEquals("k", f.getData(a, "/keep").data());
    }

    @Test
    void shouldFailMultiOnCheckWithStaleVersion()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "", CreateMode.PERSISTENT);

        final MultiReply reply = f.multi(a, Op.check("/a", 3), Op.create("/b", "", CreateMode.PERSISTENT));

        assertEquals(ResultCode.BAD_VERSION, reply.code());
        assertEquals(ResultCode.BAD_VERSION, reply.results().get(0).code());
        assertEquals(ResultCode.RUNTIME_INCONSISTENCY, reply.results().get(1).code());
        assertEquals(ResultCode.NO_NODE, f.exists(a, "/b").code());
    }

    @Test
    void shouldGiveMultiCreatesTheAclOfTheirOpAcls()
    {
        final Client a = f.connect(5000);

        final MultiReply reply = f.multi(a,
            Op.create("/open", "", CreateMode.PERSISTENT),
            Op.create("/guarded", "", CreateMode.PERSISTENT).withAcls(DIGEST, WORLD_READ));

        assertEquals(ResultCode.OK, reply.code());
        assertEquals(List.of(OPEN), f.aclOf(a, "/open").acls());
        assertEquals(List.of(DIGEST_MASKED, WORLD_READ), f.aclOf(a, "/guarded").acls());
    }

    @Test
    void shouldRefuseMultiCreateWithoutOpAcls()
    {
        final Client a = f.connect(5000);

        final MultiReply reply = f.multi(a,
            Op.create("/a", "", CreateMode.PERSISTENT),
            Op.create("/b", "", CreateMode.PERSISTENT).withAcls());

        assertEquals(ResultCode.INVALID_ACL, reply.code());
        assertEquals(ResultCode.OK, reply.results().get(0).code());
        assertEquals(ResultCode.INVALID_ACL, reply.results().get(1).code());
        assertEquals(0, f.lastZxid());
        assertEquals(ResultCode.NO_NODE, f.exists(a, "/a").code());
    }

    @Test
    void shouldRefuseMultiWithOpAclIndexOutOfRange()
    {
        final Client a = f.connect(5000);
        final long digest = f.digest();

        final MultiReply reply = Replies.multiReply(f.request(a.connection(), f.wire.multi(f.nextCorrelationId(),
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

        final MultiReply reply = Replies.multiReply(f.request(a.connection(), f.wire.multi(f.nextCorrelationId(),
            List.of(Op.create("/a", "", CreateMode.PERSISTENT),
                new Op(OpType.NULL_VAL, utf8("/b"), new byte[0], -1, CreateMode.PERSISTENT, -1, List.of())),
            List.of(new OpAcl(0, OPEN)))));

        assertEquals(ResultCode.BAD_ARGUMENTS, reply.code());
        assertEquals(0, f.lastZxid());
        assertEquals(ResultCode.NO_NODE, f.exists(a, "/a").code());
    }

    @Test
    void shouldApplyEmptyMulti()
    {
        final Client a = f.connect(5000);

        final MultiReply reply = f.multi(a);

        assertEquals(ResultCode.OK, reply.code());
        assertEquals(List.of(), reply.results());
    }

    @Test
    void shouldReportFirstUndecodableOpOfMulti()
    {
        final Client a = f.connect(5000);

        final MultiReply reply = Replies.multiReply(f.request(a.connection(), f.wire.multi(f.nextCorrelationId(),
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
        f.create(a, "/big", "", CreateMode.PERSISTENT);
        final Op[] ops = new Op[300];
        for (int i = 0; i < ops.length; i++)
        {
            ops[i] = Op.create("/big/n-", "", CreateMode.PERSISTENT_SEQUENTIAL);
        }
        final byte[] request = f.wire.multi(1000, ops);
        final byte[] first = f.request(a.connection(), request);

        final byte[] second = f.request(a.connection(), request);

        assertTrue(first.length > 4096, "larger than the initial egress and remembered-write buffers");
        assertEquals(ResultCode.OK, Replies.multiReply(first).code());
        assertArrayEquals(first, second);
        assertEquals(300, f.count(a, "/big").total());
    }
}
