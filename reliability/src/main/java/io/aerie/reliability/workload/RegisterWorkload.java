package io.aerie.reliability.workload;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.model.Stat;
import io.aerie.reliability.checker.Anomaly;
import io.aerie.reliability.checker.LinearizabilityChecker;
import io.aerie.reliability.history.History;
import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A compare-and-set register: a znode per key, its 8-byte data the value, its version the version. Processes read
 * (getData), write (setData with version -1) and cas (setData with the version they last read), as
 * {@link io.aerie.reliability.checker.LinearizabilityChecker} models them. Keys rotate every {@code opsPerKey}
 * operations (Jepsen's independent keys), which keeps each key's search small; each key's history is checked
 * alone.
 */
public final class RegisterWorkload implements Workload
{
    static final String ROOT = "/jepsen-register";

    private final History history = new History("register");
    private final int opsPerKey;
    private final AtomicLong invoked = new AtomicLong();
    private final Map<Integer, Integer> lastSeenVersion = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> created = new ConcurrentHashMap<>();
    private final LinearizabilityChecker checker = new LinearizabilityChecker(LinearizabilityChecker.DEFAULT_MAX_STEPS);
    private String summary = "";

    /**
     * @param opsPerKey operations on one key before the next.
     */
    public RegisterWorkload(final int opsPerKey)
    {
        this.opsPerKey = opsPerKey;
    }

    @Override
    public String name()
    {
        return "register";
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
        final int key = (int)(invoked.getAndIncrement() / opsPerKey);
        final String path = ROOT + "/k" + key;
        if (!ensureKey(client, key, path))
        {
            return Outcome.INFO;
        }
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final int choice = random.nextInt(10);
        final long value = random.nextLong(1, 1_000_000);
        final long invokeNs = System.nanoTime();
        if (choice < 4)
        {
            return read(client, process, key, path, invokeNs);
        }
        final boolean isCas = choice >= 6;
        final int expected = isCas ? lastSeenVersion.getOrDefault(process, 0) + random.nextInt(0, 2) : -1;
        final String f = isCas ? "cas" : "write";
        try
        {
            final Stat result = client.setData(path, encode(value), expected);
            history.add(new Op(process, key, f, isCas ? expected : value, value, Outcome.OK, value, result.version(),
                invokeNs, System.nanoTime(), ""));
            lastSeenVersion.put(process, result.version());
            return Outcome.OK;
        }
        catch (final Exception ex)
        {
            final Outcome outcome = Outcomes.of(ex);
            history.add(new Op(process, key, f, isCas ? expected : value, value, outcome, 0, -1, invokeNs,
                System.nanoTime(), Outcomes.note(ex)));
            return outcome;
        }
    }

    private Outcome read(final AerieClient client, final int process, final int key, final String path,
        final long invokeNs)
    {
        try
        {
            final Stat readStat = new Stat();
            final byte[] data = client.getData(path, readStat);
            history.add(new Op(process, key, "read", 0, 0, Outcome.OK, decode(data), readStat.version(), invokeNs,
                System.nanoTime(), ""));
            lastSeenVersion.put(process, readStat.version());
            return Outcome.OK;
        }
        catch (final Exception ex)
        {
            final Outcome outcome = Outcomes.of(ex);
            history.add(new Op(process, key, "read", 0, 0, outcome, 0, 0, invokeNs, System.nanoTime(),
                Outcomes.note(ex)));
            return outcome;
        }
    }

    /**
     * A key's znode is created with value 0 (version 0) outside the history, before any operation on it; a create
     * that found it already there is as good.
     */
    private boolean ensureKey(final AerieClient client, final int key, final String path)
    {
        if (created.containsKey(key))
        {
            return true;
        }
        try
        {
            client.create(path, encode(0));
        }
        catch (final AerieException.NodeExistsException ex)
        {
            // another process made it
        }
        catch (final Exception ex)
        {
            return false;
        }
        created.put(key, Boolean.TRUE);
        return true;
    }

    @Override
    public List<Anomaly> check(final AerieClient client)
    {
        final Map<Integer, List<Op>> byKey = new TreeMap<>();
        for (final Op op : history.ops())
        {
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        final List<Anomaly> anomalies = new ArrayList<>();
        int unknown = 0;
        for (final Map.Entry<Integer, List<Op>> entry : byKey.entrySet())
        {
            final LinearizabilityChecker.Result result = checker.check(entry.getValue());
            if (LinearizabilityChecker.Verdict.NOT_LINEARIZABLE == result.verdict())
            {
                anomalies.add(new Anomaly(name(), "non-linearizable", "key " + entry.getKey() + ": no linearization " +
                    "gets past " + result.stuckOp(), result.window()));
            }
            unknown += LinearizabilityChecker.Verdict.UNKNOWN == result.verdict() ? 1 : 0;
        }
        summary = byKey.size() + " keys checked, " + unknown + " unknown (search bound reached)";
        if (unknown > 0)
        {
            anomalies.add(new Anomaly(name(), "unchecked", unknown + " key(s) too large to check", List.of()));
        }
        return anomalies;
    }

    @Override
    public String summary()
    {
        return summary;
    }

    static byte[] encode(final long value)
    {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long decode(final byte[] data)
    {
        return null == data || data.length < Long.BYTES ? -1 : ByteBuffer.wrap(data).getLong();
    }
}
