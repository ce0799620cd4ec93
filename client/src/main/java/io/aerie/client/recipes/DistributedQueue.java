package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A FIFO queue of byte arrays shared by processes: ZooKeeper's queue recipe.
 *
 * <h2>How</h2>
 * {@link #put(byte[])} creates a persistent-sequential child {@code <path>/item-N} holding the item (the path created,
 * persistent, if missing). A consumer lists the children (the cluster sorts them by name, which with fixed-width
 * sequence numbers is the order they were put), reads the oldest and deletes it: the one whose delete succeeds has
 * taken it; a consumer that loses the race goes on to the next. {@link #take(long, TimeUnit)} on an empty queue
 * waits on a one-time child watch.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Each item is taken by at most one consumer: the delete decides, atomically in the cluster.</li>
 *   <li>Items are taken in the order their puts were applied, as far as one consumer can tell: a consumer never takes
 *   an item while an older one it listed is still there. With several consumers, items are handed out in order but
 *   may be processed out of order.</li>
 *   <li>At most once: an item is deleted before it is returned. A consumer that dies between the two loses it. Items
 *   are persistent: they outlive the session that put them.</li>
 *   <li>Every waiting consumer is woken by each put (herd effect); each then tries the oldest items.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Every method blocks, polling the client: call on the client's thread, outside client callbacks. {@link #put} waits
 * at most the client's request timeout, {@link #poll()} and {@link #size()} twice the session timeout, {@link #take}
 * its timeout; except that once a delete is sent, a take or poll waits for its answer (the item's fate) up to twice
 * the session timeout past that.
 *
 * <h2>Session loss: what the caller must do</h2>
 * While the client is DISCONNECTED a consumer keeps waiting until its timeout; EVENTS_LOST makes it list again. When
 * the session expires or is closed every call throws SESSION_EXPIRED: connect a new client and make a new queue
 * instance; the items are still there. If a take throws CONNECTION_LOSS, the answer to its delete never came: that
 * item may or may not have been removed (and is not returned), so at-most-once holds, but an item may be lost.
 */
public final class DistributedQueue
{
    /** Name prefix of item nodes. */
    static final String PREFIX = "item-";

    private final AerieClient client;
    private final String queuePath;
    private final String prefixPath;
    private final RecipeCall call;
    private final WatchSignal signal = new WatchSignal();

    /**
     * @param client    the client to use; polled by the blocking methods.
     * @param queuePath the queue's node, created if missing.
     */
    public DistributedQueue(final AerieClient client, final String queuePath)
    {
        this.client = client;
        this.queuePath = queuePath;
        this.prefixPath = RecipeSupport.child(queuePath, PREFIX);
        this.call = new RecipeCall(client);
    }

    /**
     * Put an item at the back of the queue.
     *
     * @param item the item's bytes, or null for an empty item; written as given.
     * @return the item's node path.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT (the item may or may not be in the queue), or another
     *                        error such as DATA_TOO_LARGE.
     */
    public String put(final byte[] item) throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        return RecipeCall.createWithParents(client, prefixPath, item, CreateMode.PERSISTENT_SEQUENTIAL);
    }

    /**
     * Take the oldest item, if any, without waiting for one to be put.
     *
     * @return the item, or null if the queue is empty.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT if no answer came within twice the session timeout,
     *                        CONNECTION_LOSS if a delete's answer never came (see the class comment), or another error.
     */
    public byte[] poll() throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2L * client.sessionTimeoutMs());
        final List<String> items = list(false, deadlineNs);
        if (null == items)
        {
            throw AerieException.create(ResultCode.OPERATION_TIMEOUT, queuePath);
        }
        return takeFirst(items, deadlineNs);
    }

    /**
     * Take the oldest item, waiting, polling the client, until there is one or the timeout passes.
     *
     * @param timeout how long to wait, round trips included.
     * @param unit    unit of {@code timeout}.
     * @return the item, or null if the timeout passed first.
     * @throws AerieException SESSION_EXPIRED, CONNECTION_LOSS if a delete's answer never came (see the class comment),
     *                        or the error of a failed request.
     */
    public byte[] take(final long timeout, final TimeUnit unit) throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        // The first pass sets no watch: a take from a queue with items leaves none behind.
        boolean watch = false;
        while (true)
        {
            signal.reset();
            final List<String> items = list(watch, deadlineNs);
            if (null == items)
            {
                return null;
            }
            final byte[] item = takeFirst(items, deadlineNs);
            if (null != item)
            {
                return item;
            }
            if (watch && !call.awaitSignal(signal, queuePath, deadlineNs))
            {
                return null;
            }
            watch = true;
        }
    }

    /**
     * @return the number of items, as of a fresh read.
     * @throws AerieException SESSION_EXPIRED, OPERATION_TIMEOUT or another error.
     */
    public int size() throws AerieException
    {
        RecipeSupport.requireSessionAlive(client);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2L * client.sessionTimeoutMs());
        final List<String> items = list(false, deadlineNs);
        if (null == items)
        {
            throw AerieException.create(ResultCode.OPERATION_TIMEOUT, queuePath);
        }
        return items.size();
    }

    /**
     * @return the queue's node path.
     */
    public String path()
    {
        return queuePath;
    }

    /**
     * @param watch true to leave a child watch (with {@link #signal}); the queue's node is then created if missing,
     *              so the watch can be set.
     * @return the item names, oldest first; null if the deadline passed first.
     */
    private List<String> list(final boolean watch, final long deadlineNs) throws AerieException
    {
        ResultCode code = call.await(client.getChildrenAsync(queuePath, watch ? signal : null, call), queuePath, deadlineNs);
        if (ResultCode.NO_NODE == code && watch)
        {
            code = call.create(queuePath, null, CreateMode.PERSISTENT, deadlineNs, false);
            if (ResultCode.OK == code || ResultCode.NODE_EXISTS == code)
            {
                code = call.await(client.getChildrenAsync(queuePath, signal, call), queuePath, deadlineNs);
            }
        }
        if (null == code)
        {
            return null;
        }
        if (ResultCode.NO_NODE == code)
        {
            return List.of();
        }
        if (ResultCode.OK != code)
        {
            throw AerieException.create(code, queuePath);
        }
        return call.names();
    }

    /**
     * Try the items oldest first until one is taken.
     *
     * @return the item taken, or null if every one was taken by others first (or the deadline passed).
     */
    private byte[] takeFirst(final List<String> names, final long deadlineNs) throws AerieException
    {
        final List<String> items = RecipeCall.sequentialNames(names, PREFIX);
        for (int i = 0, size = items.size(); i < size; i++)
        {
            final String itemPath = RecipeSupport.child(queuePath, items.get(i));
            final ResultCode read = call.await(client.getDataAsync(itemPath, null, call), itemPath, deadlineNs);
            if (null == read)
            {
                return null;
            }
            if (ResultCode.NO_NODE == read)
            {
                continue;
            }
            if (ResultCode.OK != read)
            {
                throw AerieException.create(read, itemPath);
            }
            final byte[] item = call.data();
            // Once the delete is out, its answer is the item's fate: wait for it past the caller's deadline.
            final long outcomeDeadlineNs = Math.max(deadlineNs,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2L * client.sessionTimeoutMs()));
            final ResultCode deleted = call.await(client.delete(itemPath, -1, call), itemPath, outcomeDeadlineNs);
            if (null == deleted)
            {
                throw AerieException.create(ResultCode.CONNECTION_LOSS, itemPath);
            }
            if (ResultCode.OK == deleted)
            {
                return item;
            }
            if (ResultCode.NO_NODE != deleted)
            {
                throw AerieException.create(deleted, itemPath);
            }
        }
        return null;
    }
}
