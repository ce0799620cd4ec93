package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;

import java.util.concurrent.TimeUnit;

/**
 * A read-write lock across processes: any number of readers together, or one writer alone. ZooKeeper's shared
 * lock recipe.
 *
 * <h2>How</h2>
 * Readers and writers queue under one node with ephemeral-sequential {@code read-N} and {@code write-N} children
 * (the path created, persistent, if missing), ordered by sequence. A reader holds when no older write node
 * exists, and otherwise waits on the youngest older write node only; a writer holds when its node is the oldest,
 * and otherwise waits on the node just older than its own. Each waiter watches one node (no herd effect), and the
 * queue is fair: a reader that queued after a waiting writer waits for it.
 *
 * <h2>Reentrancy</h2>
 * Per instance of this class, as {@link InterProcessLock} describes, for each half. The write holder may also
 * take the read lock (its own write node does not block its read node), and then release the write lock: a
 * downgrade. The reverse, taking the write lock while holding only the read lock, would wait for itself forever
 * and is refused with {@link IllegalStateException}.
 *
 * <h2>Threading and session loss</h2>
 * As {@link InterProcessMutex}: everything on the client's thread, acquires poll the client and must not be called
 * from callbacks; while the connection is lost neither half {@link InterProcessLock#isHeld() is held}, and when the
 * session ends both are lost (hold counts 0, releases no-ops, acquires throw SESSION_EXPIRED): connect a new client
 * and make a new lock instance on it.
 */
public final class InterProcessReadWriteLock
{
    /** Name prefix of read nodes. */
    static final String READ_PREFIX = "read-";
    /** Name prefix of write nodes. */
    static final String WRITE_PREFIX = "write-";

    private final InterProcessMutex read;
    private final InterProcessMutex write;
    private final QueuePolicy.ReadPolicy readPolicy = new QueuePolicy.ReadPolicy(1);
    private final InterProcessLock readLock = new ReadLock();
    private final InterProcessLock writeLock = new WriteLock();

    /**
     * @param client   the client whose session the lock nodes live in.
     * @param lockPath the lock's node, created if missing.
     */
    public InterProcessReadWriteLock(final AerieClient client, final String lockPath)
    {
        read = new InterProcessMutex(
            client, lockPath, READ_PREFIX, readPolicy, new QueueSnapshot(READ_PREFIX, WRITE_PREFIX));
        write = new InterProcessMutex(
            client, lockPath, WRITE_PREFIX, QueuePolicy.OLDEST, new QueueSnapshot(READ_PREFIX, WRITE_PREFIX));
    }

    /**
     * @return the shared half: held together with other readers, never with a writer.
     */
    public InterProcessLock readLock()
    {
        return readLock;
    }

    /**
     * @return the exclusive half: held alone.
     */
    public InterProcessLock writeLock()
    {
        return writeLock;
    }

    /**
     * The read half: queues with the write holder of this instance exempt from blocking it.
     */
    private final class ReadLock implements InterProcessLock
    {
        @Override
        public boolean acquire(final long timeout, final TimeUnit unit) throws AerieException
        {
            readPolicy.exemptSequence(write.holdCount() > 0 ? write.sequence() : -1);
            return read.acquire(timeout, unit);
        }

        @Override
        public void release()
        {
            read.release();
        }

        @Override
        public boolean isHeld()
        {
            return read.isHeld();
        }

        @Override
        public int holdCount()
        {
            return read.holdCount();
        }

        @Override
        public long fencingToken()
        {
            return read.fencingToken();
        }

        @Override
        public String nodePath()
        {
            return read.nodePath();
        }
    }

    /**
     * The write half: refuses an upgrade from a read hold of this instance.
     */
    private final class WriteLock implements InterProcessLock
    {
        @Override
        public boolean acquire(final long timeout, final TimeUnit unit) throws AerieException
        {
            if (read.holdCount() > 0 && 0 == write.holdCount())
            {
                throw new IllegalStateException("cannot upgrade: this instance holds the read lock");
            }
            return write.acquire(timeout, unit);
        }

        @Override
        public void release()
        {
            write.release();
        }

        @Override
        public boolean isHeld()
        {
            return write.isHeld();
        }

        @Override
        public int holdCount()
        {
            return write.holdCount();
        }

        @Override
        public long fencingToken()
        {
            return write.fencingToken();
        }

        @Override
        public String nodePath()
        {
            return write.nodePath();
        }
    }
}
