package io.aerie.bench.service;

import io.aerie.bench.BenchmarkMain;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.SetDataRequestEncoder;
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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What quotas cost on the service's apply path: a setData of 100 bytes on {@code /q/bench} with no quota anywhere
 * ({@code none}), under a quota on {@code /q} whose stats the tree keeps but whose hard limits are not enforced
 * ({@code counted}), and with {@code aerie.quota.enforce} on ({@code enforced}: the hard-limit check before the
 * change). Run with {@code -prof gc}: gc.alloc.rate.norm must stay 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class QuotaApplyBenchmark
{
    private static final int HEADER = DirectService.HEADER;

    /** Whether {@code /q} has a quota, and whether its hard limits are enforced. */
    @Param({ "none", "counted", "enforced" })
    public String quota;

    private final UnsafeBuffer setData = new UnsafeBuffer(new byte[512]);
    private DirectService service;
    private ClientSession session;
    private int setDataLength;
    private long correlationId;

    /**
     * A service with one session, {@code /q/bench} and, unless {@code none}, a quota on {@code /q} set as zkCli's
     * setquota sets it (hard limits far above what the benchmark reaches).
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        service = new DirectService(new ZnodeTreeContext().quotaEnforced("enforced".equals(quota)));
        session = service.connect(1);
        service.create(session, "/q", 0);
        service.create(session, "/q/bench", 100);
        if (!"none".equals(quota))
        {
            service.create(session, "/zookeeper/quota/q", 0);
            service.create(session, "/zookeeper/quota/q/zookeeper_limits",
                utf8("count=-1,bytes=-1;countHardLimit=1000;byteHardLimit=100000000"));
            service.create(session, "/zookeeper/quota/q/zookeeper_stats", utf8("count=0,bytes=0"));
        }

        final SetDataRequestEncoder set = new SetDataRequestEncoder()
            .wrapAndApplyHeader(setData, DirectService.REQUEST_OFFSET, service.header())
            .correlationId(0).version(-1).dataIsNull(BooleanType.FALSE);
        set.path("/q/bench").putData(new byte[100], 0, 100);
        setDataLength = HEADER + set.encodedLength();
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
        setData.putLong(HEADER, ++correlationId, ByteOrder.LITTLE_ENDIAN);
        service.deliver(session, setData, setDataLength);
        return service.egressMessages();
    }

    /**
     * @param args JMH options; by default this benchmark with -prof gc.
     * @throws Exception from JMH.
     */
    public static void main(final String[] args) throws Exception
    {
        BenchmarkMain.run(QuotaApplyBenchmark.class, args);
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
