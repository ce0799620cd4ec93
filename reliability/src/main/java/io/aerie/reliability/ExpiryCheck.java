package io.aerie.reliability;

import io.aerie.client.AerieClient;
import io.aerie.engine.node.ChildJvmCommand;
import io.aerie.engine.node.NodeCounters;
import io.aerie.reliability.cluster.NodeCluster;
import io.aerie.reliability.report.ExpiryResult;
import io.aerie.reliability.workload.AbandonedSessions;
import io.aerie.reliability.workload.ClientFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Idle sessions still expire after a request flood (the timer back-pressure bug of issue 17): while flood clients
 * write as fast as they can, a child process opens sessions (each with an ephemeral) and is killed with them open;
 * every node must expire all of them and their ephemerals must go.
 */
final class ExpiryCheck
{
    private static final String ABANDON_DIR_PREFIX = "/dev/shm/aerie-jepsen-abandon-";
    private static final String PARENT = "/jepsen-expiry";
    private static final String FLOOD = "/jepsen-flood";
    private static final int SESSION_TIMEOUT_MS = 2_000;
    private static final int FLOOD_CLIENTS = 3;
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(90);

    private final NodeCluster cluster;
    private final ClientFactory clients;
    private final int sessions;
    private final Consumer<String> log;
    private final AtomicLong floodOps = new AtomicLong();
    private volatile boolean isFlooding = true;

    ExpiryCheck(final NodeCluster cluster, final ClientFactory clients, final int sessions, final Consumer<String> log)
    {
        this.cluster = cluster;
        this.clients = clients;
        this.sessions = sessions;
        this.log = log;
    }

    ExpiryResult run() throws Exception
    {
        // Invoker-mode clients live only while polled: the observer connects once the child has done its part.
        final AerieClient setup = clients.connect(TimeUnit.SECONDS.toNanos(60));
        try
        {
            setup.create(PARENT, null);
            setup.create(FLOOD, null);
        }
        finally
        {
            ClientFactory.closeQuietly(setup);
        }
        AerieClient observer = null;
        final List<Thread> flooders = new ArrayList<>();
        Process child = null;
        try
        {
            for (int i = 0; i < FLOOD_CLIENTS; i++)
            {
                final Thread flooder = new Thread(this::flood, "jepsen-flood-" + i);
                flooder.setDaemon(true);
                flooders.add(flooder);
                flooder.start();
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            final long[] sessionsBefore = metric(NodeCounters.Metric.SESSIONS);
            final long[] expiredBefore = metric(NodeCounters.Metric.EXPIRED_SESSIONS);

            child = ChildJvmCommand.of(AbandonedSessions.class.getName())
                .inheritAlso(ChildJvmCommand::isXxFlag)
                .jvmOptions("-Xmx256m")
                .args(clients.context().connection().ingressEndpoints(), clientHost(), PARENT, Integer.toString(sessions),
                    Integer.toString(SESSION_TIMEOUT_MS), ABANDON_DIR_PREFIX + ProcessHandle.current().pid())
                .processBuilder().start();
            awaitReady(child);
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            log.accept("expiry check: " + sessions + " sessions abandoned during the flood");
            observer = clients.connect(TimeUnit.SECONDS.toNanos(60));
            final long[] expected = sessionsBefore.clone();
            for (int i = 0; i < expected.length; i++)
            {
                expected[i] += 1; // the observer's own session
            }

            final long startNs = System.nanoTime();
            long[] left;
            int ephemerals;
            do
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
                left = minus(metric(NodeCounters.Metric.SESSIONS), expected);
                ephemerals = observer.getChildren(PARENT).size();
            }
            while ((ephemerals > 0 || max(left) > 0) && System.nanoTime() - startNs < WAIT_NS);
            isFlooding = false;
            return new ExpiryResult(sessions, floodOps.get(), minus(metric(NodeCounters.Metric.EXPIRED_SESSIONS),
                expiredBefore), left, ephemerals, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        }
        finally
        {
            isFlooding = false;
            if (null != child)
            {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                // killed -9, its media driver leaves its directory behind
                JepsenRun.deleteWork(Path.of(ABANDON_DIR_PREFIX + ProcessHandle.current().pid()));
            }
            for (final Thread flooder : flooders)
            {
                flooder.join(30_000);
            }
            ClientFactory.closeQuietly(observer);
        }
    }

    private String clientHost()
    {
        final String channel = clients.context().connection().egressChannel();
        return channel.substring(channel.indexOf("endpoint=") + 9, channel.lastIndexOf(':'));
    }

    private void awaitReady(final Process child) throws Exception
    {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            final StringBuilder seen = new StringBuilder();
            String line;
            while (null != (line = out.readLine()))
            {
                if (line.startsWith("ready "))
                {
                    return;
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("the abandoned-sessions process ended before opening them: " + seen);
        }
    }

    private void flood()
    {
        final AerieClient client = clients.connect(TimeUnit.SECONDS.toNanos(60));
        final byte[] data = new byte[64];
        try
        {
            while (isFlooding)
            {
                client.setData(FLOOD, data, -1);
                floodOps.incrementAndGet();
            }
        }
        catch (final Exception ex)
        {
            log.accept("flood client stopped: " + ex);
        }
        finally
        {
            ClientFactory.closeQuietly(client);
        }
    }

    private long[] metric(final NodeCounters.Metric metric)
    {
        final long[] values = new long[cluster.nodes()];
        for (int i = 0; i < values.length; i++)
        {
            final NodeCounters counters = cluster.counters(i);
            values[i] = null == counters ? -1 : counters.value(metric, -1);
        }
        return values;
    }

    private static long[] minus(final long[] a, final long[] b)
    {
        final long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++)
        {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static long max(final long[] values)
    {
        long max = Long.MIN_VALUE;
        for (final long v : values)
        {
            max = Math.max(max, v);
        }
        return max;
    }
}
