package io.aerie.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The correlation ids a client gives its requests, one sequence per client. The cluster answers a write whose
 * correlation id its session remembers with the remembered answer (a resend, not applied again), so a client that
 * takes over a session from another client ({@link ClientSession.Context#resumeSession(long, byte[])}, as the
 * ZooKeeper gateway does when a connection moves) must not reuse the previous client's ids: it starts at the wall
 * clock in microseconds, above any id a client that began at 1 can reach, and above the ids of a client that took
 * over earlier unless that one sent more than a request a microsecond on average. A client of its own session starts
 * at 1. Any thread.
 */
final class CorrelationIds
{
    private final AtomicLong next;

    /**
     * @param resumeSessionId the session taken over, or 0 for a new session.
     * @param nowMs           wall clock, ms since the epoch.
     */
    CorrelationIds(final long resumeSessionId, final long nowMs)
    {
        next = new AtomicLong(first(resumeSessionId, nowMs));
    }

    /**
     * The first correlation id of a client.
     *
     * @param resumeSessionId the session taken over, or 0 for a new session.
     * @param nowMs           wall clock, ms since the epoch.
     * @return the first correlation id.
     */
    static long first(final long resumeSessionId, final long nowMs)
    {
        return 0 == resumeSessionId ? 1 : Math.max(1, nowMs) * 1_000L;
    }

    /**
     * @return a new correlation id.
     */
    long next()
    {
        return next.getAndIncrement();
    }
}
