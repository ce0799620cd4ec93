package io.aerie.bench.suite.zookeeper;

import io.aerie.bench.suite.LoadClient;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One asynchronous operation's outcome, awaited by a test. Records the thread it was called on.
 */
final class AwaitedCompletion implements LoadClient.Completion
{
    private static final long TIMEOUT_S = 20;

    private final long expectedToken;
    private final CompletableFuture<Boolean> ok = new CompletableFuture<>();
    private volatile String createdPath;
    private volatile Thread callingThread;

    AwaitedCompletion(final long expectedToken)
    {
        this.expectedToken = expectedToken;
    }

    @Override
    public void onComplete(final long token, final boolean ok)
    {
        callingThread = Thread.currentThread();
        if (token != expectedToken)
        {
            this.ok.completeExceptionally(new AssertionError("token " + token + " != " + expectedToken));
        }
        this.ok.complete(ok);
    }

    @Override
    public void onCreated(final long token, final boolean ok, final CharSequence createdPath)
    {
        this.createdPath = null == createdPath ? null : createdPath.toString();
        onComplete(token, ok);
    }

    boolean awaitOk() throws Exception
    {
        return ok.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    String createdPath()
    {
        return createdPath;
    }

    Thread callingThread()
    {
        return callingThread;
    }

    static void assertOk(final AwaitedCompletion completion) throws Exception
    {
        assertEquals(true, completion.awaitOk());
    }
}
