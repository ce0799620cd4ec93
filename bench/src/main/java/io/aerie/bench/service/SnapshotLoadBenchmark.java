package io.aerie.bench.service;

import io.aerie.bench.BenchmarkMain;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.service.StubCluster;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.cluster.service.ClientSession;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
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

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * The service's whole snapshot load, as a node starting from a snapshot does it: a new service started on an
 * image (IPC, embedded media driver) replaying the snapshot another service took of {@code znodes} znodes (a
 * hundred parents of equal fan-out, 64 bytes of data each, open ACL) and one session. One shot per invocation;
 * the replay onto the image is set-up, not measured.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Thread)
public class SnapshotLoadBenchmark
{
    private static final int PARENTS = 100;
    private static final int STREAM_ID = 1001;

    /** Znodes in the snapshot. */
    @Param({ "100000" })
    public int znodes;

    private final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(32 * 1024 * 1024);
    private int[] messageEnds = new int[1024];
    private int messageCount;
    private File dir;
    private MediaDriver driver;
    private Aeron aeron;
    private int nextStreamId = STREAM_ID;
    private Subscription subscription;
    private Image image;
    private AerieClusteredService loaded;

    /**
     * Build the tree in a service and keep its snapshot's messages.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        dir = Files.createTempDirectory("aerie-snapshot-bench").toFile();
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(new File(dir, "aeron").getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .ipcTermBufferLength(64 * 1024 * 1024)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        try (DirectService source = new DirectService(new ZnodeTreeContext(), znodes + 16L))
        {
            final ClientSession session = source.connect(1);
            final byte[] data = new byte[64];
            for (int p = 0; p < PARENTS; p++)
            {
                source.create(session, "/p" + p, data);
            }
            for (int i = 0; i < znodes - PARENTS; i++)
            {
                source.create(session, "/p" + (i % PARENTS) + "/n" + i, data);
            }
            take(source.service());
        }
    }

    /**
     * Offer the snapshot onto a new stream, ended.
     */
    @Setup(Level.Invocation)
    public void replay()
    {
        subscription = aeron.addSubscription("aeron:ipc", nextStreamId);
        try (ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", nextStreamId++))
        {
            awaitConnected(subscription, publication);
            int start = 0;
            for (int i = 0; i < messageCount; i++)
            {
                while (publication.offer(snapshot, start, messageEnds[i] - start) < 0)
                {
                    Thread.yield();
                }
                start = messageEnds[i];
            }
        }
        image = subscription.imageAtIndex(0);
    }

    /**
     * @return the loaded service.
     */
    @Benchmark
    public AerieClusteredService load()
    {
        loaded = new AerieClusteredService(new AerieClusteredService.Context()
            .treeContext(new ZnodeTreeContext().maxZnodes(znodes + 16L).largeDataCapacity(8L * 1024 * 1024)));
        loaded.onStart(new StubCluster().captureEgress(false), image);
        return loaded;
    }

    /**
     * Free the loaded service and its stream.
     */
    @TearDown(Level.Invocation)
    public void closeLoaded()
    {
        if (null != loaded)
        {
            loaded.close();
        }
        CloseHelper.close(subscription);
    }

    /**
     * Stop the media driver.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    private void take(final AerieClusteredService service)
    {
        try (Subscription sub = aeron.addSubscription("aeron:ipc", nextStreamId);
            ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", nextStreamId++))
        {
            awaitConnected(sub, publication);
            final Image taken = sub.imageAtIndex(0);
            service.onTakeSnapshot(publication);
            publication.close();
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final int start = 0 == messageCount ? 0 : messageEnds[messageCount - 1];
                snapshot.putBytes(start, buffer, offset, length);
                if (messageCount == messageEnds.length)
                {
                    messageEnds = java.util.Arrays.copyOf(messageEnds, messageCount * 2);
                }
                messageEnds[messageCount++] = start + length;
            });
            while (!taken.isEndOfStream())
            {
                if (0 == taken.poll(assembler, 100))
                {
                    Thread.yield();
                }
            }
        }
    }

    private static void awaitConnected(final Subscription subscription, final ExclusivePublication publication)
    {
        while (!publication.isConnected() || 0 == subscription.imageCount())
        {
            Thread.yield();
        }
    }

    /**
     * Run this class's benchmarks.
     *
     * @param args JMH command-line options.
     * @throws Exception if the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        BenchmarkMain.run(SnapshotLoadBenchmark.class, args);
    }
}
