package io.aerie.client.recipes;

/**
 * Why a leader stopped claiming leadership ({@link LeadershipListener#onLeadershipLost(long, LeadershipLoss)}).
 */
public enum LeadershipLoss
{
    /** The latch was closed, or the selector's task returned: the leader's election node is being deleted. */
    RELINQUISHED,

    /**
     * The client lost its connection (DISCONNECTED): whether the session, and so the election node, still exists
     * is unknown, so leadership is given up at once. If the connection comes back with the session and the node
     * is still the oldest, the same term is claimed again, with the same token.
     */
    CONNECTION_LOST,

    /** The session expired or was closed: the election node is gone. This client can never lead again. */
    SESSION_ENDED,

    /** The election node was deleted by someone else; a started latch enters the election again with a new node. */
    NODE_DELETED,

    /** A request of the election failed with an error (for example NO_AUTH on the election path). */
    FAILED
}
