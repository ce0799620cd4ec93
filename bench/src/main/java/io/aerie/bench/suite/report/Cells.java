package io.aerie.bench.suite.report;

import io.aerie.bench.suite.RoundMerge;
import io.aerie.bench.suite.Row;

import java.util.Locale;

/**
 * The text of the Markdown report's cells: a row's median over the rounds with its spread (min–max of the rounds),
 * its p99 only when it rests on enough samples ({@link Row#p99Shown()}), and like-for-like ratios of p50 and p99.
 */
final class Cells
{
    /** Said instead of a p99 that would rest on too few samples. */
    static final String P99_NOT_SHOWN = "p99 not shown";

    private Cells()
    {
    }

    /**
     * @return "p50 (min–max) / p99 (min–max)" for latency, "ops/s (min–max)" for throughput, "ms (max ...)" for
     * failover, B/op for allocation, followed by the count of failed operations if any (an offered rate the target
     * could not serve); "—" for a missing row, "n/a" or "failed" for a row without figures.
     */
    static String cell(final Row row)
    {
        if (null == row)
        {
            return "—";
        }
        if (!row.measured())
        {
            return note(row.error());
        }
        return figures(row) + (row.failed() > 0 ? " (" + format(row.failed(), 0) + " failed)" : "");
    }

    private static String figures(final Row row)
    {
        return switch (row.kind())
        {
            case LATENCY_US -> format(row.value(), 0) + spread(row.roundValues(), 0) + " / " + p99(row);
            case THROUGHPUT -> format(row.value(), 0) + " ops/s" + spread(row.roundValues(), 0);
            case DURATION_MS -> format(row.value(), 0) + " ms" +
                (row.samples() > 1 ? " (" + row.samples() + " runs, max " + format(row.percentiles()[5], 0) + ")" : "");
            case BYTES_PER_OP -> format(row.value(), 1) + " B/op";
        };
    }

    /**
     * @return the row's p99 over all its rounds' samples with the rounds' own p99 spread, or {@link #P99_NOT_SHOWN}.
     */
    static String p99(final Row row)
    {
        if (!row.p99Shown())
        {
            return P99_NOT_SHOWN + " (" + row.samples() + " samples)";
        }
        return format(row.percentiles()[2], 0) + spread(row.roundP99s(), 0);
    }

    /**
     * @return " (min–max)" of the rounds' values when there were several, else "".
     */
    static String spread(final double[] values, final int decimals)
    {
        if (values.length < 2)
        {
            return "";
        }
        return " (" + format(RoundMerge.min(values), decimals) + "–" + format(RoundMerge.max(values), decimals) + ")";
    }

    /**
     * @return "p50 ratio · p99 ratio" of two latency rows (the p99 ratio "—" unless both p99s are shown), the ratio
     * of the values for other kinds, "—" when either is missing.
     */
    static String ratio(final Row aerie, final Row other)
    {
        if (null == aerie || null == other || !aerie.measured() || !other.measured() || 0 == other.value())
        {
            return "—";
        }
        final String values = String.format(Locale.ROOT, "%.2f", aerie.value() / other.value());
        if (Row.Kind.LATENCY_US != aerie.kind())
        {
            return values;
        }
        final String p99 = aerie.p99Shown() && other.p99Shown() && other.percentiles()[2] > 0 ?
            String.format(Locale.ROOT, "%.2f", aerie.percentiles()[2] / other.percentiles()[2]) : "—";
        return values + " · " + p99;
    }

    static String note(final String error)
    {
        if (null == error)
        {
            return "no samples";
        }
        return error.startsWith("n/a") ? "n/a" : "failed";
    }

    static String format(final double value, final int decimals)
    {
        if (Double.isNaN(value))
        {
            return "—";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
