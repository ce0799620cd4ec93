package io.aerie.bench.suite;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the rows of several rounds into one row per workload and target: the value is the median of the rounds'
 * values (p50, ops/s, failover ms; for allocation the worst round), each round's value and p99 are kept for the
 * spread, and the percentiles are those of every round's samples together (so a p99 rests on all of them).
 * Rounds that failed are left out of the figures; if every round failed the row is failed with the first error.
 */
public final class RoundMerge
{
    private RoundMerge()
    {
    }

    /**
     * @param rows rows of every round, in run order; rows of one workload and target share a key.
     * @return one row per workload and target, in first-seen order.
     */
    public static List<Row> merge(final List<Row> rows)
    {
        final Map<String, List<Row>> byKey = new LinkedHashMap<>();
        for (final Row row : rows)
        {
            byKey.computeIfAbsent(row.workload() + '\u0000' + row.column(), k -> new ArrayList<>()).add(row);
        }
        final List<Row> merged = new ArrayList<>(byKey.size());
        for (final List<Row> rounds : byKey.values())
        {
            merged.add(mergeRounds(rounds));
        }
        return merged;
    }

    /**
     * @param rounds one workload's rows on one target, one per round (at least one).
     * @return the merged row.
     */
    public static Row mergeRounds(final List<Row> rounds)
    {
        final Row first = rounds.get(0);
        final List<Row> measured = new ArrayList<>(rounds.size());
        for (final Row row : rounds)
        {
            if (null == row.error())
            {
                measured.add(row);
            }
        }
        if (measured.isEmpty())
        {
            return first;
        }
        if (1 == rounds.size())
        {
            return first;
        }

        final double[] values = new double[measured.size()];
        final double[] p99s = new double[measured.size()];
        long samples = 0;
        long failed = 0;
        double bytesPerOp = Double.NaN;
        Histogram histogram = null;
        for (int i = 0; i < measured.size(); i++)
        {
            final Row row = measured.get(i);
            values[i] = row.value();
            p99s[i] = row.roundP99s().length > 0 ? row.roundP99s()[0] : Double.NaN;
            samples += row.samples();
            failed += row.failed();
            bytesPerOp = Double.isNaN(bytesPerOp) ? row.bytesPerOp() : Math.max(bytesPerOp, row.bytesPerOp());
            if (null != row.histogram())
            {
                if (null == histogram)
                {
                    histogram = new Histogram(row.histogram().getHighestTrackableValue(),
                        row.histogram().getNumberOfSignificantValueDigits());
                }
                histogram.add(row.histogram());
            }
        }

        final Row.Kind kind = first.kind();
        final double value = Row.Kind.BYTES_PER_OP == kind ? max(values) : median(values);
        final double[] percentiles = null == histogram ? new double[0] : Row.percentiles(histogram, kind.nsPerUnit());
        return new Row(first.workload(), first.title(), first.column(), kind, Row.Kind.BYTES_PER_OP == kind ? 1 : samples,
            failed, percentiles, value, Row.Kind.BYTES_PER_OP == kind ? value : bytesPerOp, histogram, null, values, p99s);
    }

    /**
     * @param values at least one value, NaN ignored.
     * @return the median (the mean of the middle two for an even count), NaN if none.
     */
    public static double median(final double[] values)
    {
        final double[] sorted = finite(values);
        if (0 == sorted.length)
        {
            return Double.NaN;
        }
        final int mid = sorted.length / 2;
        return 1 == (sorted.length & 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * @return the smallest value, NaN if none.
     */
    public static double min(final double[] values)
    {
        final double[] sorted = finite(values);
        return 0 == sorted.length ? Double.NaN : sorted[0];
    }

    /**
     * @return the largest value, NaN if none.
     */
    public static double max(final double[] values)
    {
        final double[] sorted = finite(values);
        return 0 == sorted.length ? Double.NaN : sorted[sorted.length - 1];
    }

    private static double[] finite(final double[] values)
    {
        final double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
