package io.aerie.bench.suite.zookeeper;

import io.aerie.bench.suite.LoadClient;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The callback of one asynchronous ZooKeeper operation, carrying the rig's token and {@link LoadClient.Completion}
 * (ZooKeeper's {@code ctx} argument stays null, so the token is not boxed). Instances are pooled per session:
 * taken on the rig's thread (or by a completion sending the next operation on the event thread while the rig waits,
 * so never two takers at once), returned by the thread that completes them (ZooKeeper's event thread, or the
 * closing thread for operations a closed session drops), so the adapter adds no allocation per operation in
 * steady state. The result code maps to {@code ok = (rc == OK)}.
 */
final class PendingOperation implements
    AsyncCallback.StringCallback, AsyncCallback.VoidCallback, AsyncCallback.StatCallback, AsyncCallback.DataCallback
{
    private static final int OK = KeeperException.Code.OK.intValue();

    private final ManyToOneConcurrentArrayQueue<PendingOperation> pool;
    private long token;
    private LoadClient.Completion completion;

    /**
     * @param pool where the operation returns itself once completed (dropped if full).
     */
    PendingOperation(final ManyToOneConcurrentArrayQueue<PendingOperation> pool)
    {
        this.pool = pool;
    }

    /**
     * Take a pooled operation, or a new one if the pool is empty. One taker at a time (the pool's one consumer): the
     * rig's thread, or a completion sending the next operation while the rig's thread waits.
     *
     * @param pool       the session's pool.
     * @param token      the rig's token.
     * @param completion told of the outcome; not null.
     * @return the callback to hand to ZooKeeper.
     */
    static PendingOperation acquire(
        final ManyToOneConcurrentArrayQueue<PendingOperation> pool, final long token, final LoadClient.Completion completion)
    {
        PendingOperation operation = pool.poll();
        if (null == operation)
        {
            operation = new PendingOperation(pool);
        }
        operation.token = token;
        operation.completion = completion;

        return operation;
    }

    /**
     * A create completed; {@code name} is the created path (with its sequence suffix).
     */
    @Override
    public void processResult(final int rc, final String path, final Object ctx, final String name)
    {
        final long token = this.token;
        final LoadClient.Completion completion = release();
        final boolean ok = rc == OK;
        completion.onCreated(token, ok, ok ? name : null);
    }

    /**
     * A delete completed.
     */
    @Override
    public void processResult(final int rc, final String path, final Object ctx)
    {
        complete(rc);
    }

    /**
     * A setData completed.
     */
    @Override
    public void processResult(final int rc, final String path, final Object ctx, final Stat stat)
    {
        complete(rc);
    }

    /**
     * A getData completed.
     */
    @Override
    public void processResult(final int rc, final String path, final Object ctx, final byte[] data, final Stat stat)
    {
        complete(rc);
    }

    private void complete(final int rc)
    {
        final long token = this.token;
        final LoadClient.Completion completion = release();
        completion.onComplete(token, rc == OK);
    }

    // Back to the pool before the completion runs: a closed-loop rig sends its next operation from the
    // completion and takes this instance again instead of a new one.
    private LoadClient.Completion release()
    {
        final LoadClient.Completion completion = this.completion;
        this.completion = null;
        pool.offer(this);

        return completion;
    }
}
