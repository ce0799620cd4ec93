package io.aerie.client;

import io.aerie.codecs.BooleanType;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateResponseEncoder;
import io.aerie.codecs.DeleteRequestDecoder;
import io.aerie.codecs.EventType;
import io.aerie.codecs.GetChildrenRequestDecoder;
import io.aerie.codecs.GetDataRequestDecoder;
import io.aerie.codecs.GetEphemeralsRequestDecoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.MultiRequestDecoder;
import io.aerie.codecs.MultiResponseEncoder;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SyncResponseEncoder;
import io.aerie.codecs.WatchEventEncoder;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aeron.cluster.client.EgressListener;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the client puts on the wire and reads from it for the ZooKeeper-fidelity API: getChildren's includeStat,
 * create2's stat, multi's per-op results, and the chroot on paths sent and received (without a cluster).
 */
class ClientWireFidelityTest
{
    private static final Chroot APP = Chroot.of("/app");
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final Response response = new Response();

    @Test
    void shouldSendTheIncludeStatFlagOfGetChildren()
    {
        final RequestEncoder encoder = new RequestEncoder();
        final GetChildrenRequestDecoder request = new GetChildrenRequestDecoder();

        encoder.getChildren(1, "/a", false, false);
        assertEquals(BooleanType.FALSE, request.wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header).includeStat());

