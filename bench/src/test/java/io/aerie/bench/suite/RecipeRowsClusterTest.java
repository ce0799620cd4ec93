package io.aerie.bench.suite;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The recipes' workloads, named on the command line, on a 1-node Aerie without fsync in smoke mode: the lock's round
 * trip and the election's hand-over after {@code kill -9} of the leader's process (one leader process, a 250 ms
 * session), each row measured.
 */
@Tag("slow")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RecipeRowsClusterTest
{
    private static final int PORT_BASE = 5400;
    private static final List<String> ROWS = List.of("lock-cycle", "lock-acquire", "election-250ms");

    @TempDir
    Path outDir;

    @Test
    void shouldMeasureTheLockAndElectionRecipesWhenNamed() throws Exception
    {
        final SuiteOptions options = new SuiteOptions(
            SuiteMode.SMOKE, "aerie-1-nofsync", outDir, PORT_BASE, 0, "lock,election");
        SuiteRun.of(options).assertMeasured("aerie-1-nofsync", ROWS);
    }
}
