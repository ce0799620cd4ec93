package io.aerie.bench.suite.aerie;

import io.aerie.bench.suite.LoadClient;
import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.Response;
import io.aerie.client.ResponseHandler;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.EventType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.model.AclList;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * A {@link LoadClient} over {@link AerieClient}'s asynchronous API: completions run inside {@link #poll()} on the
 * rig's thread. Each request borrows a reusable handler from a free list (token and completion in fields), and
 * data is wrapped in one reused buffer (the client encodes at send), so an operation allocates nothing.
 */
final class AerieLoadClient implements LoadClient
{
    private final AerieClient client;
    private final UnsafeBuffer data = new UnsafeBuffer(new byte[0]);
    private final AclList openAcl = AclList.openAclUnsafe();
    private Pending[] free = new Pending[64];
    private int freeCount;

    AerieLoadClient(final AerieClient client)
    {
        this.client = client;
    }

    /**
     * A request in flight: its token and completion; back on the free list once answered.
     */
    private final class Pending implements ResponseHandler
    {
        long token;
        Completion completion;
        boolean create;

        @Override
        public void onResponse(final Response response)
        {
            final long token = this.token;
            final Completion completion = this.completion;
            final boolean create = this.create;
            this.completion = null;
            release(this);
            final boolean ok = ResultCode.OK == response.code();
            if (create)
            {
                completion.onCreated(token, ok, ok ? response.path() : null);
            }
            else
            {
                completion.onComplete(token, ok);
            }
        }
    }

    @Override
    public void create(final String path, final byte[] data, final Mode mode, final long token, final Completion completion)
    {
        wrap(data);
        final CreateMode createMode = Mode.PERSISTENT == mode ? CreateMode.PERSISTENT : CreateMode.EPHEMERAL_SEQUENTIAL;
        client.create(path, this.data, 0, data.length, openAcl, createMode, -1, acquire(token, completion, true));
    }

    @Override
    public void delete(final String path, final long token, final Completion completion)
    {
        client.delete(path, -1, acquire(token, completion, false));
    }

    @Override
    public void setData(final String path, final byte[] data, final long token, final Completion completion)
    {
        wrap(data);
        client.setData(path, this.data, 0, data.length, -1, acquire(token, completion, false));
    }

    @Override
    public void getData(final String path, final long token, final Completion completion)
    {
        client.getDataAsync(path, acquire(token, completion, false));
    }

    @Override
    public int poll()
    {
        return client.poll();
    }

    @Override
    public boolean completesOnPollingThread()
    {
        return true;
    }

    @Override
    public void createIfAbsent(final String path, final byte[] data) throws AerieException
    {
        try
        {
            client.create(path, data);
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NODE_EXISTS != ex.code())
            {
                throw ex;
            }
        }
    }

    @Override
    public void deleteIfPresent(final String path) throws AerieException
    {
        try
        {
            client.delete(path, -1);
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE != ex.code())
            {
                throw ex;
            }
        }
    }

    @Override
    public void addPersistentWatch(final String path, final WatchListener listener) throws AerieException
    {
        client.addWatch(path, WatchMode.PERSISTENT, event ->
        {
            if (EventType.NODE_DATA_CHANGED == event.type())
            {
                listener.onDataChanged();
            }
        });
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(client);
    }

    private void wrap(final byte[] bytes)
    {
        if (data.byteArray() != bytes)
        {
            data.wrap(bytes);
        }
    }

    private Pending acquire(final long token, final Completion completion, final boolean create)
    {
        final Pending pending = freeCount > 0 ? free[--freeCount] : new Pending();
        pending.token = token;
        pending.completion = completion;
        pending.create = create;
        return pending;
    }

    private void release(final Pending pending)
    {
        if (freeCount == free.length)
        {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = pending;
    }
}
