package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The node profile sets the backoff's deepest park and the agent threads' timer slack.
 */
class NodeProfileTest
{
    @TempDir
    File tempDir;

    @Test
    void shouldParseNamesWithDashOrUnderscoreInAnyCaseAndRejectOthers()
    {
        assertEquals(NodeProfile.LOW_LATENCY, NodeProfile.parse("low-latency"));
        assertEquals(NodeProfile.LOW_LATENCY, NodeProfile.parse(" LOW_LATENCY "));
        assertEquals(NodeProfile.BALANCED, NodeProfile.parse("Balanced"));
        assertThrows(ConfigurationException.class, () -> NodeProfile.parse("fast"));
    }

    @Test
    void shouldBeBalancedByDefault()
    {
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node"));
        ctx.service().clusteredService(new EchoService());
        ctx.conclude();

        assertEquals(NodeProfile.BALANCED, ctx.agents().profile());
    }

    @Test
    void shouldGiveTheBackoffTheProfilesDeepestPark()
    {
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node"));
        ctx.service().clusteredService(new EchoService());
        ctx.agents().profile(NodeProfile.LOW_LATENCY);
        ctx.conclude();

        final IdleStrategy idle = ctx.agents().idleStrategySupplier().get();

        assertInstanceOf(BackoffIdleStrategy.class, idle);
        assertTrue(idle.toString().contains("maxParkPeriodNs=" + NodeProfile.LOW_LATENCY.maxParkNs()), idle.toString());
    }

    @Test
    void shouldSetTheTimerSlackOfThreadsMadeByTheAgentThreadFactory() throws InterruptedException
    {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux with /proc/thread-self");
        final AtomicLong seen = new AtomicLong();
        final Thread thread = TimerSlack.threadFactory(NodeProfile.LOW_LATENCY.timerSlackNs())
            .newThread(() -> seen.set(TimerSlack.currentThreadSlackNs()));

        thread.start();
        thread.join();

        assertEquals(NodeProfile.LOW_LATENCY.timerSlackNs(), seen.get());
    }
}
