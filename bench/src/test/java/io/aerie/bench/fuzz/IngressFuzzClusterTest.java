package io.aerie.bench.fuzz;

import io.aerie.engine.node.LocalCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's fuzzer, short run: mutated frames at each layer sent to a real one-node cluster, and the oracles (the
 * node runs as leader, no error but the guard's, Aeron's refusals of response channels and warnings, the tree outside
 * the sandbox unchanged, the probe client's round trips all succeeded). The seed and frame count come from
 * {@code aerie.fuzz.seed} and {@code aerie.fuzz.frames}; a failure prints the report and the command that replays it.
 * The long run is {@code bench/bin/fuzz --frames 1000000}.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IngressFuzzClusterTest
{
    private static final long SEED = Long.getLong("aerie.fuzz.seed", 20261207L);
    private static final long FRAMES = Long.getLong("aerie.fuzz.frames", 20_000L);

    @TempDir
    File tempDir;

    @Test
    void shouldChangeNothingOutsideTheSandboxUnderMutatedRawIngressFrames()
    {
        final FuzzReport report = fuzz(17_000, 100);

        assertTrue(report.failures().isEmpty(), report.toString());
        assertEquals(FRAMES, report.rawSent + report.rawSkippedProbe + report.rawSkippedEscape, report.toString());
        assertTrue(report.paddedByGuard > 0, report.toString());
        assertTrue(report.probes > 0, report.toString());
    }

    @Test
    void shouldChangeNothingOutsideTheSandboxUnderMutatedRequestsInAValidSession()
    {
        final FuzzReport report = fuzz(17_100, 0);

        assertTrue(report.failures().isEmpty(), report.toString());
        assertTrue(report.requestSent > FRAMES / 2, report.toString());
        assertTrue(report.answersByCode[FuzzSession.index(io.aerie.codecs.ResultCode.MALFORMED_REQUEST.value())] > 0,
            report.toString());
        assertTrue(report.probes > 0, report.toString());
    }

    private FuzzReport fuzz(final int portBase, final int rawPercent)
    {
        final FuzzErrors errors = new FuzzErrors();
        try (LocalCluster cluster = IngressFuzz.launch(portBase, new File(tempDir, "cluster"), errors))
        {
            return new IngressFuzzer(cluster, errors, SEED, FRAMES, rawPercent, 1_000,
                IngressFuzz.MAX_DATA_LENGTH, IngressFuzz.MAX_PATH_LENGTH, null)
                .run(new File(tempDir, "fuzz-driver"));
        }
    }
}
