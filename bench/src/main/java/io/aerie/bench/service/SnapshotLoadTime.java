package io.aerie.bench.service;

import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.service.StubCluster;
import io.aerie.engine.tree.ZnodeTreeConfiguration;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.IoUtil;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a restart's service time goes, without the cluster: the creates a log replay applies, and the snapshot
 * load, each timed in wall time and in CPU time of the thread doing it (ThreadMXBean), so a run on a loaded machine
 * still says what the work cost. One JVM: {@code znodes} leaves of 100 bytes under {@code /load/pNNNNN} (1,000 per
 * parent, the restart rig's tree) are created through {@code onSessionMessage} as a follower replaying its log
 * applies them, the service's snapshot is kept in memory, then loaded {@code loads} times into new services from an
 * IPC image fed by another thread, as the archive feeds a starting node. The first load is JIT-cold, as a restart is.
 * <p>
 * A measurement, not a test: {@code java <jvm flags> -cp aerie-benchmarks.jar io.aerie.bench.service.SnapshotLoadTime
 * [znodes (1000000)] [loads (3)] [snapshot file]}; with a file, the snapshot is read from it when it exists (no
 * creates) and written to it otherwise, so repeated runs measure the load alone. Add
 * {@code -XX:StartFlightRecording=filename=load.jfr} for a profile.
 */
public final class SnapshotLoadTime
{
    private static final int CHILDREN_PER_PARENT = 1000;
    private static final int DATA_LENGTH = 100;
    private static final int IPC_TERM_LENGTH = 64 * 1024 * 1024;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ExpandableDirectByteBuffer snapshot = new ExpandableDirectByteBuffer(64 * 1024 * 1024);
    private int[] messageEnds = new int[1024];
    private int messageCount;
    private int nextStreamId = 1001;

    private SnapshotLoadTime()
    {
    }

    /**
     * Run the measurement and print one line per phase.
     *
     * @param args {@code [znodes] [loads]}.
     * @throws Exception if the media driver or a thread fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final long znodes = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        final int loads = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final File file = args.length > 2 ? new File(args[2]) : null;
        final File dir = Files.createTempDirectory("aerie-snapshot-load-time").toFile();
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(new File(dir, "aeron").getAbsolutePath())
                .threadingMode(ThreadingMode.SHARED)
                .ipcTermBufferLength(IPC_TERM_LENGTH)
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())))
        {
            new SnapshotLoadTime().run(aeron, znodes, loads, file);
        }
        finally
        {
            IoUtil.delete(dir, true);
        }
    }

    private void run(final Aeron aeron, final long znodes, final int loads, final File file) throws Exception
    {
        final long capacity = Math.max(ZnodeTreeConfiguration.MAX_ZNODES_DEFAULT, znodes + znodes / 10);
        if (null != file && file.exists())
        {
            read(file);
        }
        else
        {
            build(aeron, znodes, capacity);
            if (null != file)
            {
                write(file);
            }
        }
        System.out.printf(Locale.ROOT, "snapshot: %d messages, %.1f MiB%n",
            messageCount, messageEnds[messageCount - 1] / (1024.0 * 1024.0));
        for (int i = 0; i < loads; i++)
        {
            load(aeron, capacity, i);
        }
    }

    private void build(final Aeron aeron, final long znodes, final long capacity) throws Exception
    {
        try (DirectService source = new DirectService(new ZnodeTreeContext(), capacity))
        {
            source.role(Cluster.Role.FOLLOWER);
            final ClientSession session = source.connect(1);
            final long startNs = System.nanoTime();
            final long startCpuNs = THREADS.getCurrentThreadCpuTime();
            final long created = create(source, session, znodes);
            report("apply creates", created, startNs, startCpuNs);
            take(aeron, source.service());
        }
    }

    private void write(final File file) throws IOException
    {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file), 1 << 20)))
        {
            out.writeInt(messageCount);
            final byte[] bytes = new byte[64 * 1024];
            int start = 0;
            for (int i = 0; i < messageCount; i++)
            {
                final int length = messageEnds[i] - start;
                final byte[] message = length <= bytes.length ? bytes : new byte[length];
                snapshot.getBytes(start, message, 0, length);
                out.writeInt(length);
                out.write(message, 0, length);
                start = messageEnds[i];
            }
        }
    }

    private void read(final File file) throws IOException
    {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file), 1 << 20)))
        {
            final int count = in.readInt();
            messageEnds = new int[count];
            byte[] bytes = new byte[64 * 1024];
            int start = 0;
            for (int i = 0; i < count; i++)
            {
                final int length = in.readInt();
                if (length > bytes.length)
                {
                    bytes = new byte[length];
                }
                in.readFully(bytes, 0, length);
                snapshot.putBytes(start, bytes, 0, length);
                start += length;
                messageEnds[i] = start;
            }
            messageCount = count;
        }
    }

    private static long create(final DirectService service, final ClientSession session, final long leaves)
    {
        final byte[] data = new byte[DATA_LENGTH];
        Arrays.fill(data, (byte)'a');
        final byte[] empty = new byte[0];
        service.create(session, "/load", empty);
        final long parents = (leaves + CHILDREN_PER_PARENT - 1) / CHILDREN_PER_PARENT;
        for (long parent = 0; parent < parents; parent++)
        {
            service.create(session, String.format(Locale.ROOT, "/load/p%05d", parent), empty);
        }
        for (long leaf = 0; leaf < leaves; leaf++)
        {
            service.create(session,
                String.format(Locale.ROOT, "/load/p%05d/n%07d", leaf / CHILDREN_PER_PARENT, leaf), data);
        }
        return 1 + parents + leaves;
    }

    private void load(final Aeron aeron, final long capacity, final int attempt) throws Exception
    {
        final int streamId = nextStreamId++;
        try (Subscription subscription = aeron.addSubscription("aeron:ipc", streamId);
            ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", streamId))
        {
            awaitConnected(subscription, publication);
            final Thread feeder = new Thread(() -> feed(publication), "snapshot-feeder");
            feeder.start();
            final Image image = subscription.imageAtIndex(0);
            final AerieClusteredService loaded = new AerieClusteredService(new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(capacity).largeDataCapacity(8L * 1024 * 1024)));
            final long startNs = System.nanoTime();
            final long startCpuNs = THREADS.getCurrentThreadCpuTime();
            loaded.onStart(new StubCluster().captureEgress(false), image);
            report("snapshot load #" + (attempt + 1), loaded.tree().nodeCount(), startNs, startCpuNs);
            feeder.join();
            loaded.close();
        }
    }

    private void feed(final ExclusivePublication publication)
    {
        int start = 0;
        for (int i = 0; i < messageCount; i++)
        {
            while (publication.offer(snapshot, start, messageEnds[i] - start) < 0)
            {
                Thread.yield();
            }
            start = messageEnds[i];
        }
        publication.close();
    }

    private void take(final Aeron aeron, final AerieClusteredService service) throws Exception
    {
        final int streamId = nextStreamId++;
        try (Subscription sub = aeron.addSubscription("aeron:ipc", streamId);
            ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", streamId))
        {
            awaitConnected(sub, publication);
            final Image taken = sub.imageAtIndex(0);
            final Thread collector = new Thread(() -> collect(taken), "snapshot-collector");
            collector.start();
            service.onTakeSnapshot(publication);
            publication.close();
            collector.join();
        }
    }

    private void collect(final Image image)
    {
        final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
        {
            final int start = 0 == messageCount ? 0 : messageEnds[messageCount - 1];
            snapshot.putBytes(start, buffer, offset, length);
            if (messageCount == messageEnds.length)
            {
                messageEnds = Arrays.copyOf(messageEnds, messageCount * 2);
            }
            messageEnds[messageCount++] = start + length;
        });
        while (!image.isEndOfStream())
        {
            if (0 == image.poll(assembler, 100))
            {
                Thread.yield();
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

    private static void report(final String what, final long znodes, final long startNs, final long startCpuNs)
    {
        final long wallNs = System.nanoTime() - startNs;
        final long cpuNs = THREADS.getCurrentThreadCpuTime() - startCpuNs;
        System.out.printf(Locale.ROOT, "%-18s %,10d znodes  wall %7.2f s  cpu %7.2f s  (%.2f us cpu/znode)%n",
            what, znodes, wallNs / 1e9, cpuNs / 1e9, cpuNs / 1e3 / znodes);
    }
}
