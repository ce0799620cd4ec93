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
        final AerieNodeContext ctx = new AerieNodeContext()
            .nodeDir(new File(tempDir, "node"))
            .clusteredService(new EchoService())
            .conclude();

        assertEquals(NodeProfile.BALANCED, ctx.profile());
    }

    @Test
    void shouldGiveTheBackoffTheProfilesDeepestPark()
    {
        final AerieNodeContext ctx = new AerieNodeContext()
            .nodeDir(new File(tempDir, "node"))
            .clusteredService(new EchoService())
            .profile(NodeProfile.LOW_LATENCY)
            .conclude();

        final IdleStrategy idle = ctx.idleStrategySupplier().get();

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
