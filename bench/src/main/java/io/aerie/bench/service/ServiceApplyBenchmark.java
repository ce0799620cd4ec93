package io.aerie.bench.service;

import io.aerie.bench.BenchmarkMain;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.codecs.BooleanType;
import io.aerie.engine.acl.AuthSchemes;
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
 * The service's apply path for one request: decode, apply to the off-heap tree, encode the answer, offer
 * it. Run with {@code -prof gc}: gc.alloc.rate.norm is the allocation per request (the target is 0).
 * <p>
 * {@code acl}: {@code open} works on a znode open to all ({@code world:anyone}); {@code digest} on one whose ACL is
 * {@code digest:alice:... r, digest:bob:... cdrwa} with the session holding bob's digest, so each request pays the
 * check of a digest ACL (the matching entry second): the difference is the cost of ACL checking.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ServiceApplyBenchmark
{
    private static final int HEADER = DirectService.HEADER;

    /** The znode's ACL: open, or digest entries the session's identity matches. */
    @Param({ "open", "digest" })
    public String acl;

    private final UnsafeBuffer setData = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer getData = new UnsafeBuffer(new byte[512]);
    private DirectService service;
    private ClientSession session;
    private int setDataLength;
    private int getDataLength;
    private long correlationId;

    /**
     * A service with one session and one node to work on.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        service = new DirectService();
        session = service.connect(1);
        service.create(session, "/bench", 100);
        if ("digest".equals(acl))
        {
            service.addAuth(session, "digest", "bob:secret");
            service.setAcl(session, "/bench",
                1, "digest", AuthSchemes.generateDigest("alice:other"),
                31, "digest", AuthSchemes.generateDigest("bob:secret"));
        }

        final SetDataRequestEncoder set = new SetDataRequestEncoder()
            .wrapAndApplyHeader(setData, DirectService.REQUEST_OFFSET, service.header())
            .correlationId(0).version(-1).dataIsNull(BooleanType.FALSE);
        set.path("/bench").putData(new byte[100], 0, 100);
        setDataLength = HEADER + set.encodedLength();

        final GetDataRequestEncoder get = new GetDataRequestEncoder()
            .wrapAndApplyHeader(getData, DirectService.REQUEST_OFFSET, service.header())
            .correlationId(0).watch(BooleanType.FALSE);
        get.path("/bench");
        getDataLength = HEADER + get.encodedLength();
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
     * Apply a setData of 100 bytes and answer it.
     *
     * @return the egress count, so the work is not eliminated.
     */
    @Benchmark
    public long setData()
    {
        // Every write needs a fresh correlation id, or the service answers it as a resend.
        setData.putLong(HEADER, ++correlationId, ByteOrder.LITTLE_ENDIAN);
        service.deliver(session, setData, setDataLength);
        return service.egressMessages();
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
        service.deliver(session, getData, getDataLength);
        return service.egressMessages();
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
