package io.aerie.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps what a failed target can tell (its servers' logs, error logs, counters, thread dumps:
 * {@link SystemUnderTest#keepEvidence}) under the run's output directory, {@code <outDir>/<run>-failed/round-<r>-<column>},
 * before the target's processes are closed and their directories deleted (issue 14: a node that stopped answering
 * mid-run left nothing behind). Once per target and round, at its first failed row, while it is still in the state
 * that failed; the note says where. Used on the rig thread.
 */
final class FailureEvidence
{
    private final Path baseDir;
    private final List<String> notes;
    private final Set<String> kept = new HashSet<>();

    /**
     * @param baseDir the run's evidence directory, made when first needed.
     * @param notes   the results' notes, told where each target's evidence went.
     */
    FailureEvidence(final Path baseDir, final List<String> notes)
    {
        this.baseDir = baseDir;
        this.notes = notes;
    }

    /**
     * @return the run's evidence directory (it exists only once something was kept).
     */
    Path baseDir()
    {
        return baseDir;
    }

    /**
     * Keep the target's evidence if a row failed (not an "n/a" row) and nothing was kept for it this round.
     *
     * @param rows the rows it produced so far.
     */
    void keepIfFailed(final SystemUnderTest sut, final int round, final String column, final List<Row> rows)
    {
        for (final Row row : rows)
        {
            if (null != row.error() && !row.error().startsWith("n/a"))
            {
                keep(sut, round, column, row.workload() + " failed");
                return;
            }
        }
    }

    /**
     * Keep the target's evidence unless already kept this round.
     *
     * @param why what failed, for the note.
     */
    void keep(final SystemUnderTest sut, final int round, final String column, final String why)
    {
        final String name = "round-" + round + "-" + column;
        if (!kept.add(name))
        {
            return;
        }
        final Path dir = baseDir.resolve(name);
        try
        {
            Files.createDirectories(dir);
            final String what = sut.keepEvidence(dir);
            if (null == what)
            {
                Files.deleteIfExists(dir);
                return;
            }
            notes.add("round " + round + ": " + column + " (" + why + ") left its evidence in " + dir + ": " + what);
        }
        catch (final IOException | RuntimeException ex)
        {
            notes.add("round " + round + ": " + column + " (" + why + "): its evidence could not be kept in " + dir +
                ": " + ex);
        }
    }
}
