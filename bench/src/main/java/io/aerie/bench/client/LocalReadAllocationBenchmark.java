package io.aerie.bench.client;

import io.aerie.client.AerieClient;
import io.aerie.client.ReadMode;
import io.aerie.client.Reads;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.node.NodeCounters;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Allocation of one getData of 100 bytes, end to end (issue 15: 0 B/op on client and node), a one-node cluster and an
 * invoker-mode client in the fork's JVM, one read in flight: asked through {@code client.reads(mode)} (the per-call
 * view), polled by the benchmark thread until answered. {@code LOCAL} is answered by the node's read channel
 * ({@code LocalReadServer} on the service thread, between log fragments), {@code LINEARIZABLE} through the log.
 * <p>
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} counts the bytes every thread of the JVM allocated (client,
 * driver, archive, consensus module, service) per read. Each iteration also prints the split by thread: the
 * benchmark thread (the client: send, poll, answer) and the {@code clustered-service} thread (the node's read path),
 * per read. The node does not fsync (durability {@code none}, as the tests): a LINEARIZABLE read is a log entry, and
 * with fsync its time would be the disk's. The timing is the closed-loop round trip on this machine's loaded cores: read it as context, not a
 * latency figure (the suite and {@link LocalReadBench} measure latency).
 * <p>
 * {@code bench/bin/jmh LocalReadAllocationBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Daerie.node.durability=none")
@State(Scope.Benchmark)
public class LocalReadAllocationBenchmark
{
    private static final int PORT_BASE = 1100;
    private static final String PATH = "/alloc-read";
    private static final long ANSWER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    /**
     * How the read is served.
     */
    @Param({ "LOCAL", "LINEARIZABLE" })
    public ReadMode mode;

    /**
     * Bytes of the node's data.
     */
    @Param({ "100" })
    public int dataLength;

    private final Answers answers = new Answers();
    private final IdleStrategy idle = new YieldingIdleStrategy();
    private File dir;
    private LocalCluster cluster;
    private AerieClient client;
    private Reads reads;
    private Thread serviceThread;
    private long clientBytesAtStart;
    private long serviceBytesAtStart;
    private long answeredAtStart;
    private long ipcAtStart;
    private long[] threadIds;
    private long[] threadBytesAtStart;

    /**
     * Counts answers; runs on the benchmark thread (invoker mode), allocates nothing.
     */
    static final class Answers implements ResponseHandler
    {
        long answered;
        ResultCode lastCode = ResultCode.OK;

        @Override
        public void onResponse(final Response response)
        {
            lastCode = response.code();
            answered++;
        }
    }

    /**
     * Start the node, connect the client, write the node read.
     *
     * @throws Exception if the cluster or the client cannot start.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        dir = Files.createTempDirectory("aerie-local-read-alloc").toFile();
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(PORT_BASE)
            .dir(dir)
            .clusteredServiceSupplier(() -> new AerieClusteredService(new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)))));
        cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        clientCtx.agents().idleStrategySupplier(YieldingIdleStrategy::new);
        client = AerieClient.connect(clientCtx);
        client.create(PATH, new byte[dataLength]);
        reads = client.reads(mode);
        serviceThread = serviceThread();
        threadIds = THREADS.getAllThreadIds();
    }

    /**
     * Note where the allocation counters of the client's and the service's threads stand.
     */
    @Setup(Level.Iteration)
    public void startIteration()
    {
        clientBytesAtStart = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        serviceBytesAtStart = THREADS.getThreadAllocatedBytes(serviceThread.getId());
        answeredAtStart = answers.answered;
        ipcAtStart = ipcReads();
        threadBytesAtStart = THREADS.getThreadAllocatedBytes(threadIds);
    }

    /**
     * Print what the client's and the service's threads allocated per read in this iteration.
     */
    @TearDown(Level.Iteration)
    public void endIteration()
    {
        final long clientBytes = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - clientBytesAtStart;
        final long serviceBytes = THREADS.getThreadAllocatedBytes(serviceThread.getId()) - serviceBytesAtStart;
        final long count = Math.max(1, answers.answered - answeredAtStart);
        final long[] threadBytes = THREADS.getThreadAllocatedBytes(threadIds);
        long allBytes = 0;
        int top = 0;
        for (int i = 0; i < threadIds.length; i++)
        {
            final long bytes = threadBytes[i] - threadBytesAtStart[i];
            allBytes += Math.max(0, bytes);
            top = bytes > threadBytes[top] - threadBytesAtStart[top] ? i : top;
        }
        final java.lang.management.ThreadInfo topThread = THREADS.getThreadInfo(threadIds[top]);
        System.out.printf("%n  %s: %d reads (%d of them over IPC), client thread %.3f B/read, service thread %.3f " +
            "B/read, all threads %.3f B/read (most: %s %.3f)%n", mode, count, ipcReads() - ipcAtStart,
            (double)clientBytes / count, (double)serviceBytes / count, (double)allBytes / count,
            null == topThread ? "?" : topThread.getThreadName(), (double)(threadBytes[top] - threadBytesAtStart[top]) / count);
    }

    private long ipcReads()
    {
        return cluster.node(0).counters().value(NodeCounters.Metric.LOCAL_READS_IPC, 0);
    }

    /**
     * Close the client and the node, delete their files.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        CloseHelper.closeAll(client, cluster);
        IoUtil.delete(dir, true);
    }

    /**
     * One getData, sent and polled until answered.
     *
     * @return the number of answers so far.
     */
    @Benchmark
    public long getData()
    {
        final long target = answers.answered + 1;
        final long startNs = System.nanoTime();
        reads.getDataAsync(PATH, answers);
        while (answers.answered < target)
        {
            if (System.nanoTime() - startNs > ANSWER_TIMEOUT_NS)
            {
                throw new IllegalStateException("no answer in 30 s");
            }
            idle.idle(client.poll());
        }
        if (ResultCode.OK != answers.lastCode)
        {
            throw new IllegalStateException("getData failed: " + answers.lastCode);
        }
        return answers.answered;
    }

    private static Thread serviceThread()
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("clustered-service"))
            {
                return thread;
            }
        }
        throw new IllegalStateException("no clustered-service thread in this JVM");
    }

    /**
     * Run this benchmark with the GC profiler.
     *
     * @param args ignored.
     * @throws RunnerException if JMH fails.
     * @throws IOException     never; for the signature.
     */
    public static void main(final String[] args) throws RunnerException, IOException
    {
        new Runner(new OptionsBuilder()
            .include(LocalReadAllocationBenchmark.class.getSimpleName())
            .addProfiler("gc")
            .build()).run();
    }
}
