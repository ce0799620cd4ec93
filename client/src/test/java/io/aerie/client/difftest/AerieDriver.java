package io.aerie.client.difftest;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieClientContext;
import io.aerie.client.AerieException;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * {@link DiffDriver} over {@link AerieClient}'s asynchronous API, whose {@link Response} carries what the
 * blocking API does not return yet (create's Stat, a multi's per-op codes and paths). Each call sends, then polls
 * every open session's client until the answer arrives, so idle sessions keep alive.
 */
final class AerieDriver implements DiffDriver
{
    private static final AclList OPEN = AclList.openAclUnsafe();
    private static final long ANSWER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final Supplier<AerieClientContext> contexts;
    private final AerieClient[] sessions;
    private final MultiOps multiOps = new MultiOps();

    /**
     * @param contexts a new client context per session, not yet concluded.
     * @param slots    number of session slots.
     */
    AerieDriver(final Supplier<AerieClientContext> contexts, final int slots)
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
        final Capture capture = new Capture();
        final UnsafeBuffer buffer = buffer(data);
        await(sessions[slot].create(path, buffer, 0, buffer.capacity(), OPEN, mode, ttlMs, capture), capture);
        if (ResultCode.OK != capture.code)
        {
            return Outcome.code(capture.code.value());
        }
        return new Outcome(0, capture.path, null, null, withStat ? capture.stat : null, -1, null);
    }

    @Override
    public Outcome delete(final int slot, final String path, final int version)
    {
        final Capture capture = new Capture();
        await(sessions[slot].delete(path, version, capture), capture);
        return Outcome.code(capture.code.value());
    }

    @Override
    public Outcome setData(final int slot, final String path, final byte[] data, final int version)
    {
        final Capture capture = new Capture();
        final UnsafeBuffer buffer = buffer(data);
        await(sessions[slot].setData(path, buffer, 0, buffer.capacity(), version, capture), capture);
        return ResultCode.OK == capture.code ? Outcome.stat(capture.stat) : Outcome.code(capture.code.value());
    }

    @Override
    public Outcome getData(final int slot, final String path)
    {
        final Capture capture = new Capture();
        await(sessions[slot].getData(path, capture), capture);
        if (ResultCode.OK != capture.code)
        {
            return Outcome.code(capture.code.value());
        }
        return new Outcome(0, null, capture.data, null, capture.stat, -1, null);
    }

    @Override
    public Outcome exists(final int slot, final String path)
    {
        final Capture capture = new Capture();
        await(sessions[slot].exists(path, capture), capture);
        return ResultCode.OK == capture.code ? Outcome.stat(capture.stat) : Outcome.code(capture.code.value());
    }

    @Override
    public Outcome getChildren(final int slot, final String path)
    {
        final Capture capture = new Capture();
        await(sessions[slot].getChildren(path, capture), capture);
        if (ResultCode.OK != capture.code)
        {
            return Outcome.code(capture.code.value());
        }
        final List<String> children = new ArrayList<>(capture.names);
        children.sort(null);
        return new Outcome(0, null, null, children, capture.stat, -1, null);
    }

    @Override
    public Outcome multi(final int slot, final List<DiffOp> ops)
    {
        multiOps.clear();
        for (final DiffOp op : ops)
        {
            final UnsafeBuffer buffer = buffer(op.data());
            switch (op.kind())
            {
                case CREATE -> multiOps.create(op.path(), buffer, 0, buffer.capacity(), OPEN, op.mode(), op.ttlMs());
                case DELETE -> multiOps.delete(op.path(), op.version());
                case SET_DATA -> multiOps.setData(op.path(), buffer, 0, buffer.capacity(), op.version());
                case CHECK -> multiOps.check(op.path(), op.version());
                default -> throw new IllegalStateException("not a multi sub-op: " + op);
            }
        }
        final Capture capture = new Capture();
        await(sessions[slot].multi(multiOps, capture), capture);
        if (capture.multiCodes.isEmpty() && !ops.isEmpty())
        {
            return Outcome.code(capture.code.value());
        }
        final boolean isOk = ResultCode.OK == capture.code;
        final List<Outcome.SubOutcome> subs = new ArrayList<>(capture.multiCodes.size());
        for (int i = 0; i < capture.multiCodes.size(); i++)
        {
            // The client does not expose a sub-op's type or Stat yet: the type is the op's own (ERROR in a failed
            // multi, as ZooKeeper's ErrorResult), the Stat unknown (see KnownDifference.MULTI_OP_STAT_NOT_EXPOSED).
            final String type = isOk ? ops.get(i).kind().name() : "ERROR";
            final String path = OpType.CREATE.name().equals(type) ? capture.names.get(i) : null;
            subs.add(new Outcome.SubOutcome(type, capture.multiCodes.get(i).value(), path, null));
        }
        return new Outcome(capture.code.value(), null, null, null, null, -1, subs);
    }

    @Override
    public Outcome getAllChildrenNumber(final int slot, final String path)
    {
        final Capture capture = new Capture();
        await(sessions[slot].getAllChildrenNumber(path, capture), capture);
        return ResultCode.OK == capture.code ?
            new Outcome(0, null, null, null, null, capture.count, null) : Outcome.code(capture.code.value());
    }

    @Override
    public Outcome getEphemerals(final int slot, final String prefix)
    {
        final Capture capture = new Capture();
        await(sessions[slot].getEphemerals(prefix, capture), capture);
        if (ResultCode.OK != capture.code)
        {
            return Outcome.code(capture.code.value());
        }
        final List<String> paths = new ArrayList<>(capture.names);
        paths.sort(null);
        return new Outcome(0, null, null, paths, null, -1, null);
    }

    @Override
    public void close()
    {
        for (int slot = 0; slot < sessions.length; slot++)
        {
            closeSession(slot);
        }
    }

    private static UnsafeBuffer buffer(final byte[] data)
    {
        // Null data is sent as empty: the client has no way to say null yet (KnownDifference.NULL_DATA).
        return new UnsafeBuffer(null == data ? new byte[0] : data);
    }

    private void await(final long correlationId, final Capture capture)
    {
        final long deadlineNs = System.nanoTime() + ANSWER_TIMEOUT_NS;
        while (!capture.done)
        {
            int work = 0;
            for (final AerieClient client : sessions)
            {
                if (null != client)
                {
                    work += client.poll();
                }
            }
            if (0 == work)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IllegalStateException("no answer from Aerie in time to request " + correlationId);
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
            }
        }
    }

    /**
     * Copies what the differential test compares out of the reusable {@link Response}; one per request, so any
     * answer it is given is its request's.
     */
    private static final class Capture implements ResponseHandler
    {
        boolean done;
        ResultCode code;
        RawStat stat;
        String path;
        byte[] data;
        List<String> names;
        long count;
        final List<ResultCode> multiCodes = new ArrayList<>();

        @Override
        public void onResponse(final Response response)
        {
            code = response.code();
            stat = RawStat.of(response.stat());
            path = response.path().toString();
            data = new byte[response.dataLength()];
            response.data().getBytes(0, data);
            names = response.names().toList();
            count = response.count();
            for (int i = 0; i < response.multiCount(); i++)
            {
                multiCodes.add(response.multiCode(i));
            }
            done = true;
        }
    }
}
