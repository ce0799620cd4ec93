package io.aerie.engine.node;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's loop ({@link NodeRunner}, run by {@link AerieNode#main(String[])}): a node whose consensus module
 * cannot replay its own log is closed and started again in the same process, from its log, and serves again.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeRunnerClusterTest
{
    private static final int PORT_BASE = 3000;
    private static final long STEP_TIMEOUT_S = 60;

    @TempDir
    File tempDir;

    @Test
    void shouldStartTheNodeAgainFromItsLogWhenItCannotReplayItsOwnLog() throws Exception
    {
        final BlockingQueue<AerieNode> started = new LinkedBlockingQueue<>();
        final AtomicReference<Throwable> fatalError = new AtomicReference<>(new IllegalStateException("running"));
        final Thread runner = new Thread(() -> fatalError.set(
            NodeRunner.run(this::context, started::add, new PrintStream(OutputStream.nullOutputStream()))));
        runner.start();

        final AerieNode first = started.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS);
        assertNotNull(first, "node launched");
        awaitLeader(first);
        final long firstPosition = first.commitPosition();
        for (int i = 0; i < UnusableLogWatch.REFUSALS_BEFORE_RESTART; i++)
        {
            first.errorHandler().onError(UnusableLogWatchTest.ownLogReplayRefusal());
        }

        final AerieNode second = started.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS);
        assertNotNull(second, "node launched again");
        assertNotSame(first, second);
        assertTrue(first.isClosed());
        awaitLeader(second);
        assertTrue(second.commitPosition() >= firstPosition, "log recovered");

        second.context().terminationHook().run();
        runner.join(TimeUnit.SECONDS.toMillis(STEP_TIMEOUT_S));
        assertFalse(runner.isAlive());
        assertNull(fatalError.get());
    }

    private AerieNode.Context context()
    {
        final AerieNode.Context ctx = new AerieNode.Context().memberId(0).errorHandler((ex) -> {});
        ctx.transport().clusterMembers(null).clusterHosts("localhost").portBase(PORT_BASE);
        ctx.storage().nodeDir(new File(tempDir, "node-0")).aeronDirectoryName(null).deleteDirsOnStart(false);
        ctx.service().clusteredServiceSupplier(EchoService::new);

        return ctx;
    }

    private static void awaitLeader(final AerieNode node)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_S);
        while (!node.isLeader())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new AssertionError("node " + node.memberId() + " not leader: " + node.electionState());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
