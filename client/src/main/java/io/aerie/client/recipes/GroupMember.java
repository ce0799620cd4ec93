package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.codecs.ResultCode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * One member of a group: an ephemeral node {@code <group>/<memberId>} holding a payload (for example host, port and
 * metadata), there for as long as this member's session lives. {@link ServiceCache} and {@link ServiceDiscovery} list
 * a group's members.
 *
 * <h2>How</h2>
 * {@link #start()} sets a persistent watch on the member's node, then creates it (and the group's path, persistent, if
 * missing). The watch tells the member when its node is deleted (then it creates it again) and of every change of
 * the session's state.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@link #isRegistered()} is true only when a fresh answer showed the node owned by this session (its
 *   ephemeralOwner), with the client connected; false from the instant the connection is reported lost until a fresh
 *   answer confirms it again.</li>
 *   <li>Member ids are unique in a group: if another session's node holds the id (say, this process's previous
 *   session, not yet expired, or a second live instance), this member waits, unregistered, for that node to go, then
 *   takes the id. It never deletes or overwrites another session's node.</li>
 *   <li>A node deleted by someone else while the session lives is created again; {@link #setPayload(byte[])} is
 *   written to the node now if registered, else as soon as it is.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Driven by the client's {@link AerieClient#poll()}: all progress happens in its callbacks, on the polling thread.
 * Call every method on that thread; none blocks but {@link #awaitRegistered(long, TimeUnit)}, which polls the client
 * and must not be called from a callback.
 *
 * <h2>Session loss: what the caller must do</h2>
 * On DISCONNECTED and EVENTS_LOST nothing: the member checks its node again once the session resumes. <b>On
 * expiry</b> (or close) the node is gone with the session and the member is out for good ({@link State#SESSION_ENDED}):
 * the client never opens a new session by itself, so nothing re-registers. To be a member again, connect a new
 * client (the client's session listener hears EXPIRED) and start a new {@code GroupMember} with the same id: it
 * registers at once, or, if the old session's node is still there, as soon as it goes.
 */
public final class GroupMember implements AutoCloseable
{
    /**
     * Life cycle of a member.
     */
    public enum State
    {
        /** Created, not started. */
        LATENT,
        /** Registering or registered; see {@link #isRegistered()}. */
        STARTED,
        /** Out: the session expired or was closed; the node is gone with it. */
        SESSION_ENDED,
        /** Out: a request failed with an error ({@link #failure()}). */
        FAILED,
        /** Closed by the application: the node is deleted. */
        CLOSED
    }

    private static final State[] STATES = { State.LATENT, State.STARTED, State.SESSION_ENDED, State.FAILED, State.CLOSED };

    private final AerieClient client;
    private final String memberId;
    private final String nodePath;
    private final EphemeralNode node;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);

    /**
     * @param client    the client whose session the member's node lives in; polled by the caller.
     * @param groupPath the group's node, created if missing.
     * @param memberId  the member's node name: unique in the group, no '/'.
     * @param payload   the node's data, or null for none; copied.
     * @throws IllegalArgumentException if the id is empty or holds a '/'.
     */
    public GroupMember(final AerieClient client, final String groupPath, final String memberId, final byte[] payload)
    {
        if (memberId.isEmpty() || memberId.indexOf('/') >= 0)
        {
            throw new IllegalArgumentException("member id must be a node name: " + memberId);
        }
        this.client = client;
        this.memberId = memberId;
        this.nodePath = RecipeSupport.child(groupPath, memberId);
        this.node = new EphemeralNode(client, groupPath, nodePath, null == payload ? new byte[0] : payload.clone());
    }

    /**
     * Register: sends the watch and the create and returns at once; registration comes from polling.
     *
     * @throws IllegalStateException if started already or closed, or if the client's session has ended.
     */
    public void start()
    {
        if (EphemeralNode.LATENT != node.state())
        {
            throw new IllegalStateException("member is " + state());
        }
        if (!RecipeSupport.isSessionAlive(client))
        {
            throw new IllegalStateException("the client's session has ended: " + client.state());
        }
        node.start();
    }

    /**
     * Poll the client until registered, the timeout passes, or the member is out.
     *
     * @param timeout how long to wait; 0 only checks.
     * @param unit    unit of {@code timeout}.
     * @return true if registered on return.
     * @throws IllegalStateException if never started.
     */
    public boolean awaitRegistered(final long timeout, final TimeUnit unit)
    {
        if (EphemeralNode.LATENT == node.state())
        {
            throw new IllegalStateException("member not started");
        }
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        idleStrategy.reset();
        while (!node.isRegistered() && EphemeralNode.STARTED == node.state() && System.nanoTime() - deadlineNs < 0)
        {
            idleStrategy.idle(client.poll());
        }
        return node.isRegistered();
    }

    /**
     * @return true if the node is known to exist, owned by this session, with the client connected.
     */
    public boolean isRegistered()
    {
        return node.isRegistered();
    }

    /**
     * Replace the payload: written to the node now (without waiting) if registered, else once registered.
     *
     * @param payload the new data, or null for none; copied.
     */
    public void setPayload(final byte[] payload)
    {
        node.payload(null == payload ? new byte[0] : payload.clone());
    }

    /**
     * @return a copy of the payload last given.
     */
    public byte[] payload()
    {
        return node.payload().clone();
    }

    /**
     * @return the member's node path.
     */
    public String nodePath()
    {
        return nodePath;
    }

    /**
     * @return the member id.
     */
    public String memberId()
    {
        return memberId;
    }

    /**
     * @return the life cycle state.
     */
    public State state()
    {
        return STATES[node.state()];
    }

    /**
     * @return the error that put the member in {@link State#FAILED} (or the session's end), or null.
     */
    public ResultCode failure()
    {
        return node.failure();
    }

    /**
     * Leave the group: delete the node (if this session owns it; once created, if the create is in flight) without
     * waiting, and remove the watch. Idempotent; safe while disconnected (the delete waits in the client, or the node
     * goes with the session).
     */
    @Override
    public void close()
    {
        if (EphemeralNode.CLOSED != node.state())
        {
            node.close();
        }
    }
}
