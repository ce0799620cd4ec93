package io.aerie.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureEvidenceTest
{
    @TempDir
    Path outDir;

    @Test
    void shouldKeepTheEvidenceOfAFailedRowOncePerRoundAndSayWhere() throws Exception
    {
        final List<String> notes = new ArrayList<>();
        final FailureEvidence evidence = new FailureEvidence(outDir.resolve("run-failed"), notes);
        final KeepingTarget target = new KeepingTarget("node logs");
        final List<Row> rows = List.of(
            Row.failed("write-1k", "setData 1k", "aerie-1", Row.Kind.LATENCY_US, "timed out"));

        evidence.keepIfFailed(target, 2, "aerie-1", rows);
        evidence.keepIfFailed(target, 2, "aerie-1", rows);

        final Path dir = outDir.resolve("run-failed").resolve("round-2-aerie-1");
        assertEquals(1, target.calls);
        assertTrue(Files.exists(dir.resolve("kept.txt")));
        assertEquals(List.of("round 2: aerie-1 (write-1k failed) left its evidence in " + dir + ": node logs"), notes);
    }

    @Test
    void shouldKeepNothingForNotApplicableRows()
    {
        final List<String> notes = new ArrayList<>();
        final KeepingTarget target = new KeepingTarget("node logs");

        new FailureEvidence(outDir.resolve("run-failed"), notes).keepIfFailed(target, 1, "aerie-1",
            List.of(Row.failed("failover", "failover", "aerie-1", Row.Kind.DURATION_MS, "n/a: single node")));

        assertEquals(0, target.calls);
        assertTrue(notes.isEmpty());
        assertFalse(Files.exists(outDir.resolve("run-failed")));
    }

    @Test
    void shouldLeaveNoDirectoryForATargetThatKeepsNothing()
    {
        final List<String> notes = new ArrayList<>();

        new FailureEvidence(outDir.resolve("run-failed"), notes).keep(new KeepingTarget(null), 1, "zk-standalone", "x");

        assertTrue(notes.isEmpty());
        assertFalse(Files.exists(outDir.resolve("run-failed").resolve("round-1-zk-standalone")));
    }

    private static final class KeepingTarget implements SystemUnderTest
    {
        private final String what;
        int calls;

        KeepingTarget(final String what)
        {
            this.what = what;
        }

        @Override
        public String keepEvidence(final Path dir)
        {
            calls++;
            if (null == what)
            {
                return null;
            }
            try
            {
                Files.writeString(dir.resolve("kept.txt"), what);
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
            return what;
        }

        @Override
        public String name()
        {
            return "fake";
        }

        @Override
        public String description()
        {
            return "fake";
        }

        @Override
        public void start(final long deadlineNs)
        {
        }

        @Override
        public LoadClient connect()
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean killLeader()
        {
            return false;
        }

        @Override
        public void close()
        {
        }
    }
}
