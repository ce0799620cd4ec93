package io.aerie.tools.shell;

import io.aerie.codecs.EventType;
import io.aerie.codecs.SessionState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventPrinterTest
{
    @Test
    void shouldFormatNodeEventAsZkCli()
    {
        assertEquals("\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/x zxid: 12",
            EventPrinter.format(EventType.NODE_DATA_CHANGED, SessionState.CONNECTED, "/x", 12));
    }

    @Test
    void shouldFormatSessionEventWithNullPath()
    {
        assertEquals("\nWATCHER::\n\nWatchedEvent state:Expired type:None path:null zxid: -1",
            EventPrinter.format(EventType.NONE, SessionState.EXPIRED, null, -1));
    }

    @Test
    void shouldNameStatesAsZooKeeper()
    {
        assertEquals("Disconnected", EventPrinter.keeperState(SessionState.DISCONNECTED));
        assertEquals("AuthFailed", EventPrinter.keeperState(SessionState.AUTH_FAILED));
    }
}
