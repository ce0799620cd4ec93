package io.aerie.engine.service;

import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.SessionEventEncoder;
import io.aerie.codecs.SessionState;
import io.aerie.engine.session.Session;
import io.aerie.engine.session.SessionTable;

/**
 * Sessions end when their deadline passes by log time: the expiry timer fires through the log, and each session
 * past its deadline is ended (its watches dropped, its ephemerals deleted, one zxid) and its connection, if it has
 * one, told EXPIRED. A request from a session already past its deadline, its timer not yet through the log, finds it
 * expired, never revived. The expiry check is kept scheduled at the earliest deadline; the time without a leader is
 * not held against any session.
 * <p>
 * Service thread only, while a log entry is applied: what is decided depends only on the log.
 */
final class SessionExpiry
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final ServiceState state;
    private final SessionTable sessions;
    private final SessionRequests sessionRequests;
    private final ServiceTimers timers;
    private final SessionEventEncoder sessionEventEncoder = new SessionEventEncoder();

    SessionExpiry(final ServiceState state, final SessionRequests sessionRequests, final ServiceTimers timers)
    {
        this.state = state;
        this.sessions = state.sessions;
        this.sessionRequests = sessionRequests;
        this.timers = timers;
    }

    /**
     * A new leadership term, in the log: every session's deadline starts again from now, and both timers are
     * scheduled afresh (the new leader's consensus module may hold none).
     *
     * @param nowMs log time of the term's start.
     */
    void onNewLeadershipTerm(final long nowMs)
    {
        sessions.touchAll(nowMs);
        timers.start(nowMs, sessions.nextDeadlineMs());
    }

    /**
     * The expiry timer fired: expire every session past its deadline and schedule the next check.
     *
     * @param nowMs log time of the timer event.
     */
    void onExpiryTimer(final long nowMs)
    {
        timers.onExpiryTimer();
        final int count = sessions.collectExpired(nowMs);
        final long[] ids = sessions.expiredIds();
        for (int i = 0; i < count; i++)
        {
            expire(sessions.get(ids[i]));
        }
        scheduleCheck();
    }

    /**
     * Expire a session whose request arrived after its deadline, before its expiry timer came through the log.
     *
     * @return true if it was past its deadline and has been expired: the request must be refused.
     */
    boolean expireIfDue(final Session session, final long nowMs)
    {
        if (session.deadlineMs() <= nowMs)
        {
            expire(session);
            return true;
        }
        return false;
    }

    /**
     * Keep the expiry check scheduled at the earliest deadline, after sessions were opened, touched or ended.
     */
    void scheduleCheck()
    {
        timers.requestExpiryCheck(sessions.nextDeadlineMs());
    }

    /**
     * Timers may be scheduled only while a log entry is applied: one refused under back pressure is asked for
     * again as the next entry begins.
     */
    void retryRefusedTimers()
    {
        if (timers.hasRefused())
        {
            timers.retryRefused(sessions.nextDeadlineMs());
        }
    }

    /**
     * Expire a session (its deadline passed, by log time): end it and tell its connection, if it has one.
     */
    private void expire(final Session session)
    {
        final long clusterSessionId = session.clusterSessionId();
        sessionRequests.endSession(session);
        state.counters.expiredSessions.increment();
        if (Session.UNBOUND != clusterSessionId)
        {
            sessionEventEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
                .sessionId(session.id())
                .zxid(state.lastZxid)
                .state(SessionState.EXPIRED);
            state.egress.send(state.egress.clientSession(clusterSessionId), HEADER + sessionEventEncoder.encodedLength());
        }
    }
}
