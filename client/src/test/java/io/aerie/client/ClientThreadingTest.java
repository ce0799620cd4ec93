package io.aerie.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientThreadingTest
{
    @Test
    void shouldRefuseAnotherThreadWhileAnInvokerClientIsInACall() throws Exception
    {
        final ClientThreading threading = new ClientThreading(true);
        threading.connected();
        assertTrue(threading.isDirect());

        assertInstanceOf(IllegalStateException.class, onAnotherThread(threading).get(30, TimeUnit.SECONDS));
    }

    @Test
    void shouldLetAnotherThreadTakeAnInvokerClientBetweenCalls() throws Exception
    {
        final ClientThreading threading = new ClientThreading(true);
        threading.connected();
        assertTrue(threading.isDirect());
        threading.exit(true);

        assertEquals(Boolean.TRUE, onAnotherThread(threading).get(30, TimeUnit.SECONDS));
    }

    @Test
    void shouldKeepAnInvokerClientUntilTheOutermostCallEnds() throws Exception
    {
        final ClientThreading threading = new ClientThreading(true);
        threading.connected();
        assertTrue(threading.isDirect());
        assertTrue(threading.isDirect());
        threading.exit(true);

        assertInstanceOf(IllegalStateException.class, onAnotherThread(threading).get(30, TimeUnit.SECONDS));
    }

    @Test
    void shouldHandOverCallsFromOtherThreadsInTheDefaultMode() throws Exception
    {
        final ClientThreading threading = new ClientThreading(false);
        threading.conductorThread(new Thread(() -> {}));

        assertFalse(threading.isDirect());
        assertEquals(Boolean.FALSE, onAnotherThread(threading).get(30, TimeUnit.SECONDS));
    }

    private static CompletableFuture<Object> onAnotherThread(final ClientThreading threading)
    {
        final CompletableFuture<Object> result = new CompletableFuture<>();
        new Thread(() ->
        {
            try
            {
                result.complete(threading.isDirect());
            }
            catch (final IllegalStateException ex)
            {
                result.complete(ex);
            }
        }, "other").start();
        return result;
    }
}
