package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.Measurement;
import io.aerie.bench.suite.RecordingCompletion;
import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.Workload;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload 2: create an ephemeral-sequential node (100 bytes) and, once created, delete it; closed loop, the
 * latency of the pair (from the create's send to the delete's completion): the step of the lock and election
 * recipes. The rig thread sends both (the created name comes back through the create's completion).
 */
public final class CreateDeleteWorkload implements Workload
{
    private static final String PARENT = "/bench/ephemeral";

    /**
     * Keeps the last created path; counts creates. Thread safe.
     */
    private static final class Created implements LoadClient.Completion, Rig.Progress
    {
        private final AtomicLong completed = new AtomicLong();
        private volatile String path;

        @Override
        public void onComplete(final long token, final boolean ok)
        {
            onCreated(token, ok, null);
        }

        @Override
        public void onCreated(final long token, final boolean ok, final CharSequence createdPath)
        {
            path = ok && null != createdPath ? createdPath.toString() : null;
            completed.incrementAndGet();
        }

        @Override
        public long completed()
        {
            return completed.get();
        }
    }

    @Override
    public String name()
    {
        return "create-delete";
    }

    @Override
    public boolean floorCapable()
    {
        return false;
    }

    @Override
    public List<Row> run(final SystemUnderTest target, final String column, final Rig rig, final SuiteMode mode)
        throws Exception
    {
        final String key = "create-delete";
        final String title = "create+delete ephemeral-sequential, closed loop";
        try (LoadClient client = target.connect())
        {
            client.createIfAbsent(PARENT, new byte[0]);
            final byte[] data = Ops.data();
            final Created created = new Created();
            final RecordingCompletion pairs = new RecordingCompletion();
            for (int i = 0; i < mode.pairWarmupOps(); i++)
            {
                pair(client, rig, data, created, pairs);
            }
            pairs.takeInterval();
            final long failedBefore = pairs.failed();
            final long startNs = System.nanoTime();
            for (int i = 0; i < mode.pairOps(); i++)
            {
                pair(client, rig, data, created, pairs);
            }
            final long endNs = System.nanoTime();
            final Histogram histogram = pairs.takeInterval();
            return List.of(Row.latency(key, title, column, new Measurement(
                histogram, histogram.getTotalCount(), pairs.failed() - failedBefore, endNs - startNs, -1)));
        }
        catch (final RuntimeException ex)
        {
            return List.of(Row.failed(key, title, column, Row.Kind.LATENCY_US, ex.toString()));
        }
    }

    private static void pair(
        final LoadClient client, final Rig rig, final byte[] data, final Created created, final RecordingCompletion pairs)
    {
        final long createsExpected = created.completed() + 1;
        final long startNs = System.nanoTime();
        client.create(PARENT + "/n-", data, LoadClient.Mode.EPHEMERAL_SEQUENTIAL, startNs, created);
        rig.await(client, created, createsExpected, System.nanoTime() + rig.opTimeoutNs());
        final String path = created.path;
        if (null == path)
        {
            pairs.onComplete(startNs, false);
            return;
        }
        final long deletesExpected = pairs.completed() + 1;
        client.delete(path, startNs, pairs);
        rig.await(client, pairs, deletesExpected, System.nanoTime() + rig.opTimeoutNs());
    }
}
