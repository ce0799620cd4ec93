package io.aerie.bench.suite;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The suite's read rows (issue 15) on a 3-node Aerie without fsync, in smoke mode: a local read from a follower and
 * a linearizable read, closed loop, and pipelined local reads from clients on 1, 2 and 3 nodes at once. Each local
 * row fails by itself if the nodes' counters show a read that was not served locally, so a passing row proves the
 * reads took the local path.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReadRowsClusterTest
{
    private static final int PORT_BASE = 5000;
    private static final List<String> ROWS = List.of(
        "read-local", "read-linearizable", "read-throughput-1", "read-throughput-2", "read-throughput-3");

    @TempDir
    Path outDir;

    @Test
    void shouldMeasureLocalAndLinearizableReadsAndReadThroughputByNodes() throws Exception
    {
        final SuiteOptions options = new SuiteOptions(
            SuiteMode.SMOKE, "aerie-3-nofsync", outDir, PORT_BASE, 0, "reads,read-throughput");
        SuiteRun.of(options).assertMeasured("aerie-3-nofsync", ROWS);
    }
}
