package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.ReadHeaderEncoder;
import io.aerie.codecs.ReadOpenRequestEncoder;
import io.aerie.codecs.ReadOpenResponseDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.Replies.DataReply;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Acl;
import io.aerie.codecs.model.AclList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's read path beside the log ({@link LocalReadServer}): reads answered from the node's own state as the
 * session that sent them, held until the node applied the client's last seen zxid, bound to the connection's token,
 * and never changing anything.
 */
class ServiceLocalReadTest
{
    private static final int MAX_HELD = 4;
    private static final long HOLD_TIMEOUT_MS = 1000;
    private static final String CHANNEL = "aeron:udp?endpoint=127.0.0.1:13010";

    private final StubReadReplies replies = new StubReadReplies();
    private final ServiceFixture f = new ServiceFixture(fixtureContext());
    private final LocalReadServer server = f.service.localReadServer();
    private long nowNs = 1_000_000_000L;

    private AerieClusteredService.Context fixtureContext()
    {
        final AerieClusteredService.Context ctx = ServiceFixture.context();
        ctx.localReads().maxHeld(MAX_HELD).holdTimeoutMs(HOLD_TIMEOUT_MS).replies(replies);
        return ctx;
    }

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldAnswerOpenOnTheDeclaredChannelOnceConnected()
    {
        final Client c = f.connect(5000);
        final StubReadReplies.StubChannel channel = open(c, c.connection().token());
        assertEquals(CHANNEL, channel.channel);
        assertEquals(1, channel.messages.size());
        final ReadOpenResponseDecoder decoder = new ReadOpenResponseDecoder()
            .wrapAndApplyHeader(new UnsafeBuffer(channel.messages.get(0)), 0, new MessageHeaderDecoder());
        assertEquals(77, decoder.correlationId());
        assertEquals(ResultCode.OK, decoder.code());
        assertEquals(f.lastZxid(), decoder.zxid());
    }

    @Test
    void shouldAnswerGetDataFromTheNodesOwnStateWithItsZxid()
    {
        final Client c = f.connect(5000);
        f.create(c, "/a", "hello", CreateMode.PERSISTENT);
        final StubReadReplies.StubChannel channel = open(c, c.connection().token());

        final List<byte[]> answers = read(c, channel, f.lastZxid(), f.wire.getData(9, "/a"));

        assertEquals(1, answers.size());
        final DataReply reply = Replies.dataReply(answers.get(0));
        assertEquals(9, reply.correlationId());
        assertEquals(ResultCode.OK, reply.code());
        assertEquals("hello", reply.data());
        assertEquals(f.lastZxid(), reply.zxid());
        assertEquals(1, server.counters().served.get());
    }

    @Test
    void shouldHoldReadUntilTheNodeHasAppliedTheClientsLastSeenZxid()
    {
        final Client writer = f.connect(5000);
        final Client reader = f.connect(5000);
        f.create(writer, "/a", "one", CreateMode.PERSISTENT);
        final StubReadReplies.StubChannel channel = open(reader, reader.connection().token());

        final long seen = f.lastZxid() + 1; // The client saw a write this node has not applied yet.
        assertEquals(List.of(), read(reader, channel, seen, f.wire.getData(9, "/a")));
        assertEquals(1, server.heldCount());

        f.setData(writer, "/a", "two", -1);
        final int before = channel.messages.size();
        server.poll(nowNs);

        final DataReply reply = Replies.dataReply(channel.messages.get(before));
        assertEquals("two", reply.data(), "answered with the state it waited for, not the stale one");
        assertEquals(seen, reply.zxid());
        assertEquals(0, server.heldCount());
        assertEquals(1, server.counters().held.get());
    }

