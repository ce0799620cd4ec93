package io.aerie.bench.service;

import io.aerie.bench.BenchmarkMain;
import io.aerie.codecs.ConnectRequestEncoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestEncoder;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.codecs.BooleanType;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTree;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The service's apply path for one request: decode, apply to the off-heap tree, encode the answer, offer
 * it. Run with {@code -prof gc}: gc.alloc.rate.norm is the allocation per request (the target is 0).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ServiceApplyBenchmark
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final DirectCluster cluster = new DirectCluster();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final UnsafeBuffer setData = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer getData = new UnsafeBuffer(new byte[512]);
    private AerieClusteredService service;
    private int setDataLength;
    private int getDataLength;
    private long correlationId = 10;

    /**
     * A service with one session and one node to work on.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        service = new AerieClusteredService(new AerieClusteredService.Context()
            .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)));
        service.onStart(cluster, null);
        service.onNewLeadershipTermEvent(0, 0, 0, 0, 0, 0, TimeUnit.MILLISECONDS, 0);

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final ConnectRequestEncoder connect = new ConnectRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(1).lastZxidSeen(0).sessionId(0).requestedTimeoutMs(600_000);
        connect.authCount(0);
        connect.putPassword(buffer, 0, 0);
        deliver(buffer, HEADER + connect.encodedLength());

        final CreateRequestEncoder create = new CreateRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(2).ttlMs(-1).mode(CreateMode.PERSISTENT);
        create.aclsCount(1).next().perms(31).scheme("world").id("anyone");
        create.path("/bench").putData(new byte[100], 0, 100);
        deliver(buffer, HEADER + create.encodedLength());

        final SetDataRequestEncoder set = new SetDataRequestEncoder().wrapAndApplyHeader(setData, 0, header)
            .correlationId(0).version(-1);
        set.path("/bench").putData(new byte[100], 0, 100);
        setDataLength = HEADER + set.encodedLength();

        final GetDataRequestEncoder get = new GetDataRequestEncoder().wrapAndApplyHeader(getData, 0, header)
            .correlationId(0).watch(BooleanType.FALSE);
        get.path("/bench");
        getDataLength = HEADER + get.encodedLength();
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
     * Apply a setData of 100 bytes and answer it.
     *
     * @return the egress count, so the work is not eliminated.
     */
    @Benchmark
    public long setData()
    {
        // Every write needs a fresh correlation id, or the service answers it as a resend.
        setData.putLong(HEADER, ++correlationId, ByteOrder.LITTLE_ENDIAN);
        deliver(setData, setDataLength);
        return cluster.egressMessages;
    }

    /**
     * Answer a getData of 100 bytes.
     *
     * @return the egress count, so the work is not eliminated.
     */
    @Benchmark
    public long getData()
    {
        getData.putLong(HEADER, ++correlationId, ByteOrder.LITTLE_ENDIAN);
        deliver(getData, getDataLength);
        return cluster.egressMessages;
    }

    private void deliver(final UnsafeBuffer buffer, final int length)
    {
        cluster.timeMs++;
        service.onSessionMessage(cluster, cluster.timeMs, buffer, 0, length, null);
    }

    /**
     * @param args JMH options; by default this benchmark with -prof gc.
     * @throws Exception from JMH.
     */
    public static void main(final String[] args) throws Exception
    {
        BenchmarkMain.run(ServiceApplyBenchmark.class, args);
    }
}