        encoder.getChildren(2, "/a", true, true);
        request.wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header);
        assertEquals(BooleanType.TRUE, request.includeStat());
        assertEquals(BooleanType.TRUE, request.watch());
    }

    @Test
    void shouldPrefixTheChrootToPathsSentIncludingMultiOps()
    {
        final RequestEncoder encoder = new RequestEncoder(APP);

        encoder.getData(1, "/x", false);
        assertEquals("/app/x", new GetDataRequestDecoder().wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header).path());

        encoder.getChildren(2, "/", false, false);
        assertEquals("/app", new GetChildrenRequestDecoder().wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header).path());

        final UnsafeBuffer none = new UnsafeBuffer(new byte[0]);
        encoder.multi(3, new MultiOps()
            .create("/m", none, 0, 0, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1)
            .delete("/d", -1));
        final List<String> paths = new ArrayList<>();
        for (final MultiRequestDecoder.OpsDecoder op : new MultiRequestDecoder().wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header).ops())
        {
            paths.add(op.path());
            op.skipData();
        }
        assertEquals(List.of("/app/m", "/app/d"), paths);
    }

    @Test
    void shouldSendTheDeleteOfTheRootUnchrootedAsZooKeeper()
    {
        final RequestEncoder encoder = new RequestEncoder(APP);

        encoder.delete(1, "/", -1);
        assertEquals("/", new DeleteRequestDecoder().wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header).path());

        encoder.delete(2, "/x", -1);
        assertEquals("/app/x", new DeleteRequestDecoder().wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header).path());
    }

    @Test
    void shouldSendTheEphemeralsPrefixUnchrootedAsZooKeeper()
    {
        final RequestEncoder encoder = new RequestEncoder(APP);

        encoder.getEphemerals(1, "/app/e");

        assertEquals("/app/e", new GetEphemeralsRequestDecoder().wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header).prefixPath());
    }

    @Test
    void shouldReadTheCreatedPathStrippedOfTheChrootAndTheNewNodesStat()
    {
        final CreateResponseEncoder create = new CreateResponseEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(4).code(ResultCode.OK).zxid(9);
        create.stat().czxid(9).mzxid(9).pzxid(9).version(0).cversion(0).dataLength(2);
        create.path("/app/s-0000000003");

        new ResponseDecoder(APP).decode(buffer, 0, response);

        assertEquals("/s-0000000003", response.path().toString());
        assertEquals(9, response.stat().czxid());
        assertEquals(2, response.stat().dataLength());
    }

    @Test
    void shouldReadTheChrootItselfAsRoot()
    {
        new SyncResponseEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(5).code(ResultCode.OK).zxid(9).path("/app");

        new ResponseDecoder(APP).decode(buffer, 0, response);

        assertEquals("/", response.path().toString());
    }

    @Test
    void shouldReadEveryOpResultOfAMultiWithItsCreatedPathUnstrippedAsZooKeeper()
    {
        final MultiResponseEncoder multi = new MultiResponseEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(6).code(ResultCode.OK).zxid(12);
        final MultiResponseEncoder.ResultsEncoder results = multi.resultsCount(3);
        results.next().opType(OpType.CREATE).code(ResultCode.OK).stat().czxid(12).mzxid(12).pzxid(12);
        results.path("/app/c");
        results.next().opType(OpType.SET_DATA).code(ResultCode.OK).stat().czxid(3).mzxid(12).pzxid(3).version(4);
        results.path("");
        results.next().opType(OpType.CHECK).code(ResultCode.OK);
        results.path("");

        new ResponseDecoder(APP).decode(buffer, 0, response);

        assertEquals(3, response.multiCount());
        assertEquals(OpType.CREATE, response.multiOpType(0));
        assertEquals(OpType.SET_DATA, response.multiOpType(1));
        assertEquals(OpType.CHECK, response.multiOpType(2));
        assertEquals(12, response.multiStat(0).czxid());
        assertEquals(4, response.multiStat(1).version());
        assertEquals(0, response.multiStat(2).czxid());
        assertEquals(List.of("/app/c", "", ""), response.names().toList());
    }

    @Test
    void shouldTellWatchersPathsRelativeToTheChroot()
    {
        final List<String> log = new ArrayList<>();
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints("0=localhost:1/app")
            .aeronDirectoryName("/nonexistent/aerie-client-test");
        final ClientConductor conductor = new ClientConductor(clientCtx
            .conclude(), new RequestEncoder());
        final EgressListener egress = conductor.egressListener();
        final Watcher data = event -> log.add("data " + event.type() + " " + event.path());
        final Watcher recursive = event -> log.add("recursive " + event.type() + " " + event.path());
        conductor.watches().add(PathWatches.DATA, "/", data);
        conductor.watches().add(PathWatches.RECURSIVE, "/", recursive);

        event(egress, 1, EventType.NODE_DATA_CHANGED, "/app");
        event(egress, 2, EventType.NODE_CREATED, "/app/k/l");

        assertEquals(List.of("data NODE_DATA_CHANGED /", "recursive NODE_DATA_CHANGED /", "recursive NODE_CREATED /k/l"), log);
    }

    @Test
    void shouldRegisterAndRemoveWatchesUnderTheChroot()
    {
        final List<String> log = new ArrayList<>();
        final ClientWatches watches = new ClientWatches((state, sessionId) -> {}, null, APP);
        final Watcher watcher = event -> log.add(event.type() + " " + event.path());
        watches.expect(1, PathWatches.DATA, false, new StringBuilder("/x"), watcher);
        watches.onAnswer(1, ResultCode.OK, 5);
        final byte[] serverPath = "/app/x".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        watches.expectRemoval(2, "/x", io.aerie.codecs.WatcherType.DATA, false);
        watches.onAnswer(2, ResultCode.OK, 6);
        watches.dispatch(EventType.NODE_DATA_CHANGED, 7, new UnsafeBuffer(serverPath), 0, serverPath.length);

        assertEquals(List.of("DATA_WATCH_REMOVED /x"), log, "the watch sat on the cluster's path, the watcher sees /x");
        assertEquals(0, watches.pathCount());
    }

    @Test
    void shouldNotAllocateWhenPrefixingAndStrippingTheChroot()
    {
        final RequestEncoder encoder = new RequestEncoder(APP);
        final ResponseDecoder decoder = new ResponseDecoder(APP);
        final StringBuilder path = new StringBuilder("/x/y");
        final CreateResponseEncoder create = new CreateResponseEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(4).code(ResultCode.OK).zxid(9);
        create.path("/app/x/y");
        final ClientWatches watches = new ClientWatches((state, sessionId) -> {}, null, APP);
        final long[] told = new long[1];
        watches.add(PathWatches.PERSISTENT, "/x/y", event -> told[0] += event.pathLength());
        watches.add(PathWatches.RECURSIVE, "/", event -> told[0] += event.pathLength());
        final UnsafeBuffer eventPath = new UnsafeBuffer("/app/x/y".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        final Runnable round = () ->
        {
            encoder.getData(1, path, true);
            encoder.getChildren(2, "/", false, true);
            decoder.decode(buffer, 0, response);
            watches.dispatch(EventType.NODE_DATA_CHANGED, 9, eventPath, 0, eventPath.capacity());
        };
        allocatedBy(round, 30_000);

        // Any allocation per round would show in every window (at least 16 bytes x 1,000); the JVM allocates a few
        // bytes now and then (deoptimisation, recompilation), and on a loaded machine its compiler threads finish
        // late, so those land in window after window (56 bytes in each of five windows of 10,000 rounds at load 10+):
        // one clean window, of up to 200, is the proof.
        long fewest = Long.MAX_VALUE;
        for (int window = 0; window < 200 && fewest > 0; window++)
        {
            fewest = Math.min(fewest, allocatedBy(round, 1_000));
        }

        assertEquals(0, fewest, "bytes allocated by 1,000 rounds of chrooted encode and decode");
        assertEquals("/x/y", response.path().toString());
        told[0] = 0;
        round.run();
        assertEquals(8, told[0], "both watchers told the chroot-relative path, 4 bytes");
    }

    private static long allocatedBy(final Runnable round, final int rounds)
    {
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++)
        {
            round.run();
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    private void event(final EgressListener egress, final long sequence, final EventType type, final String path)
    {
        final int length = new WatchEventEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .zxid(sequence + 10).sequence(sequence).eventType(type).path(path).encodedLength();
        egress.onMessage(1, 0, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + length, null);
    }
}
