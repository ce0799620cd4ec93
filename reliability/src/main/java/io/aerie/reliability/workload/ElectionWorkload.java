package io.aerie.reliability.workload;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.OpResult;
import io.aerie.client.recipes.LeaderLatch;
import io.aerie.codecs.model.MultiOps;
import io.aerie.reliability.checker.Anomaly;
import io.aerie.reliability.checker.FencingChecker;
import io.aerie.reliability.history.History;
import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Leader election with fencing tokens: every process runs a {@link LeaderLatch} on {@code /jepsen-election}; a
 * process that gains leadership makes a few fenced writes to {@code /jepsen-fence}, each a
 * {@code multi(check(its election node), setData(fence, token))} carrying {@link LeaderLatch#fencingToken()},
 * then gives leadership up so that terms rotate. Recorded: {@code fenced-write} ({@code a} = token, OK with
 * {@code r0} = the zxid it was applied at) and {@code lead} (invoked when leadership was gained, completed when given
 * up). {@link FencingChecker} checks the tokens in log order.
 */
public final class ElectionWorkload implements Workload
{
    static final String ELECTION = "/jepsen-election";
    static final String FENCE = "/jepsen-fence";
    private static final int WRITES_PER_TERM = 3;

    private final History history = new History("election");
    private final Map<Integer, LeaderLatch> latches = new ConcurrentHashMap<>();
    private String summary = "";

    @Override
    public String name()
    {
        return "election";
    }

    @Override
    public History history()
    {
        return history;
    }

    @Override
    public void setUp(final AerieClient client) throws AerieException
    {
        client.create(ELECTION, null);
        client.create(FENCE, RegisterWorkload.encode(-1));
    }

    @Override
    public Outcome invoke(final AerieClient client, final int process)
    {
        LeaderLatch latch = latches.get(process);
        try
        {
            if (null == latch)
            {
                latch = new LeaderLatch(client, ELECTION);
                latches.put(process, latch);
                latch.start();
            }
            if (LeaderLatch.State.STARTED != latch.state())
            {
                return Outcome.INFO;
            }
            if (!latch.awaitLeadership(500, TimeUnit.MILLISECONDS))
            {
                return Outcome.OK;
            }
            return lead(client, process, latch);
        }
        catch (final RuntimeException ex)
        {
            return Outcome.INFO;
        }
    }

    private Outcome lead(final AerieClient client, final int process, final LeaderLatch latch)
    {
        final long token = latch.fencingToken();
        final long leadNs = System.nanoTime();
        Outcome outcome = Outcome.OK;
        for (int i = 0; i < WRITES_PER_TERM && Outcome.OK == outcome && latch.hasLeadership(); i++)
        {
            outcome = fencedWrite(client, process, latch, token);
        }
        latches.remove(process);
        latch.close();
        history.add(new Op(process, 0, "lead", token, 0, Outcome.OK, 0, 0, leadNs, System.nanoTime(), ""));
        return Outcome.INFO == outcome ? Outcome.INFO : Outcome.OK;
    }

    private Outcome fencedWrite(final AerieClient client, final int process, final LeaderLatch latch, final long token)
    {
        final String node = latch.nodePath();
        final long invokeNs = System.nanoTime();
        try
        {
            final byte[] data = RegisterWorkload.encode(token);
            final List<OpResult> results = client.multi(new MultiOps()
                .check(node, -1)
                .setData(FENCE, new UnsafeBuffer(data), 0, data.length, -1));
            history.add(new Op(process, 0, "fenced-write", token, 0, Outcome.OK, results.get(1).stat().mzxid(), 0,
                invokeNs, System.nanoTime(), node));
            return Outcome.OK;
        }
        catch (final Exception ex)
        {
            final Outcome outcome = Outcomes.of(ex);
            history.add(new Op(process, 0, "fenced-write", token, 0, outcome, 0, 0, invokeNs, System.nanoTime(),
                Outcomes.note(ex)));
            return outcome;
        }
    }

    @Override
    public void retire(final int process)
    {
        final LeaderLatch latch = latches.remove(process);
        if (null != latch)
        {
            try
            {
                latch.close();
            }
            catch (final RuntimeException ex)
            {
                // its client is gone: the session's end removes the node
            }
        }
    }

    @Override
    public List<Anomaly> check(final AerieClient client)
    {
        final List<Op> ops = history.ops();
        summary = FencingChecker.terms(ops) + " leadership terms wrote";
        return FencingChecker.check(name(), ops);
    }

    @Override
    public String summary()
    {
        return summary;
    }
}