    @Test
    void shouldAnswerRequestTimeoutWhenTheNodeDoesNotCatchUpInTime()
    {
        final Client c = f.connect(5000);
        final StubReadReplies.StubChannel channel = open(c, c.connection().token());
        read(c, channel, f.lastZxid() + 5, f.wire.getData(9, "/"));

        final int before = channel.messages.size();
        nowNs += TimeUnit.MILLISECONDS.toNanos(HOLD_TIMEOUT_MS);
        server.poll(nowNs);

        assertEquals(ResultCode.REQUEST_TIMEOUT, Replies.error(channel.messages.get(before)).code());
        assertEquals(0, server.heldCount());
        assertEquals(1, server.counters().timedOut.get());
    }

    @Test
    void shouldRefuseThrottledWhenTheNodeHoldsItsMostReads()
    {
        final Client c = f.connect(5000);
        final StubReadReplies.StubChannel channel = open(c, c.connection().token());
        for (int i = 0; i < MAX_HELD; i++)
        {
            assertEquals(List.of(), read(c, channel, f.lastZxid() + 1, f.wire.getData(10 + i, "/")));
        }

        final List<byte[]> answers = read(c, channel, f.lastZxid() + 1, f.wire.getData(99, "/"));

        assertEquals(ResultCode.THROTTLED, Replies.error(answers.get(0)).code());
        assertEquals(99, Replies.error(answers.get(0)).correlationId());
        assertEquals(MAX_HELD, server.heldCount());
    }

    @Test
    void shouldCheckTheAclOfALocalReadAsTheSession()
    {
        final Client owner = f.connect(5000);
        final Client stranger = f.connect(5000);
        f.addAuth(owner, "digest", "alice:secret");
        f.request(owner.connection(), f.wire.create(f.nextCorrelationId(), Wire.utf8("/secret"), Wire.utf8("s"),
            CreateMode.PERSISTENT, -1, List.of(new Acl(AclList.ALL, "auth", ""))));
        final StubReadReplies.StubChannel ownerChannel = open(owner, owner.connection().token());
        final StubReadReplies.StubChannel strangerChannel = open(stranger, stranger.connection().token());

        final DataReply allowed = Replies.dataReply(read(owner, ownerChannel, 0, f.wire.getData(1, "/secret")).get(0));
        final List<byte[]> denied = read(stranger, strangerChannel, 0, f.wire.getData(2, "/secret"));

        assertEquals(ResultCode.OK, allowed.code());
        assertEquals(ResultCode.NO_AUTH, Replies.dataReply(denied.get(0)).code());
    }

    @Test
    void shouldRefuseUnansweredAReadCarryingAnotherToken()
    {
        final Client c = f.connect(5000);
        final StubReadReplies.StubChannel channel = open(c, c.connection().token());

        final List<byte[]> answers = readWithToken(c, channel, c.connection().token() + 1, f.wire.getData(9, "/"));

        assertEquals(List.of(), answers);
        assertEquals(1, server.counters().forged.get());
    }

    @Test
    void shouldRefuseAnOpenWithAnotherToken()
    {
        final Client c = f.connect(5000);
        server.onMessage(new UnsafeBuffer(openMessage(c, c.connection().token() + 1, CHANNEL)), 0, openLength);
        server.poll(nowNs);

        assertTrue(replies.opened.isEmpty(), "no channel opened to whoever sent it");
        assertEquals(1, server.counters().forged.get());
    }

    @Test
    void shouldRefuseAnOpenAimingAnswersAtAnotherHost()
    {
        final Client c = f.connect(5000);
        final byte[] open = openMessage(c, c.connection().token(), "aeron:udp?endpoint=10.9.8.7:13011");
        server.onMessage(new UnsafeBuffer(open), 0, openLength);

        assertTrue(replies.opened.isEmpty());
        assertEquals(1, server.counters().forged.get());
    }

    @Test
    void shouldRefuseAReadThatWouldLeaveAWatch()
    {
        final Client c = f.connect(5000);
        final StubReadReplies.StubChannel channel = open(c, c.connection().token());

        final List<byte[]> answers = read(c, channel, 0, f.wire.getData(9, "/", true));

        assertEquals(ResultCode.BAD_ARGUMENTS, Replies.error(answers.get(0)).code());
        assertEquals(0, f.service.watches().watchCount());
    }

