package io.aerie.reliability.report;

/**
 * The session-expiry-after-flood check: sessions opened during a request flood and abandoned (their process killed)
 * must all expire, on every node, with their ephemerals.
 *
 * @param abandoned        sessions abandoned.
 * @param floodOps         flood requests acknowledged while they were opened and expiring.
 * @param expiredPerNode   per node, how many sessions it expired meanwhile (its aerie_expired_sessions delta).
 * @param sessionsLeft     per node, sessions still open beyond the baseline at the end of the wait.
 * @param ephemeralsLeft   the abandoned sessions' ephemerals still present at the end of the wait.
 * @param waitedMs         how long it took for all to go (or the timeout).
 */
public record ExpiryResult(
    int abandoned, long floodOps, long[] expiredPerNode, long[] sessionsLeft, int ephemeralsLeft, long waitedMs)
{
    /**
     * @return true if every abandoned session expired on every node and took its ephemerals.
     */
    public boolean isValid()
    {
        for (final long left : sessionsLeft)
        {
            if (left > 0)
            {
                return false;
            }
        }
        return 0 == ephemeralsLeft;
    }
}
