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

/**
 * Workload 2: create an ephemeral-sequential node (100 bytes) and, once created, delete it; closed loop, the
 * latency of the pair (from the create's send to the delete's completion): the step of the lock and election
 * recipes. The delete is sent from inside the create's completion, on whichever thread completes it (the rig's
 * thread inside poll for Aerie, ZooKeeper's event thread for ZooKeeper), so neither side pays a hand-off to the
 * rig's thread between the two; the rig waits for the pair.
 */
public final class CreateDeleteWorkload implements Workload
{
    private static final String PARENT = "/bench/ephemeral";

    /**
     * The create's completion: sends the delete of the created node at once, with the pair's token, completing
     * into the pairs' recorder; a failed create completes the pair as failed. Sends one operation at a time, so
     * it needs no lock: the rig does not send while a pair is in flight.
     */
    private static final class DeleteOnCreated implements LoadClient.Completion
    {
        private final LoadClient client;
        private final RecordingCompletion pairs;

        DeleteOnCreated(final LoadClient client, final RecordingCompletion pairs)
        {
            this.client = client;
            this.pairs = pairs;
        }

        @Override
        public void onComplete(final long token, final boolean ok)
        {
            onCreated(token, ok, null);
        }

        @Override
        public void onCreated(final long token, final boolean ok, final CharSequence createdPath)
        {
            if (ok && null != createdPath)
            {
                client.delete(createdPath.toString(), token, pairs);
            }
            else
            {
                pairs.onComplete(token, false);
            }
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
            final RecordingCompletion pairs = new RecordingCompletion();
            final DeleteOnCreated deleteOnCreated = new DeleteOnCreated(client, pairs);
            final long warmupEndNs = System.nanoTime() + mode.closedWarmupNs();
            for (int i = 0; i < mode.pairWarmupOps() || System.nanoTime() - warmupEndNs < 0; i++)
            {
                pair(client, rig, data, deleteOnCreated, pairs);
            }
            pairs.takeInterval();
            final long failedBefore = pairs.failed();
            final long startNs = System.nanoTime();
            for (int i = 0; i < mode.pairOps(); i++)
            {
                pair(client, rig, data, deleteOnCreated, pairs);
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
        final LoadClient client,
        final Rig rig,
        final byte[] data,
        final DeleteOnCreated deleteOnCreated,
        final RecordingCompletion pairs)
    {
        final long pairsExpected = pairs.completed() + 1;
        client.create(PARENT + "/n-", data, LoadClient.Mode.EPHEMERAL_SEQUENTIAL, System.nanoTime(), deleteOnCreated);
        rig.await(client, pairs, pairsExpected, System.nanoTime() + rig.opTimeoutNs());
    }
}
