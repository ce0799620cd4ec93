package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * The blocking side of the recipes that wait with the caller's timeout (barriers, queue): send an asynchronous
 * request, then poll the client until its answer, the caller's deadline, or the end of the session. The client's
 * own blocking API would wait its request timeout instead, whatever the caller asked for.
 * <p>
 * Copies what the recipes read from the answer (code, stat, data, children names, created path): a little
 * allocation per call, nothing per poll. An answer that comes after its wait gave up is ignored, except that a node
 * whose create was given up on can be deleted when the create's answer comes. Runs on the client's
 * thread, outside client callbacks (it polls). Not thread safe.
 */
final class RecipeCall implements ResponseHandler
{
    private static final long NONE = 0;
    private static final byte[] EMPTY = new byte[0];

    private final AerieClient client;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private final AclList acl = AclList.openAclUnsafe();
    private final UnsafeBuffer buffer = new UnsafeBuffer(EMPTY);
    private final Stat stat = new Stat();
    private final LongHashSet lateCreates = new LongHashSet();
    private long awaitedId = NONE;
    private boolean answered;
    private ResultCode code;
    private byte[] data = EMPTY;
    private List<String> names = List.of();
    private String createdPath;

    RecipeCall(final AerieClient client)
    {
        this.client = client;
    }

