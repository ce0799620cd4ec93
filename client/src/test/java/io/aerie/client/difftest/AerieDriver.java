package io.aerie.client.difftest;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.OpResult;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link DiffDriver} over {@link AerieClient}'s blocking API, the one shaped as ZooKeeper's (create with a Stat,
 * getChildren with the parent's Stat, multi's {@link OpResult} list, a typed {@link AerieException} per code), so
 * the test sees what a ZooKeeper user sees. After each call every other session's client is polled once, to keep
 * idle sessions alive.
 */
final class AerieDriver implements DiffDriver
{
    private static final AclList OPEN = AclList.openAclUnsafe();

    private final Supplier<AerieClient.Context> contexts;
    private final AerieClient[] sessions;
    private final MultiOps multiOps = new MultiOps();

    /**
     * @param contexts a new client context per session, not yet concluded.
     * @param slots    number of session slots.
     */
    AerieDriver(final Supplier<AerieClient.Context> contexts, final int slots)
    {
        this.contexts = contexts;
        this.sessions = new AerieClient[slots];
    }

    @Override
    public String name()
    {
        return "Aerie";
    }

    @Override
    public void openSession(final int slot) throws AerieException
    {
        sessions[slot] = AerieClient.connect(contexts.get());
    }

    @Override
    public void closeSession(final int slot)
    {
        final AerieClient client = sessions[slot];
        sessions[slot] = null;
        CloseHelper.close(client);
    }

    @Override
    public long sessionId(final int slot)
    {
        return sessions[slot].sessionId();
    }

    @Override
    public Outcome create(
        final int slot, final String path, final byte[] data, final CreateMode mode, final long ttlMs, final boolean withStat)
    {
        return call(() ->
        {
            final Stat stat = withStat ? new Stat() : null;
            final String created = sessions[slot].create(path, data, OPEN, mode, stat, ttlMs);
            return new Outcome(0, created, null, null, null == stat ? null : RawStat.of(stat), -1, null, null);
        });
    }

    @Override
    public Outcome delete(final int slot, final String path, final int version)
    {
        return call(() ->
        {
            sessions[slot].delete(path, version);
            return Outcome.ok();
        });
    }

    @Override
    public Outcome setData(final int slot, final String path, final byte[] data, final int version)
    {
        return call(() -> Outcome.stat(RawStat.of(sessions[slot].setData(path, data, version))));
    }

    @Override
    public Outcome getData(final int slot, final String path)
    {
        return call(() ->
        {
            final Stat stat = new Stat();
            final byte[] data = sessions[slot].getData(path, null, stat);
            return new Outcome(0, null, data, null, RawStat.of(stat), -1, null, null);
        });
    }

    @Override
    public Outcome exists(final int slot, final String path)
    {
        return call(() ->
        {
            final Stat stat = sessions[slot].exists(path);
            return null == stat ? Outcome.code(Outcome.NO_NODE) : Outcome.stat(RawStat.of(stat));
        });
    }

    @Override
    public Outcome getChildren(final int slot, final String path)
    {
        return call(() ->
        {
            final Stat stat = new Stat();
            final List<String> children = new ArrayList<>(sessions[slot].getChildren(path, null, stat));
            children.sort(null);
            return new Outcome(0, null, null, children, RawStat.of(stat), -1, null, null);
        });
    }

    @Override
    public Outcome multi(final int slot, final List<DiffOp> ops)
    {
        multiOps.clear();
        for (final DiffOp op : ops)
        {
            final UnsafeBuffer buffer = null == op.data() ? null : new UnsafeBuffer(op.data());
            final int length = null == op.data() ? 0 : op.data().length;
            switch (op.kind())
            {
                case CREATE -> multiOps.create(op.path(), buffer, 0, length, OPEN, op.mode(), op.ttlMs());
                case DELETE -> multiOps.delete(op.path(), op.version());
                case SET_DATA -> multiOps.setData(op.path(), buffer, 0, length, op.version());
                case CHECK -> multiOps.check(op.path(), op.version());
                default -> throw new IllegalStateException("not a multi sub-op: " + op);
            }
        }
        try
        {
            return new Outcome(0, null, null, null, null, -1, subOutcomes(sessions[slot].multi(multiOps), true), null);
        }
        catch (final AerieException ex)
        {
            return new Outcome(ex.code().value(), null, null, null, null, -1, subOutcomes(ex.results(), false),
                ex.getClass().getSimpleName());
        }
        catch (final IllegalArgumentException ex)
        {
            return Outcome.error(Outcome.CLIENT_REJECTED, ex.getClass().getSimpleName()); // As ZooKeeper's client.
        }
        finally
        {
            pollOthers();
        }
    }

    @Override
    public Outcome getAllChildrenNumber(final int slot, final String path)
    {
        return call(() -> new Outcome(0, null, null, null, null, sessions[slot].getAllChildrenNumber(path), null, null));
    }

    @Override
    public Outcome getEphemerals(final int slot, final String prefix)
    {
        return call(() ->
        {
            final List<String> paths = new ArrayList<>(sessions[slot].getEphemerals(prefix));
            paths.sort(null);
            return new Outcome(0, null, null, paths, null, -1, null, null);
        });
    }

    @Override
    public void close()
    {
        for (int slot = 0; slot < sessions.length; slot++)
        {
            closeSession(slot);
        }
    }

    /**
     * As ZooKeeper's: OK results typed by their op, a failed multi's all ERROR (ZooKeeper's ErrorResult).
     */
    private static List<Outcome.SubOutcome> subOutcomes(final List<OpResult> results, final boolean isOk)
    {
        if (null == results)
        {
            return null;
        }
        final List<Outcome.SubOutcome> subs = new ArrayList<>(results.size());
        for (final OpResult result : results)
        {
            subs.add(new Outcome.SubOutcome(isOk ? result.type().name() : "ERROR", result.code().value(),
                isOk ? result.path() : null, null == result.stat() ? null : RawStat.of(result.stat())));
        }
        return subs;
    }

    private Outcome call(final AerieCall call)
    {
        try
        {
            return call.call();
        }
        catch (final AerieException ex)
        {
            return Outcome.error(ex.code().value(), ex.getClass().getSimpleName());
        }
        catch (final IllegalArgumentException ex)
        {
            return Outcome.error(Outcome.CLIENT_REJECTED, ex.getClass().getSimpleName()); // As ZooKeeper's client.
        }
        finally
        {
            pollOthers();
        }
    }

    private void pollOthers()
    {
        for (final AerieClient client : sessions)
        {
            if (null != client)
            {
                client.poll();
            }
        }
    }

    @FunctionalInterface
    private interface AerieCall
    {
        Outcome call() throws AerieException;
    }
}
