package io.aerie.bench.watch;

import io.aerie.bench.RigCommandLine;
import io.aerie.engine.watch.SessionIds;
import io.aerie.engine.watch.WatchRegistry;
import org.agrona.ExpandableArrayBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

/**
 * Heap taken by the cluster's watch registry at scale: 100,000 watches over distinct znodes (16 sessions), and
 * 10,000 watchers of one znode across 16 sessions (which the registry holds as 16 entries, one per session, as
 * ZooKeeper does; the clients fan out to their own watchers). Heap is measured after full GCs, before and after
 * filling, then once more after firing every watch once, to show firing allocates nothing that stays.
 * <p>
 * Usage: {@code WatchRegistryFootprint [watches=100000]}; run with a fixed heap for stable figures, e.g. -Xmx1g.
 */
public final class WatchRegistryFootprint
{
    private static final int SESSIONS = 16;

    private WatchRegistryFootprint()
    {
    }

    @Command(name = "WatchRegistryFootprint", mixinStandardHelpOptions = true,
        description = "Heap taken by the watch registry at scale.")
    static final class Options
    {
        @Parameters(index = "0", arity = "0..1", defaultValue = "100000",
            description = "distinct watched znodes (${DEFAULT-VALUE})")
        int watches;
    }

    /**
     * @param args number of distinct watched znodes.
     */
    public static void main(final String[] args)
    {
        final Options options = RigCommandLine.parse(new Options(), args);
        final ExpandableArrayBuffer path = new ExpandableArrayBuffer(64);

        final long emptyBytes = usedHeapAfterGc();
        final WatchRegistry registry = new WatchRegistry();
        for (int i = 0; i < options.watches; i++)
        {
            final int length = encode(path, i);
            registry.add(1 + (i % SESSIONS), path, 0, length, WatchRegistry.PERSISTENT);
        }
        final long filledBytes = usedHeapAfterGc();

        final SessionIds recipients = new SessionIds();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < options.watches; i++)
        {
            final int length = encode(path, i);
            recipients.clear();
            registry.collect(path, 0, length, WatchRegistry.PERSISTENT, 0, recipients);
            if (1 != recipients.size())
            {
                throw new IllegalStateException("watch " + i + " lost");
            }
        }
        final long allocatedFiring = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        final long afterFiringBytes = usedHeapAfterGc();

        final byte[] one = "/hot".getBytes(StandardCharsets.UTF_8);
        path.putBytes(0, one);
        for (int session = 1; session <= SESSIONS; session++)
        {
            registry.add(session, path, 0, one.length, WatchRegistry.PERSISTENT);
        }

        System.out.printf(
            "watch registry, %,d persistent watches over distinct znodes, %d sessions:%n", options.watches, SESSIONS);
        System.out.printf("  heap: empty %,d B, filled %,d B -> %.1f B per watch on the heap (path bytes off-heap)%n",
            emptyBytes, filledBytes, (double)(filledBytes - emptyBytes) / options.watches);
        System.out.printf("  firing each watch once allocated %,d B in total; heap after firing %,d B%n",
            allocatedFiring, afterFiringBytes);
        System.out.printf("  registry: %,d watches, %,d paths, %,d sessions (plus /hot watched by all %d sessions)%n",
            registry.watchCount(), registry.pathCount(), registry.sessionCount(), SESSIONS);
    }

    private static int encode(final ExpandableArrayBuffer path, final int i)
    {
        int length = path.putStringWithoutLengthAscii(0, "/services/instance-");
        length += path.putIntAscii(length, i);
        return length;
    }

    private static long usedHeapAfterGc()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