    @Test
    void shouldChangeNothingWhenAnsweringReads()
    {
        final Client c = f.connect(5000);
        f.create(c, "/a", "x", CreateMode.PERSISTENT);
        final StubReadReplies.StubChannel channel = open(c, c.connection().token());
        final long digest = f.digest();
        final long zxid = f.lastZxid();

        read(c, channel, 0, f.wire.getData(1, "/a"));
        read(c, channel, 0, f.wire.getChildren(2, "/", true));
        read(c, channel, 0, f.wire.exists(3, "/missing"));
        read(c, channel, 0, f.wire.getAcl(4, "/a"));
        read(c, channel, 0, f.wire.getAllChildrenNumber(5, "/"));
        read(c, channel, 0, f.wire.getEphemerals(6, "/"));

        assertEquals(digest, f.digest());
        assertEquals(zxid, f.lastZxid());
        assertEquals(6, server.counters().served.get());
    }

    @Test
    void shouldRefuseWritesOnTheReadChannel()
    {
        final Client c = f.connect(5000);
        final StubReadReplies.StubChannel channel = open(c, c.connection().token());

        final List<byte[]> answers = read(c, channel, 0, f.wire.create(9, "/x", "d", CreateMode.PERSISTENT));

        assertEquals(ResultCode.UNIMPLEMENTED, Replies.error(answers.get(0)).code());
        assertEquals(ResultCode.NO_NODE, f.service.tree().exists("/x", new io.aerie.codecs.model.Stat()));
    }

    @Test
    void shouldCloseTheReadConnectionWhenItsClusterSessionCloses()
    {
        final Client c = f.connect(5000);
        final StubReadReplies.StubChannel channel = open(c, c.connection().token());

        f.closeConnection(c.connection());

        assertTrue(channel.closed);
        assertEquals(List.of(), read(c, channel, 0, f.wire.getData(9, "/")));
    }

    private int openLength;

    private byte[] openMessage(final Client c, final long token, final String responseChannel)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final ReadOpenRequestEncoder encoder = new ReadOpenRequestEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .correlationId(77)
            .clusterSessionId(c.connection().id())
            .token(token)
            .responseStreamId(1301)
            .responseChannel(responseChannel);
        openLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        return buffer.byteArray();
    }

    private StubReadReplies.StubChannel open(final Client c, final long token)
    {
        server.onMessage(new UnsafeBuffer(openMessage(c, token, CHANNEL)), 0, openLength);
        server.poll(nowNs);
        return replies.last();
    }

    private List<byte[]> read(
        final Client c, final StubReadReplies.StubChannel channel, final long lastZxidSeen, final byte[] request)
    {
        return readWithToken(c, channel, c.connection().token(), request, lastZxidSeen);
    }

    private List<byte[]> readWithToken(
        final Client c, final StubReadReplies.StubChannel channel, final long token, final byte[] request)
    {
        return readWithToken(c, channel, token, request, 0);
    }

    private List<byte[]> readWithToken(
        final Client c,
        final StubReadReplies.StubChannel channel,
        final long token,
        final byte[] request,
        final long lastZxidSeen)
    {
        final int headerLength = MessageHeaderEncoder.ENCODED_LENGTH + ReadHeaderEncoder.BLOCK_LENGTH;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 + headerLength + request.length]);
        new ReadHeaderEncoder().wrapAndApplyHeader(buffer, 32, new MessageHeaderEncoder())
            .clusterSessionId(c.connection().id())
            .token(token)
            .lastZxidSeen(lastZxidSeen);
        buffer.putBytes(32 + headerLength, request);
        final int before = channel.messages.size();
        server.onMessage(buffer, 32, headerLength + request.length);
        return List.copyOf(channel.messages.subList(before, channel.messages.size()));
    }
}
