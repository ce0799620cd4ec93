package io.aerie.client.difftest;

import io.aerie.codecs.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link DiffDriver} over Apache ZooKeeper's own Java client, the oracle: each call is the client's synchronous
 * method, a {@link KeeperException} becomes its code, an {@link IllegalArgumentException} of the client's path
 * validation becomes {@link Outcome#CLIENT_REJECTED}.
 */
final class ZooKeeperDriver implements DiffDriver
{
    private static final List<ACL> OPEN = ZooDefs.Ids.OPEN_ACL_UNSAFE;
    private static final int SESSION_TIMEOUT_MS = 30_000;

    private final String connectString;
    private final ZooKeeper[] sessions;

    ZooKeeperDriver(final String connectString, final int slots)
    {
        this.connectString = connectString;
        this.sessions = new ZooKeeper[slots];
    }

    @Override
    public String name()
    {
        return "ZooKeeper";
    }

    @Override
    public void openSession(final int slot) throws IOException, InterruptedException
    {
        final CountDownLatch connected = new CountDownLatch(1);
        final ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, (event) ->
        {
            if (Watcher.Event.KeeperState.SyncConnected == event.getState())
            {
                connected.countDown();
            }
        });
        if (!connected.await(30, TimeUnit.SECONDS))
        {
            zk.close();
            throw new IOException("ZooKeeper session not connected in time");
        }
        sessions[slot] = zk;
    }

    @Override
    public void closeSession(final int slot) throws InterruptedException
    {
        final ZooKeeper zk = sessions[slot];
        sessions[slot] = null;
        if (null != zk)
        {
            zk.close();
        }
    }

    @Override
    public long sessionId(final int slot)
    {
        return sessions[slot].getSessionId();
    }

    @Override
    public Outcome create(
        final int slot, final String path, final byte[] data, final CreateMode mode, final long ttlMs, final boolean withStat)
    {
        return call(() ->
        {
            final org.apache.zookeeper.CreateMode zkMode = org.apache.zookeeper.CreateMode.valueOf(mode.name());
            final Stat stat = withStat ? new Stat() : null;
            final String created = zkMode.isTTL() || withStat ?
                sessions[slot].create(path, data, OPEN, zkMode, stat, ttlMs) :
                sessions[slot].create(path, data, OPEN, zkMode);
            return new Outcome(0, created, null, null, RawStat.of(stat), -1, null, null);
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
            final byte[] data = sessions[slot].getData(path, false, stat);
            return new Outcome(0, null, data, null, RawStat.of(stat), -1, null, null);
        });
    }

    @Override
    public Outcome exists(final int slot, final String path)
    {
        return call(() ->
        {
            final Stat stat = sessions[slot].exists(path, false);
            return null == stat ? Outcome.code(Outcome.NO_NODE) : Outcome.stat(RawStat.of(stat));
        });
    }

    @Override
    public Outcome getChildren(final int slot, final String path)
    {
        return call(() ->
        {
            final Stat stat = new Stat();
            final List<String> children = new ArrayList<>(sessions[slot].getChildren(path, false, stat));
            children.sort(null);
            return new Outcome(0, null, null, children, RawStat.of(stat), -1, null, null);
        });
    }

    @Override
    public Outcome multi(final int slot, final List<DiffOp> ops)
    {
        final List<Op> zkOps = new ArrayList<>(ops.size());
        try
        {
            for (final DiffOp op : ops)
            {
                zkOps.add(toZooKeeper(op));
            }
        }
        catch (final IllegalArgumentException ex)
        {
            return Outcome.error(Outcome.CLIENT_REJECTED, ex.getClass().getSimpleName());
        }
        try
        {
            return new Outcome(0, null, null, null, null, -1, subOutcomes(sessions[slot].multi(zkOps)), null);
        }
        catch (final KeeperException ex)
        {
            return new Outcome(ex.code().intValue(), null, null, null, null, -1, subOutcomes(ex.getResults()),
                ex.getClass().getSimpleName());
        }
        catch (final IllegalArgumentException ex)
        {
            return Outcome.error(Outcome.CLIENT_REJECTED, ex.getClass().getSimpleName());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
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
            try
            {
                closeSession(slot);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Op toZooKeeper(final DiffOp op)
    {
        return switch (op.kind())
        {
            case CREATE ->
            {
                final org.apache.zookeeper.CreateMode zkMode = org.apache.zookeeper.CreateMode.valueOf(op.mode().name());
                yield zkMode.isTTL() ?
                    Op.create(op.path(), op.data(), OPEN, zkMode, op.ttlMs()) : Op.create(op.path(), op.data(), OPEN, zkMode);
            }
            case DELETE -> Op.delete(op.path(), op.version());
            case SET_DATA -> Op.setData(op.path(), op.data(), op.version());
            case CHECK -> Op.check(op.path(), op.version());
            default -> throw new IllegalStateException("not a multi sub-op: " + op);
        };
    }

    private static List<Outcome.SubOutcome> subOutcomes(final List<OpResult> results)
    {
        if (null == results)
        {
            return null;
        }
        final List<Outcome.SubOutcome> subs = new ArrayList<>(results.size());
        for (final OpResult result : results)
        {
            if (result instanceof OpResult.CreateResult create)
            {
                subs.add(new Outcome.SubOutcome("CREATE", 0, create.getPath(), RawStat.of(create.getStat())));
            }
            else if (result instanceof OpResult.DeleteResult)
            {
                subs.add(new Outcome.SubOutcome("DELETE", 0, null, null));
            }
            else if (result instanceof OpResult.SetDataResult setData)
            {
                subs.add(new Outcome.SubOutcome("SET_DATA", 0, null, RawStat.of(setData.getStat())));
            }
            else if (result instanceof OpResult.CheckResult)
            {
                subs.add(new Outcome.SubOutcome("CHECK", 0, null, null));
            }
            else if (result instanceof OpResult.ErrorResult error)
            {
                subs.add(new Outcome.SubOutcome("ERROR", error.getErr(), null, null));
            }
            else
            {
                throw new IllegalStateException("unexpected multi result " + result);
            }
        }
        return subs;
    }

    private static Outcome call(final ZooKeeperCall call)
    {
        try
        {
            return call.call();
        }
        catch (final KeeperException ex)
        {
            return Outcome.error(ex.code().intValue(), ex.getClass().getSimpleName());
        }
        catch (final IllegalArgumentException ex)
        {
            return Outcome.error(Outcome.CLIENT_REJECTED, ex.getClass().getSimpleName());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @FunctionalInterface
    private interface ZooKeeperCall
    {
        Outcome call() throws KeeperException, InterruptedException;
    }
}
