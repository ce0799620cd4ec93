package io.aerie.reliability;

import io.aerie.reliability.nemesis.FaultKind;
import io.aerie.reliability.report.RunResult;
import io.aerie.reliability.report.WorkloadResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite's short run, for CI: three node processes on loopback, the four workloads, kill -9 of the leader and
 * of a follower and SIGSTOP of the leader, then the checks and the session-expiry-after-flood check. The long run
 * is {@code reliability/bin/jepsen}. Leader changes are the point here, so nothing waits for a quiet cluster.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JepsenShortRunClusterTest
{
    private static final int PORT_BASE = 11800;

    @TempDir
    File tempDir;

    @Test
    void shouldLoseNothingAndStayLinearizableThroughKillsAndPauses() throws Exception
    {
        final JepsenOptions options = new JepsenOptions(
            15, List.of(FaultKind.KILL_LEADER, FaultKind.PAUSE_LEADER, FaultKind.KILL_FOLLOWER), false, PORT_BASE,
            tempDir, 2, 5, 1_000, 7, 20, 100, 0, Map.of());

        final RunResult result = new JepsenRun(options).run(line -> { });

        assertTrue(result.isValid(), () -> "run not valid:\n" + io.aerie.reliability.report.Reports.markdown(result));
        assertFalse(result.faults().isEmpty(), "faults injected");
        assertEquals(4, result.workloads().size());
        for (final WorkloadResult workload : result.workloads())
        {
            assertTrue(workload.ok() > 0, () -> workload.name() + " acknowledged nothing");
        }
        assertTrue(new File(tempDir.listFiles()[0], "results.json").isFile(), "results.json written");
        assertTrue(new File(tempDir.listFiles()[0], "latency.svg").isFile(), "latency.svg written");
    }
}
