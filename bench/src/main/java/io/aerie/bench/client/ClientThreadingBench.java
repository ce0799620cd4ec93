package io.aerie.bench.client;

import io.aerie.bench.RigCommandLine;
import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the client's default threading mode costs against invoker mode, and what the blocking API gives when threads
 * share one client; against a one-node cluster started in this JVM (nodes on the backoff idle strategy).
 * <p>
 * Part 1, modes: setData of 100 bytes through the asynchronous API, closed loop, one application thread; in invoker
 * mode it polls the client itself, in the default mode it hands the request to the conductor thread and waits for
 * the handler (run on the conductor thread) with the same yielding strategy the conductor uses. Prints p50..max in
 * µs and the bytes allocated per operation by the client's threads (the application thread, plus the conductor
 * thread in the default mode; the cluster's threads are not counted).
 * <p>
 * Part 2, threads: blocking setData of 100 bytes, each thread on its own node, 1, 2, 4 and 8 threads sharing one
 * default-mode client (default backoff idle strategies) for a fixed time; prints operations per second in total and
 * per thread.
 * <p>
 * Closed loops: read the latencies as the cost of one isolated request, not as tail latency under load.
 * Usage: {@code ClientThreadingBench [warmup=2000] [count=20000] [seconds=5]}.
 */
public final class ClientThreadingBench
{
    private static final int PORT_BASE = 18400;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private ClientThreadingBench()
    {
    }

    /**
     * A handler that remembers its answer; read by the application thread, written by the conductor's.
     */
    static final class Answer implements ResponseHandler
    {
        volatile boolean answered;
        volatile ResultCode code;

        @Override
        public void onResponse(final Response response)
        {
            code = response.code();
            answered = true;
        }
    }

    @Command(name = "ClientThreadingBench", mixinStandardHelpOptions = true,
        description = "Client threading modes, and threads sharing one client.")
    static final class Options
    {
        @Parameters(index = "0", arity = "0..1", defaultValue = "2000",
            description = "warmup round trips (${DEFAULT-VALUE})")
        int warmup;
        @Parameters(index = "1", arity = "0..1", defaultValue = "20000",
            description = "measured round trips (${DEFAULT-VALUE})")
        int count;
        @Parameters(index = "2", arity = "0..1", defaultValue = "5",
            description = "seconds per throughput run (${DEFAULT-VALUE})")
        int seconds;
    }

    /**
     * @param args warmup count, measured count, seconds per thread count.
     * @throws Exception on failure to start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = RigCommandLine.parse(new Options(), args);
        final File dir = Files.createTempDirectory("aerie-client-bench").toFile();

        try (LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(PORT_BASE)
            .dir(dir)
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)))))
        {
            cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            System.out.println("setData 100 B, async API, closed loop, 1 node in this JVM (us):");
            roundTrips(cluster, true, options.warmup, options.count);
            roundTrips(cluster, false, options.warmup, options.count);
            System.out.println(
                "blocking setData 100 B, threads sharing one default-mode client, " + options.seconds + " s each:");
            for (final int threads : new int[]{ 1, 2, 4, 8 })
            {
                throughput(cluster, threads, options.seconds);
            }
        }
    }

    private static AerieClient.Context context(final LocalCluster cluster, final boolean invoker)
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(invoker);
        clientCtx.connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        clientCtx.agents().idleStrategySupplier(YieldingIdleStrategy::new);
        return clientCtx;
    }

    private static void roundTrips(final LocalCluster cluster, final boolean invoker, final int warmup, final int count)
        throws AerieException
    {
        try (AerieClient client = AerieClient.connect(context(cluster, invoker)))
        {
            final String path = invoker ? "/invoker" : "/default";
            client.create(path, new byte[100]);
            final Answer answer = new Answer();
            final UnsafeBuffer data = new UnsafeBuffer(new byte[100]);
            final IdleStrategy idle = new YieldingIdleStrategy();
            final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            final Thread conductor = invoker ? null : findThread("aerie-client-conductor");
            long allocatedAtStart = 0;
            for (int i = 0; i < warmup + count; i++)
            {
                if (i == warmup)
                {
                    allocatedAtStart = allocated(conductor);
                }
                data.putInt(0, i);
                final long startNs = System.nanoTime();
                answer.answered = false;
                client.setData(path, data, 0, 100, -1, answer);
                while (!answer.answered)
                {
                    if (System.nanoTime() - startNs > TimeUnit.SECONDS.toNanos(30))
                    {
                        throw new IllegalStateException("no answer in 30 s: is the machine overloaded?");
                    }
                    idle.idle(client.poll());
                }
                final long latencyNs = System.nanoTime() - startNs;
                if (ResultCode.OK != answer.code)
                {
                    throw new IllegalStateException("setData failed: " + answer.code);
                }
                if (i >= warmup)
                {
                    histogram.recordValue(latencyNs);
                }
            }
            final double bytesPerOp = (double)(allocated(conductor) - allocatedAtStart) / count;
            System.out.printf("  %-8s p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  client threads %.2f B/op%n",
                invoker ? "invoker" : "default",
                micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(90)),
                micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
                micros(histogram.getMaxValue()), bytesPerOp);
        }
    }

    private static void throughput(final LocalCluster cluster, final int threads, final int seconds) throws Exception
    {
        final AerieClient.Context clientCtx2 = new AerieClient.Context();
        clientCtx2.connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        // The default idle strategies (backoff, parking up to 100 us): yielding threads would starve each other here.
        try (AerieClient client = AerieClient.connect(clientCtx2))
        {
            final AtomicLong operations = new AtomicLong();
            final AtomicLong errors = new AtomicLong();
            final CountDownLatch done = new CountDownLatch(threads);
            final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int t = 0; t < threads; t++)
            {
                final String path = "/t" + threads + "-" + t;
                client.create(path, new byte[100]);
                final Thread thread = new Thread(() ->
                {
                    final byte[] data = new byte[100];
                    long ops = 0;
                    try
                    {
                        while (System.nanoTime() < endNs)
                        {
                            client.setData(path, data, -1);
                            ops++;
                        }
                    }
                    catch (final AerieException ex)
                    {
                        errors.incrementAndGet();
                    }
                    operations.addAndGet(ops);
                    done.countDown();
                }, "bench-" + t);
                thread.start();
            }
            done.await();
            final double total = operations.get() / (double)seconds;
            System.out.printf("  %d thread(s): %.0f ops/s total, %.0f ops/s per thread, %d error(s)%n",
                threads, total, total / threads, errors.get());
        }
    }

    private static long allocated(final Thread conductor)
    {
        long bytes = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        if (null != conductor)
        {
            bytes += THREADS.getThreadAllocatedBytes(conductor.getId());
        }
        return bytes;
    }

    private static Thread findThread(final String name)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (name.equals(thread.getName()))
            {
                return thread;
            }
        }
        throw new IllegalStateException("no thread named " + name);
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
