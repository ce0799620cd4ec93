package io.aerie.reliability.workload;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import io.aerie.reliability.checker.Anomaly;
import io.aerie.reliability.checker.CreateChecker;
import io.aerie.reliability.history.History;
import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sequential creates with unique payloads: each operation creates {@code /jepsen-creates/n-} PERSISTENT_SEQUENTIAL
 * holding a payload id no other operation uses ({@code a}). At the end every child is read and its payload counted;
 * {@link CreateChecker} checks the counts against the outcomes.
 */
public final class CreateWorkload implements Workload
{
    static final String ROOT = "/jepsen-creates";

    private final History history = new History("creates");
    private final AtomicLong payloads = new AtomicLong();
    private String summary = "";

    @Override
    public String name()
    {
        return "creates";
    }

    @Override
    public History history()
    {
        return history;
    }

    @Override
    public void setUp(final AerieClient client) throws AerieException
    {
        client.create(ROOT, null);
    }

    @Override
    public Outcome invoke(final AerieClient client, final int process)
    {
        final long payload = payloads.incrementAndGet();
        final long invokeNs = System.nanoTime();
        try
        {
            final String path = client.create(
                ROOT + "/n-", RegisterWorkload.encode(payload), AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL,
                -1);
            history.add(new Op(process, 0, "create", payload, 0, Outcome.OK, 0, 0, invokeNs, System.nanoTime(), path));
            return Outcome.OK;
        }
        catch (final Exception ex)
        {
            final Outcome outcome = Outcomes.of(ex);
            history.add(new Op(process, 0, "create", payload, 0, outcome, 0, 0, invokeNs, System.nanoTime(),
                Outcomes.note(ex)));
            return outcome;
        }
    }

    @Override
    public List<Anomaly> check(final AerieClient client) throws AerieException
    {
        final List<String> children = client.getChildren(ROOT);
        final Map<Long, Integer> counts = new HashMap<>();
        for (final String child : children)
        {
            counts.merge(RegisterWorkload.decode(client.getData(ROOT + "/" + child, null)), 1, Integer::sum);
        }
        summary = children.size() + " znodes at the end";
        return CreateChecker.check(name(), history.ops(), counts);
    }

    @Override
    public String summary()
    {
        return summary;
    }
}
