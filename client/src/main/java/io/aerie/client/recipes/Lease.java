package io.aerie.client.recipes;

/**
 * One permit of an {@link InterProcessSemaphore}, held from {@link InterProcessSemaphore#acquire} until
 * {@link #close()}: an ephemeral-sequential node {@code <path>/leases/lease-N}.
 * <p>
 * Call on the client's thread; nothing here blocks, so {@link #close()} may also be called from client callbacks.
 * {@link #isValid()} is false while the connection is lost (the node may be gone) and for good once the session
 * has ended (the node is gone with it); closing such a lease is safe and does nothing harmful.
 */
public final class Lease implements AutoCloseable
{
    private final SequentialNode node;
    private boolean closed;

    Lease(final SequentialNode node)
    {
        this.node = node;
    }

    /**
     * @return true while the lease is held and its node known to exist, with the client connected.
     */
    public boolean isValid()
    {
        return !closed && node.isReady();
    }

    /**
     * @return the lease node's path, or null once closed or gone.
     */
    public String nodePath()
    {
        return !closed && node.isInQueue() ? node.path() : null;
    }

    /**
     * @return the czxid of the lease node while {@link #isValid()}, else {@link InterProcessLock#NO_TOKEN}.
     */
    public long fencingToken()
    {
        return isValid() ? node.czxid() : InterProcessLock.NO_TOKEN;
    }

    /**
     * Give the permit back: delete the lease node without waiting. Idempotent; safe while disconnected (the delete
     * goes out when the session resumes, or the node goes with the session).
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            node.leave();
        }
    }
}
