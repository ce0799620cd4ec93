package io.aerie.bench.suite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of the suite in a cluster test: its results and its progress lines, printed for the test's log and quoted
 * in the failures.
 */
final class SuiteRun
{
    final SuiteResults results;
    final String progress;

    private SuiteRun(final SuiteResults results, final String progress)
    {
        this.results = results;
        this.progress = progress;
    }

    /**
     * Run the suite and print its progress.
     */
    static SuiteRun of(final SuiteOptions options) throws IOException
    {
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final SuiteResults results;
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8))
        {
            results = BenchmarkSuite.run(options, out);
        }
        final String progress = log.toString(StandardCharsets.UTF_8);
        System.out.print(progress);
        return new SuiteRun(results, progress);
    }

    /**
     * Each row is there for the column, without an error, with samples.
     */
    void assertMeasured(final String column, final List<String> rows)
    {
        for (final String key : rows)
        {
            final Row row = results.find(key, column);
            assertNotNull(row, key + " is missing; progress:\n" + progress);
            assertNull(row.error(), key + " failed; progress:\n" + progress);
            assertTrue(row.samples() > 0, key + " has no samples");
        }
    }
}
