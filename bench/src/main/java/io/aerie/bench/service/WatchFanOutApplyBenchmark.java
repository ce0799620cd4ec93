package io.aerie.bench.service;

import io.aerie.bench.BenchmarkMain;
import io.aerie.codecs.AddWatchRequestEncoder;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.codecs.WatchMode;
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
    private static final int HEADER = DirectService.HEADER;

    /** Sessions holding a persistent watch on the written znode. */
    @Param({ "1", "16", "256" })
    public int sessions;

    private final UnsafeBuffer setData = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer setOther = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer watchOther = new UnsafeBuffer(new byte[512]);
    private DirectService service;
    private ClientSession writer;
    private int setDataLength;
    private int setOtherLength;
    private int watchOtherLength;
    private long correlationId;

    /**
     * A service with {@code sessions} sessions, each with a persistent watch on /watched; /other is unwatched.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        service = new DirectService();
        writer = service.connect(1);
        service.create(writer, "/watched", 100);
        service.create(writer, "/other", 100);
        for (int i = 0; i < sessions; i++)
        {
            final ClientSession session = 0 == i ? writer : service.connect(100 + i);
            final AddWatchRequestEncoder addWatch = new AddWatchRequestEncoder()
                .wrapAndApplyHeader(service.setupBuffer(), DirectService.REQUEST_OFFSET, service.header())
                .correlationId(service.nextSetupCorrelationId())
                .mode(WatchMode.PERSISTENT);
            addWatch.path("/watched");
            service.deliver(session, service.setupBuffer(), HEADER + addWatch.encodedLength());
        }

        setDataLength = encodeSetData(setData, "/watched");
        setOtherLength = encodeSetData(setOther, "/other");
        final GetDataRequestEncoder get = new GetDataRequestEncoder()
            .wrapAndApplyHeader(watchOther, DirectService.REQUEST_OFFSET, service.header())
            .correlationId(0).watch(BooleanType.TRUE);
        get.path("/other");
        watchOtherLength = HEADER + get.encodedLength();
        correlationId = service.nextSetupCorrelationId();
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
        service.deliver(writer, setData, setDataLength);
        return service.egressMessages();
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
        service.deliver(writer, watchOther, watchOtherLength);
        setOther.putLong(HEADER, ++correlationId, ByteOrder.LITTLE_ENDIAN);
        service.deliver(writer, setOther, setOtherLength);
        return service.egressMessages();
    }

    private int encodeSetData(final UnsafeBuffer buffer, final String path)
    {
        final SetDataRequestEncoder set = new SetDataRequestEncoder()
            .wrapAndApplyHeader(buffer, DirectService.REQUEST_OFFSET, service.header())
            .correlationId(0).version(-1).dataIsNull(BooleanType.FALSE);
        set.path(path).putData(new byte[100], 0, 100);
        return HEADER + set.encodedLength();
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
