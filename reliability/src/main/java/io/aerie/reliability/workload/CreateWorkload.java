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
 * Sequential creates with unique payloads: each operation creates {@code /jepsen-creates/p-<k>/n-<payload>-}
 * PERSISTENT_SEQUENTIAL holding a payload id no other operation uses ({@code a}). At the end every parent's children
 * are listed and each payload (read from the child's name) counted; {@link CreateChecker} checks the counts against
 * the outcomes.
 * <p>
 * The parent rotates every {@link #CREATES_PER_PARENT} payloads: one parent of a long run's hundreds of thousands of
 * children made a final getChildren too large to answer ({@code DataTooLarge} past 1 MiB of names), and reading each
 * child's data to find its payload took minutes. A parent is made by the first create that finds it missing.
 */
public final class CreateWorkload implements Workload
{
    static final String ROOT = "/jepsen-creates";
    /** Payloads per parent znode: the final getChildren of one parent stays far below the response limit. */
    static final int CREATES_PER_PARENT = 1_000;

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
        final String parent = parent(payload);
        final long invokeNs = System.nanoTime();
        try
        {
            String path;
            try
            {
                path = create(client, parent, payload);
            }
            catch (final AerieException.NoNodeException ex)
            {
                // The create certainly did not happen (no parent yet): make the parent, then create once more.
                ensureParent(client, parent);
                path = create(client, parent, payload);
            }
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
        final Map<Long, Integer> counts = new HashMap<>();
        final List<String> parents = client.getChildren(ROOT);
        int children = 0;
        for (final String parent : parents)
        {
            for (final String child : client.getChildren(ROOT + "/" + parent))
            {
                counts.merge(payloadOf(child), 1, Integer::sum);
                children++;
            }
        }
        summary = children + " znodes under " + parents.size() + " parents at the end";
        return CreateChecker.check(name(), history.ops(), counts);
    }

    /**
     * @param payload a payload id (from 1).
     * @return the parent its znode is created under.
     */
    static String parent(final long payload)
    {
        return ROOT + "/p-" + (payload - 1) / CREATES_PER_PARENT;
    }

    /**
     * @param child a child's name, {@code n-<payload>-<sequence>}.
     * @return its payload id, or -1 if the name is not one of this workload's (then it counts as a phantom).
     */
    static long payloadOf(final String child)
    {
        final int end = child.lastIndexOf('-');
        if (!child.startsWith("n-") || end <= 2)
        {
            return -1;
        }
        try
        {
            return Long.parseLong(child, 2, end, 10);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static String create(final AerieClient client, final String parent, final long payload)
        throws AerieException
    {
        return client.create(parent + "/n-" + payload + "-", RegisterWorkload.encode(payload), AclList.openAclUnsafe(),
            CreateMode.PERSISTENT_SEQUENTIAL, -1);
    }

    private static void ensureParent(final AerieClient client, final String parent) throws AerieException
    {
        try
        {
            client.create(parent, null);
        }
        catch (final AerieException.NodeExistsException ex)
        {
            // another process made it first
        }
    }

    @Override
    public String summary()
    {
        return summary;
    }
}
