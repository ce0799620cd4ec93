package io.aerie.bench.service;

import io.aerie.bench.BenchmarkMain;
import io.aerie.codecs.AddWatchRequestEncoder;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.ConnectRequestEncoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestEncoder;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.codecs.WatchMode;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.cluster.service.ClientSession;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The service's watch fan-out: a setData on a znode that {@code sessions} sessions watch, applied, its event
 * encoded once and offered to every watcher, and the write answered. Also the one-time watch's whole cycle
 * (getData leaving a watch, then the setData that fires it), which churns the registry. Run with
 * {@code -prof gc}: gc.alloc.rate.norm is the allocation per operation (the target is 0).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WatchFanOutApplyBenchmark
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    /** Sessions holding a persistent watch on the written znode. */
    @Param({ "1", "16", "256" })
    public int sessions;

    private final DirectCluster cluster = new DirectCluster();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final UnsafeBuffer setData = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer setOther = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer watchOther = new UnsafeBuffer(new byte[512]);
    private AerieClusteredService service;
    private int setDataLength;
    private int setOtherLength;
    private int watchOtherLength;
    private long correlationId = 100;

    /**
     * A service with {@code sessions} sessions, each with a persistent watch on /watched; /other is unwatched.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        service = new AerieClusteredService(new AerieClusteredService.Context()
            .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)));
        service.onStart(cluster, null);
        service.onNewLeadershipTermEvent(0, 0, 0, 0, 0, 0, TimeUnit.MILLISECONDS, 0);

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        connect(cluster, buffer);
        create(buffer, "/watched");
        create(buffer, "/other");
        for (int i = 0; i < sessions; i++)
        {
            final ClientSession session = 0 == i ? cluster : cluster.newClientSession(100 + i);
            if (0 != i)
            {
                connect(session, buffer);
            }
            final AddWatchRequestEncoder addWatch = new AddWatchRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
                .correlationId(++correlationId).mode(WatchMode.PERSISTENT);
            addWatch.path("/watched");
            deliver(session, buffer, HEADER + addWatch.encodedLength());
        }

        setDataLength = encodeSetData(setData, "/watched");
        setOtherLength = encodeSetData(setOther, "/other");
        final GetDataRequestEncoder get = new GetDataRequestEncoder().wrapAndApplyHeader(watchOther, 0, header)
            .correlationId(0).watch(BooleanType.TRUE);
        get.path("/other");
        watchOtherLength = HEADER + get.encodedLength();
    }

    /**
     * Release the tree.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        service.close();
    }

    /**
     * A setData of 100 bytes on the znode every session watches: apply, fan out, answer.
     *
     * @return the egress count, so the work is not eliminated.
     */
    @Benchmark
    public long setDataFanOut()
    {
        setData.putLong(HEADER, ++correlationId, ByteOrder.LITTLE_ENDIAN);
        deliver(cluster, setData, setDataLength);
        return cluster.egressMessages;
    }

    /**
     * A one-time watch's cycle: getData leaving a data watch on /other, then the setData that fires it.
     *
     * @return the egress count, so the work is not eliminated.
     */
    @Benchmark
    public long oneTimeWatchCycle()
    {
        watchOther.putLong(HEADER, ++correlationId, ByteOrder.LITTLE_ENDIAN);
        deliver(cluster, watchOther, watchOtherLength);
        setOther.putLong(HEADER, ++correlationId, ByteOrder.LITTLE_ENDIAN);
        deliver(cluster, setOther, setOtherLength);
        return cluster.egressMessages;
    }

    private int encodeSetData(final UnsafeBuffer buffer, final String path)
    {
        final SetDataRequestEncoder set = new SetDataRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(0).version(-1);
        set.path(path).putData(new byte[100], 0, 100);
        return HEADER + set.encodedLength();
    }

    private void connect(final ClientSession session, final UnsafeBuffer buffer)
    {
        final ConnectRequestEncoder connect = new ConnectRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(1).lastZxidSeen(0).sessionId(0).requestedTimeoutMs(600_000);
        connect.authCount(0);
        connect.putPassword(buffer, 0, 0);
        deliver(session, buffer, HEADER + connect.encodedLength());
    }

    private void create(final UnsafeBuffer buffer, final String path)
    {
        final CreateRequestEncoder create = new CreateRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(++correlationId).ttlMs(-1).mode(CreateMode.PERSISTENT);
        create.aclsCount(1).next().perms(31).scheme("world").id("anyone");
        create.path(path).putData(new byte[100], 0, 100);
        deliver(cluster, buffer, HEADER + create.encodedLength());
    }

    private void deliver(final ClientSession session, final UnsafeBuffer buffer, final int length)
    {
        cluster.timeMs++;
        service.onSessionMessage(session, cluster.timeMs, buffer, 0, length, null);
    }

    /**
     * @param args JMH options; by default this benchmark with -prof gc.
     * @throws Exception from JMH.
     */
    public static void main(final String[] args) throws Exception
    {
        BenchmarkMain.run(WatchFanOutApplyBenchmark.class, args);
    }
}
