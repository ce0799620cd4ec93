package io.aerie.client.recipes;

import io.aerie.client.AerieException;

/**
 * The work a {@link LeaderSelector} runs while it leads. Leadership lasts as long as this method runs: when it
 * returns (or throws), the selector gives leadership up and deletes its election node.
 * <p>
 * Called from {@link LeaderSelector#poll()} on the client's thread, never from inside a client callback, so it may
 * use the client's blocking API. While it runs, nothing else polls that client unless the task does: it must keep
 * the client polled (every blocking call does, as do {@link LeaderSelector#poll()} and
 * {@link io.aerie.client.AerieClient#poll()}) at least every third of the session timeout, and after each poll check
 * {@link LeaderSelector#hasLeadership()}: it turns false at once when the connection is reported lost or the
 * session ends, and the task must then stop acting as leader and return. Tag every action with the fencing token.
 */
@FunctionalInterface
public interface LeadershipTask
{
    /**
     * Act as leader; return to give leadership up.
     *
     * @param selector     the selector that leads, for {@link LeaderSelector#hasLeadership()} and polling.
     * @param fencingToken the term's token (czxid of the election node), larger than every earlier term's.
     * @throws AerieException from the client's blocking calls; the selector gives leadership up and rethrows.
     */
    void takeLeadership(LeaderSelector selector, long fencingToken) throws AerieException;
}
