package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;

/**
 * Leader election, selector form: when this contender is elected, its {@link LeadershipTask} is given control;
 * when the task returns, leadership is given up (the election node deleted) and, with {@link #autoRequeue(boolean)},
 * the selector enters the election again at the back of the queue. Elections rotate among selectors that requeue.
 *
 * <h2>Designed for a polled, single-threaded client</h2>
 * The election runs in client callbacks, where blocking is forbidden, so the task is not run there: the selector
 * notes that it was elected, and runs the task from {@link #poll()}, which the application calls in its loop in
 * place of {@link AerieClient#poll()} (it polls the client, then runs the task if due). The task runs on that
 * thread, may use the client's blocking API, and must keep polling and checking {@link #hasLeadership()}; see
 * {@link LeadershipTask}. Each term runs the task at most once: a term confirmed again after a lost connection
 * came back does not run it twice. All methods must be called on the client's thread; none but {@link #poll()}
 * blocks, and only {@link #poll()} must not be called from client callbacks.
 *
 * <h2>Guarantees</h2>
 * Those of {@link LeaderLatch}, on the same kind of nodes ({@code <path>/latch-N}, so latches and selectors may
 * share an election): at most one contender claims leadership at a time in the cluster's order, each waiter
 * watches only its predecessor, the fencing token (czxid of the election node) grows with every term (fence
 * resources with it as {@link LeaderLatch} shows), and leadership is given up at once when the connection is
 * reported lost ({@link #hasLeadership()} turns false while the task runs: the task must return), then claimed
 * again only on a fresh answer with the session intact. A task that returns after its leadership was suspended
 * still ends the term: the node is deleted.
 *
 * <h2>Session loss: what the caller must do</h2>
 * The task must watch {@link #hasLeadership()} and return when it turns false. When the session expires or is
 * closed, the selector is out for good ({@link LeaderLatch.State#SESSION_ENDED}) and does not requeue: connect a
 * new client and create a new selector on it.
 */
public final class LeaderSelector implements AutoCloseable
{
    private final AerieClient client;
    private final byte[] participantData;
    private final LeadershipTask task;
    private final SequentialNode node;
    private LeaderLatch.State state = LeaderLatch.State.LATENT;
    private boolean autoRequeue;
    private boolean leader;
    private boolean taskDue;
    private boolean taskRunning;
    private long token = LeaderLatch.NO_TOKEN;

    /**
     * @param client          the client whose session the election node lives in.
     * @param electionPath    the election's node, created if missing.
     * @param participantData data of this contender's node, or null.
     * @param task            run each time this selector is elected.
     */
    public LeaderSelector(
        final AerieClient client, final String electionPath, final byte[] participantData, final LeadershipTask task)
    {
        this.client = client;
        this.participantData = participantData;
        this.task = task;
        this.node = new SequentialNode(client, electionPath, LeaderLatch.PREFIX, QueuePolicy.OLDEST,
            new QueueSnapshot(LeaderLatch.PREFIX), new NodeEvents());
    }

    /**
     * A selector with no node data.
     *
     * @param client       the client whose session the election node lives in.
     * @param electionPath the election's node, created if missing.
     * @param task         run each time this selector is elected.
     */
    public LeaderSelector(final AerieClient client, final String electionPath, final LeadershipTask task)
    {
        this(client, electionPath, null, task);
    }

    /**
     * @param autoRequeue true to enter the election again each time the task returns; default false.
     * @return this.
     */
    public LeaderSelector autoRequeue(final boolean autoRequeue)
    {
        this.autoRequeue = autoRequeue;
        return this;
    }

    /**
     * Enter the election; returns at once.
     *
     * @throws IllegalStateException if already started or closed, or if the client's session has ended.
     */
    public void start()
    {
        if (LeaderLatch.State.LATENT != state)
        {
            throw new IllegalStateException("selector is " + state);
        }
        if (!RecipeSupport.isSessionAlive(client))
        {
            throw new IllegalStateException("the client's session has ended: " + client.state());
        }
        state = LeaderLatch.State.STARTED;
        node.enter(participantData);
    }

    /**
     * Enter the election again after the task returned (without auto-requeue).
     *
     * @return true if the selector entered the election; false if it is already in it, running its task, not
     * started, or out.
     */
    public boolean requeue()
    {
        if (LeaderLatch.State.STARTED != state || node.isInQueue() || taskRunning || !RecipeSupport.isSessionAlive(client))
        {
            return false;
        }
        node.enter(participantData);
        return true;
    }

    /**
     * Poll the client once, then, if this selector was elected and its task has not run this term, run the task
     * until it returns, give leadership up, and requeue if so configured. Calls from inside the task only poll.
     *
     * @return work done, for an idle strategy.
     * @throws AerieException thrown by the task, after leadership was given up.
     */
    public int poll() throws AerieException
    {
        final int work = client.poll();
        if (!leader || !taskDue || taskRunning)
        {
            return work;
        }
        taskDue = false;
        taskRunning = true;
        try
        {
            task.takeLeadership(this, token);
        }
        finally
        {
            taskRunning = false;
            leader = false;
            node.leave();
            if (autoRequeue)
            {
                requeue();
            }
        }
        return work + 1;
    }

    /**
     * @return true if this selector leads now; false from the instant the connection is reported lost.
     */
    public boolean hasLeadership()
    {
        return leader;
    }

    /**
     * @return the current term's token while leading, else {@link LeaderLatch#NO_TOKEN}.
     */
    public long fencingToken()
    {
        return leader ? token : LeaderLatch.NO_TOKEN;
    }

    /**
     * @return true while the selector's node is in the election (waiting or leading).
     */
    public boolean isQueued()
    {
        return node.isInQueue();
    }

    /**
     * @return path of the election node, or null when not in the election.
     */
    public String nodePath()
    {
        return node.isInQueue() ? node.path() : null;
    }

    /**
     * @return the life cycle state.
     */
    public LeaderLatch.State state()
    {
        return state;
    }

    /**
     * @return the error that put the selector in {@link LeaderLatch.State#FAILED}, or null.
     */
    public ResultCode failure()
    {
        return LeaderLatch.State.FAILED == state ? node.failure() : null;
    }

    /**
     * Leave the election for good: no requeue. From inside the task, leadership ends when the task returns;
     * otherwise at once, and the node is deleted without waiting (safe while disconnected). Idempotent.
     */
    @Override
    public void close()
    {
        if (LeaderLatch.State.CLOSED == state)
        {
            return;
        }
        state = LeaderLatch.State.CLOSED;
        if (!taskRunning)
        {
            leader = false;
            taskDue = false;
            node.leave();
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
            if (LeaderLatch.State.STARTED != state)
            {
                return;
            }
            leader = true;
            if (token != readyNode.czxid())
            {
                token = readyNode.czxid();
                taskDue = true;
            }
        }

        @Override
        public void onSuspended(final SequentialNode suspendedNode)
        {
            leader = false;
        }

        @Override
        public void onGone(final SequentialNode goneNode, final int cause)
        {
            leader = false;
            taskDue = false;
            if (LeaderLatch.State.STARTED != state)
            {
                return;
            }
            if (QueueListener.SESSION_ENDED == cause)
            {
                state = LeaderLatch.State.SESSION_ENDED;
            }
            else if (QueueListener.NODE_DELETED == cause)
            {
                if (!taskRunning)
                {
                    node.enter(participantData);
                }
            }
            else
            {
                state = LeaderLatch.State.FAILED;
            }
        }
    }
}