    /**
     * Poll the client until the request is answered, the deadline passes, or the session ends.
     *
     * @param correlationId the request, sent with this object as its handler.
     * @param path          named in the exception if the session ends.
     * @param deadlineNs    {@link System#nanoTime()} to give up at.
     * @return the answer's code, or null if the deadline passed first (the request's outcome is then unknown).
     * @throws AerieException SESSION_EXPIRED if the session expired or was closed before the answer.
     */
    ResultCode await(final long correlationId, final String path, final long deadlineNs) throws AerieException
    {
        awaitedId = correlationId;
        answered = false;
        idleStrategy.reset();
        try
        {
            while (!answered)
            {
                RecipeSupport.requireSessionAlive(client);
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    return null;
                }
                idleStrategy.idle(client.poll());
            }
        }
        finally
        {
            awaitedId = NONE;
        }
        if (ResultCode.SESSION_EXPIRED == code ||
            (ResultCode.CONNECTION_LOSS == code && !RecipeSupport.isSessionAlive(client)))
        {
            throw AerieException.create(ResultCode.SESSION_EXPIRED, path);
        }
        return code;
    }

    /**
     * Poll the client until the signal fires, the deadline passes, or the session ends.
     *
     * @return true if the signal fired, false if the deadline passed first.
     * @throws AerieException SESSION_EXPIRED if the session expired or was closed first.
     */
    boolean awaitSignal(final WatchSignal signal, final String path, final long deadlineNs) throws AerieException
    {
        idleStrategy.reset();
        while (!signal.fired())
        {
            if (!RecipeSupport.isSessionAlive(client))
            {
                throw AerieException.create(ResultCode.SESSION_EXPIRED, path);
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return false;
            }
            idleStrategy.idle(client.poll());
        }
        return true;
    }

    /**
     * Create a node, and its missing ancestors (persistent, empty) if the parent does not exist, then wait.
     *
     * @param deleteIfLate if the deadline passes before the answer: delete the node when the answer comes, if the
     *                     create succeeded (a waiter's node must not outlive a wait that gave up).
     * @return the answer's code (the path is then {@link #createdPath()}), or null if the deadline passed first.
     * @throws AerieException SESSION_EXPIRED if the session ended first.
     */
    ResultCode create(
        final String path, final byte[] value, final CreateMode mode, final long deadlineNs, final boolean deleteIfLate)
        throws AerieException
    {
        ResultCode result = awaitCreate(path, value, mode, deadlineNs, deleteIfLate);
        if (ResultCode.NO_NODE == result)
        {
            final int slash = path.lastIndexOf('/');
            if (slash > 0)
            {
                // Answers of the ancestors' creates (NODE_EXISTS for those that exist) are not awaited: they are
                // applied in order, before the create sent after them.
                RecipeSupport.createPath(client, path.substring(0, slash), buffer, acl, this);
            }
            result = awaitCreate(path, value, mode, deadlineNs, deleteIfLate);
        }
        return result;
    }

    private ResultCode awaitCreate(
        final String path, final byte[] value, final CreateMode mode, final long deadlineNs, final boolean deleteIfLate)
        throws AerieException
    {
        buffer.wrap(null == value ? EMPTY : value);
        final long correlationId = client.create(path, buffer, 0, buffer.capacity(), acl, mode, -1, this);
        final ResultCode result = await(correlationId, path, deadlineNs);
        if (null == result && deleteIfLate)
        {
            lateCreates.add(correlationId);
        }
        return result;
    }

    /**
     * Create a node with the client's blocking API (bounded by its request timeout), and its missing ancestors
     * (persistent, empty) if the parent does not exist.
     *
     * @return the created path.
     * @throws AerieException the create's error (NODE_EXISTS included), or OPERATION_TIMEOUT (outcome unknown).
     */
    static String createWithParents(final AerieClient client, final String path, final byte[] value, final CreateMode mode)
        throws AerieException
    {
        final AclList acl = AclList.openAclUnsafe();
        try
        {
            return client.create(path, value, acl, mode, -1);
        }
        catch (final AerieException ex)
        {
            final int slash = path.lastIndexOf('/');
            if (ResultCode.NO_NODE != ex.code() || slash <= 0)
            {
                throw ex;
            }
            int next = path.indexOf('/', 1);
            while (next > 0 && next <= slash)
            {
                try
                {
                    client.create(path.substring(0, next), null, acl, CreateMode.PERSISTENT, -1);
                }
                catch (final AerieException exists)
                {
                    if (ResultCode.NODE_EXISTS != exists.code())
                    {
                        throw exists;
                    }
                }
                next = path.indexOf('/', next + 1);
            }
            return client.create(path, value, acl, mode, -1);
        }
    }

    /**
     * @return the names among {@code names} that are {@code prefix} and a 10-digit sequence number, in the same order
     * (the cluster's name order, which for one prefix is creation order); {@code names} itself if all are.
     */
    static List<String> sequentialNames(final List<String> names, final String prefix)
    {
        int kept = 0;
        for (int i = 0, size = names.size(); i < size; i++)
        {
            kept += isSequential(names.get(i), prefix) ? 1 : 0;
        }
        if (kept == names.size())
        {
            return names;
        }
        final String[] sequential = new String[kept];
        for (int i = 0, j = 0, size = names.size(); i < size; i++)
        {
            if (isSequential(names.get(i), prefix))
            {
                sequential[j++] = names.get(i);
            }
        }
        return List.of(sequential);
    }

    private static boolean isSequential(final String name, final String prefix)
    {
        return name.length() == prefix.length() + QueueSnapshot.SEQUENCE_DIGITS && name.startsWith(prefix) &&
            QueueSnapshot.sequenceOf(name) >= 0;
    }

    /**
     * @return the stat of the last answer awaited.
     */
    Stat stat()
    {
        return stat;
    }

    /**
     * @return a copy of the data of the last answer awaited (a getData), empty for others.
     */
    byte[] data()
    {
        return data;
    }

    /**
     * @return the children names of the last answer awaited (a getChildren), sorted; empty for others.
     */
    List<String> names()
    {
        return names;
    }

    /**
     * @return the created path of the last answer awaited (a create), else null.
     */
    String createdPath()
    {
        return createdPath;
    }

    @Override
    public void onResponse(final Response response)
    {
        if (lateCreates.remove(response.correlationId()))
        {
            if (ResultCode.OK == response.code() && RecipeSupport.isSessionAlive(client))
            {
                client.delete(response.path(), -1, this);
            }
            return;
        }
        if (NONE == awaitedId || response.correlationId() != awaitedId)
        {
            return;
        }
        answered = true;
        code = response.code();
        stat.set(response.stat());
        final int length = response.dataLength();
        data = 0 == length ? EMPTY : new byte[length];
        response.data().getBytes(0, data, 0, length);
        names = 0 == response.names().size() ? List.of() : response.names().toList();
        createdPath = 0 == response.path().length() ? null : response.path().toString();
    }
}
