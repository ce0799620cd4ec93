package io.aerie.reliability.workload;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.model.Stat;
import io.aerie.reliability.checker.Anomaly;
import io.aerie.reliability.checker.CounterChecker;
import io.aerie.reliability.history.History;
import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A counter in one znode, incremented by compare-and-set: read the value and its version, set value + 1 with that
 * version. {@code incr} is OK when the set succeeded, FAIL when its version lost (or the read failed, so nothing
 * was sent), INFO when the set's fate is unknown. One operation in five is a {@code read} ({@code r0} = value).
 * {@link CounterChecker} bounds the reads and the final value.
 */
public final class CounterWorkload implements Workload
{
    static final String PATH = "/jepsen-counter";

    private final History history = new History("counter");
    private String summary = "";

    @Override
    public String name()
    {
        return "counter";
    }

    @Override
    public History history()
    {
        return history;
    }

    @Override
    public void setUp(final AerieClient client) throws AerieException
    {
        client.create(PATH, RegisterWorkload.encode(0));
    }

    @Override
    public Outcome invoke(final AerieClient client, final int process)
    {
        final boolean isRead = 0 == ThreadLocalRandom.current().nextInt(5);
        final long invokeNs = System.nanoTime();
        final Stat stat = new Stat();
        final long value;
        try
        {
            value = RegisterWorkload.decode(client.getData(PATH, stat));
        }
        catch (final Exception ex)
        {
            // Nothing was written: a read's fate does not matter, an increment certainly did not happen.
            final Outcome outcome = Outcomes.of(ex);
            history.add(new Op(process, 0, isRead ? "read" : "incr", 0, 0, isRead ? outcome : Outcome.FAIL, 0, 0,
                invokeNs, System.nanoTime(), Outcomes.note(ex)));
            return outcome;
        }
        if (isRead)
        {
            history.add(new Op(process, 0, "read", 0, 0, Outcome.OK, value, stat.version(), invokeNs, System.nanoTime(),
                ""));
            return Outcome.OK;
        }
        try
        {
            client.setData(PATH, RegisterWorkload.encode(value + 1), stat.version());
            history.add(new Op(process, 0, "incr", value, 0, Outcome.OK, value + 1, 0, invokeNs, System.nanoTime(), ""));
            return Outcome.OK;
        }
        catch (final Exception ex)
        {
            final Outcome outcome = Outcomes.of(ex);
            history.add(new Op(process, 0, "incr", value, 0, outcome, 0, 0, invokeNs, System.nanoTime(),
                Outcomes.note(ex)));
            return outcome;
        }
    }

    @Override
    public List<Anomaly> check(final AerieClient client) throws AerieException
    {
        final long finalValue = RegisterWorkload.decode(client.getData(PATH, null));
        summary = "final value " + finalValue;
        return CounterChecker.check(name(), history.ops(), finalValue);
    }

    @Override
    public String summary()
    {
        return summary;
    }
}
