package io.aerie.client.recipes;

/**
 * Told when a {@link LeaderLatch} gains or loses leadership, on the thread that polls the latch's client (from
 * inside {@link io.aerie.client.AerieClient#poll()}, or a blocking call polling on that thread).
 * <p>
 * Like every client callback, it must return promptly and must not call the client's blocking API; it may use
 * the asynchronous API, and may close the latch. Work that needs leadership for a while belongs on the owning
 * thread outside the callback, checking {@link LeaderLatch#hasLeadership()} as it goes, or in a
 * {@link LeaderSelector}.
 */
public interface LeadershipListener
{
    /**
     * This latch is now the leader. Called at the start of each term, and again when the same term is confirmed
     * after a lost connection came back with the session (then with the same token).
     *
     * @param fencingToken the term's token, the czxid of the latch's election node: attach it to the leader's
     *                     actions (see {@link LeaderLatch#fencingToken()}).
     */
    void onLeadershipGained(long fencingToken);

    /**
     * This latch no longer claims leadership, from this instant: stop acting as leader. Actions already sent
     * with the token may still arrive at a resource: fencing is what makes that safe.
     *
     * @param fencingToken the token of the term that ended or was suspended.
     * @param reason       why; {@link LeadershipLoss#CONNECTION_LOST} may be followed by a new
     *                     {@link #onLeadershipGained(long)} with the same token.
     */
    void onLeadershipLost(long fencingToken, LeadershipLoss reason);
}
