package io.aerie.client;

import io.aerie.codecs.SessionState;

/**
 * Told when the client's session changes state: CONNECTED (opened or resumed), DISCONNECTED (no word from the
 * cluster for longer than the liveness timeout; the session may still be alive there), EXPIRED (the cluster
 * ended the session: its ephemerals are gone), CLOSED (by this client), and EVENTS_LOST (watch events were
 * lost: one-time watches are forgotten, persistent ones stay; the session itself is still CONNECTED). Called
 * on the conductor thread (the polling thread in invoker mode; CLOSED on the thread that closes the client).
 */
@FunctionalInterface
public interface SessionListener
{
    /**
     * @param state     the new state.
     * @param sessionId the session it concerns.
     */
    void onSessionStateChange(SessionState state, long sessionId);
}
