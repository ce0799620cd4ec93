package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.codecs.ResultCode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Leader election, latch form: of all started latches on one election path, at most one claims leadership at a
 * time; {@link #hasLeadership()} tells whether this one does, {@link #awaitLeadership(long, TimeUnit)} waits for
 * it, and an optional {@link LeadershipListener} is told of every gain and loss.
 *
 * <h2>How</h2>
 * ZooKeeper's election recipe: each contender creates an ephemeral-sequential node {@code <path>/latch-N}; the
 * contender with the oldest node is the leader; every other one watches only the node just older than its own
 * (a one-time data watch, no herd effect) and, when that node goes, reads the children again. The election path
 * is created, persistent, if missing.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A latch claims leadership only on a fresh answer from the cluster showing its node as the oldest, with
 *   the client connected. Two latches never claim at once as far as the cluster's order goes; a latch whose
 *   process is paused, or whose client has not yet noticed a lost session, may still believe it leads while a
 *   successor already does. No recipe can close that window: fencing tokens make it harmless.</li>
 *   <li><b>Fencing token</b> ({@link #fencingToken()}): the czxid of the leader's election node. Nodes are created
 *   in log order and a new leader's node is younger than every earlier leader's, so each term's token is larger
 *   than every earlier term's (a term claimed again after a lost connection keeps its token).</li>
 *   <li>Leadership is never kept on a client-side timer (Curator issue 980): it ends at once when the client
 *   reports the connection lost (DISCONNECTED: {@link LeadershipLoss#CONNECTION_LOST}), since the node may
 *   be gone by then. If the connection comes back with the same session, the latch reads the children again and
 *   claims the same term again (same token) only if its node is still the oldest.</li>
 *   <li>EVENTS_LOST (watch events missed): the latch reads the children again and sets its watch again.</li>
 *   <li>If the node is deleted by someone else, a started latch enters again with a new node.</li>
 * </ul>
 *
 * <h2>Fencing: how a leader and a resource use the token</h2>
 * The leader attaches {@link #fencingToken()}, read when it acts, to every action; the resource keeps the highest
 * token it has accepted and refuses any action with a lower one, atomically with applying it:
 * <pre>{@code
 * // leader, on the client's thread, outside callbacks
 * if (latch.hasLeadership()) {
 *     store.write(key, value, latch.fencingToken());
 * }
 * // resource
 * synchronized void write(K key, V value, long token) {
 *     if (token < highestToken) throw new StaleLeaderException(token, highestToken);
 *     highestToken = token;
 *     apply(key, value);
 * }
 * }</pre>
 * A deposed leader's late action then carries a lower token than its successor's first one and is refused. When the
 * resource is Aerie itself, a leader can instead make each write conditional on its election node still existing:
 * {@code multi(check(nodePath(), -1), setData(...))} fails once the node is gone.
 *
 * <h2>Threading</h2>
 * Driven by the client's {@link AerieClient#poll()}: all state changes and listener calls happen inside it (or
 * inside a blocking call, or {@link #awaitLeadership}, polling on the client's thread). Every method must be
 * called on that thread; {@link #start()}, {@link #close()}, {@link #hasLeadership()} and {@link #fencingToken()}
 * never block and may be called from client callbacks; {@link #awaitLeadership} polls and must not be.
 *
 * <h2>Session loss: what the caller must do</h2>
 * On DISCONNECTED nothing: the latch gives leadership up and takes it back itself. When the session expires or
 * is closed, the latch is out for good ({@link State#SESSION_ENDED}): the client never opens a new session by
 * itself, so the application must connect a new {@link AerieClient} and start a new latch on it to stand again.
 */
public final class LeaderLatch implements AutoCloseable
{
    /** {@link #fencingToken()} when this latch does not lead. */
    public static final long NO_TOKEN = -1;

    /** Name prefix of the election nodes. */
    static final String PREFIX = "latch-";

    /**
     * Life cycle of a latch (and of a {@link LeaderSelector}).
     */
    public enum State
    {
        /** Created, not started. */
        LATENT,
        /** In the election. */
        STARTED,
        /** Out: the session expired or was closed. A new client and a new latch are needed. */
        SESSION_ENDED,
        /** Out: a request of the election failed with an error ({@link #failure()}). */
        FAILED,
        /** Closed by the application. */
        CLOSED
    }

    private final AerieClient client;
    private final byte[] participantData;
    private final LeadershipListener listener;
    private final SequentialNode node;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private State state = State.LATENT;
    private boolean leader;
    private long token = NO_TOKEN;

    /**
     * @param client          the client whose session the latch's node lives in; polled by the caller.
     * @param electionPath    the election's node (its children are the contenders), created if missing.
     * @param participantData data of this contender's node (for example its id or address), or null.
     * @param listener        told of gains and losses on the polling thread, or null.
     */
    public LeaderLatch(
        final AerieClient client, final String electionPath, final byte[] participantData, final LeadershipListener listener)
    {
        this.client = client;
        this.participantData = participantData;
        this.listener = listener;
        this.node = new SequentialNode(
            client, electionPath, PREFIX, QueuePolicy.OLDEST, new QueueSnapshot(PREFIX), new NodeEvents());
    }

    /**
     * A latch with no data and no listener.
     *
     * @param client       the client whose session the latch's node lives in; polled by the caller.
     * @param electionPath the election's node, created if missing.
     */
    public LeaderLatch(final AerieClient client, final String electionPath)
    {
        this(client, electionPath, null, null);
    }

    /**
     * Enter the election: sends the node's create and returns at once; leadership comes later, from polling.
     *
     * @throws IllegalStateException if already started or closed, or if the client's session has ended.
     */
    public void start()
    {
        if (State.LATENT != state)
        {
            throw new IllegalStateException("latch is " + state);
        }
        if (!RecipeSupport.isSessionAlive(client))
        {
            throw new IllegalStateException("the client's session has ended: " + client.state());
        }
        state = State.STARTED;
        node.enter(participantData);
    }

    /**
     * Leave the election: if leading, stop claiming leadership now (the listener is told,
     * {@link LeadershipLoss#RELINQUISHED}), then delete the node without waiting. Safe while disconnected: the
     * delete goes out when the session resumes, and if it ends instead the node goes with it. Idempotent.
     */
    @Override
    public void close()
    {
        if (State.CLOSED == state)
        {
            return;
        }
        state = State.CLOSED;
        lose(LeadershipLoss.RELINQUISHED);
        node.leave();
    }

    /**
     * @return true if this latch is the leader now, as far as this client knows; false from the instant the
     * connection is reported lost.
     */
    public boolean hasLeadership()
    {
        return leader;
    }

    /**
     * @return the current term's fencing token (the czxid of this latch's election node) while this latch leads,
     * else {@link #NO_TOKEN}. Larger than the token of every earlier term on this election path.
     */
    public long fencingToken()
    {
        return leader ? token : NO_TOKEN;
    }

    /**
     * Poll the client until this latch leads, the timeout passes, or the latch is out of the election.
     *
     * @param timeout how long to wait; 0 only checks.
     * @param unit    unit of {@code timeout}.
     * @return true if this latch leads on return.
     * @throws IllegalStateException if the latch was never started.
     */
    public boolean awaitLeadership(final long timeout, final TimeUnit unit)
    {
        if (State.LATENT == state)
        {
            throw new IllegalStateException("latch not started");
        }
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        idleStrategy.reset();
        while (!leader && State.STARTED == state && System.nanoTime() - deadlineNs < 0)
        {
            idleStrategy.idle(client.poll());
        }
        return leader;
    }

    /**
     * @return the life cycle state.
     */
    public State state()
    {
        return state;
    }

    /**
     * @return path of this latch's election node, or null while it is not created (or after it is gone).
     */
    public String nodePath()
    {
        return node.isInQueue() ? node.path() : null;
    }

    /**
     * @return the error that put the latch in {@link State#FAILED}, or null.
     */
    public ResultCode failure()
    {
        return State.FAILED == state ? node.failure() : null;
    }

    private void lose(final LeadershipLoss reason)
    {
        if (leader)
        {
            leader = false;
            if (null != listener)
            {
                listener.onLeadershipLost(token, reason);
            }
        }
    }

    /**
     * The election node's progress.
     */
    private final class NodeEvents implements QueueListener
    {
        @Override
        public void onReady(final SequentialNode readyNode)
        {
            if (State.STARTED == state && !leader)
            {
                leader = true;
                token = readyNode.czxid();
                if (null != listener)
                {
                    listener.onLeadershipGained(token);
                }
            }
        }

        @Override
        public void onSuspended(final SequentialNode suspendedNode)
        {
            lose(LeadershipLoss.CONNECTION_LOST);
        }

        @Override
        public void onGone(final SequentialNode goneNode, final int cause)
        {
            if (QueueListener.SESSION_ENDED == cause)
            {
                state = State.STARTED == state ? State.SESSION_ENDED : state;
                lose(LeadershipLoss.SESSION_ENDED);
            }
            else if (QueueListener.NODE_DELETED == cause)
            {
                lose(LeadershipLoss.NODE_DELETED);
                if (State.STARTED == state)
                {
                    node.enter(participantData);
                }
            }
            else
            {
                state = State.STARTED == state ? State.FAILED : state;
                lose(LeadershipLoss.FAILED);
            }
        }
    }
}
