package io.aerie.client;

import io.aerie.codecs.SessionState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SessionListenersTest
{
    private final SessionListeners listeners = new SessionListeners();
    private final List<String> told = new ArrayList<>();

    @Test
    void shouldTellListenersInTheOrderAdded()
    {
        listeners.add((state, id) -> told.add("a " + state));
        listeners.add((state, id) -> told.add("b " + state));

        listeners.onSessionStateChange(SessionState.CONNECTED, 7);

        assertEquals(List.of("a CONNECTED", "b CONNECTED"), told);
    }

    @Test
    void shouldNotTellARemovedListener()
    {
        final SessionListener removed = (state, id) -> told.add("removed");
        listeners.add((state, id) -> told.add("kept"));
        listeners.add(removed);

        listeners.remove(removed);
        listeners.onSessionStateChange(SessionState.CLOSED, 7);

        assertEquals(List.of("kept"), told);
        assertFalse(listeners.remove(removed));
    }

    @Test
    void shouldApplyARemovalMadeInsideACallbackFromTheNextChange()
    {
        final SessionListener[] self = new SessionListener[1];
        self[0] = (state, id) ->
        {
            told.add("once " + state);
            listeners.remove(self[0]);
        };
        listeners.add(self[0]);

        listeners.onSessionStateChange(SessionState.DISCONNECTED, 7);
        listeners.onSessionStateChange(SessionState.CONNECTED, 7);

        assertEquals(List.of("once DISCONNECTED"), told);
        assertEquals(0, listeners.size());
    }
}
