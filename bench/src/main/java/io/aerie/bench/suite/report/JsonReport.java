package io.aerie.bench.suite.report;

import io.aerie.bench.suite.MachineLoad;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteResults;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.Map;

/**
 * Writes a run as JSON: date, mode, rounds, duration, machine, targets with their configurations, the machine's
 * load per target and round, notes, and every row (merged over the rounds) with its median value, each round's
 * value and p99, its percentiles over every sample (and whether the p99 rests on enough samples) and its
 * percentile distribution (percentile, value in the row's unit), which the plot is drawn from. Hand-written: no
 * JSON library in the benchmarks jar.
 */
public final class JsonReport
{
    private JsonReport()
    {
    }

    /**
     * @param results the run.
     * @return the JSON document.
     */
    public static String render(final SuiteResults results)
    {
        final StringBuilder out = new StringBuilder(64 * 1024);
        out.append("{\n  \"date\": ").append(quote(results.date()))
            .append(",\n  \"mode\": ").append(quote(results.mode().name().toLowerCase()))
            .append(",\n  \"rounds\": ").append(results.roundCount())
            .append(",\n  \"durationMs\": ").append(results.durationMs())
            .append(",\n  \"machine\": {");
        appendMap(out, results.machine());
        out.append("},\n  \"targets\": [");
        boolean first = true;
        for (final SuiteResults.TargetInfo target : results.targets().values())
        {
            out.append(first ? "\n    " : ",\n    ").append("{\"column\": ").append(quote(target.column()))
                .append(", \"title\": ").append(quote(target.title()))
                .append(", \"name\": ").append(quote(target.name()))
                .append(", \"description\": ").append(quote(target.description())).append('}');
            first = false;
        }
        out.append("\n  ],\n  \"load\": [");
        first = true;
        for (final MachineLoad.Round round : results.rounds())
        {
            out.append(first ? "\n    " : ",\n    ").append("{\"round\": ").append(round.round())
                .append(", \"target\": ").append(quote(round.column()))
                .append(", \"loadAverageStart\": ").append(number(round.loadAverageStart()))
                .append(", \"loadAverageEnd\": ").append(number(round.loadAverageEnd()))
                .append(", \"othersCores\": ").append(number(round.othersCores()))
                .append(", \"seconds\": ").append(number(round.seconds()))
                .append(", \"busy\": ").append(round.busy()).append('}');
            first = false;
        }
        out.append("\n  ],\n  \"notes\": [");
        first = true;
        for (final String note : results.notes())
        {
            out.append(first ? "\n    " : ",\n    ").append(quote(note));
            first = false;
        }
        out.append("\n  ],\n  \"rows\": [");
        first = true;
        for (final Row row : results.rows())
        {
            out.append(first ? "\n    " : ",\n    ");
            appendRow(out, row);
            first = false;
        }
        return out.append("\n  ]\n}\n").toString();
    }

    private static void appendRow(final StringBuilder out, final Row row)
    {
        out.append("{\"workload\": ").append(quote(row.workload()))
            .append(", \"title\": ").append(quote(row.title()))
            .append(", \"target\": ").append(quote(row.column()))
            .append(", \"kind\": ").append(quote(row.kind().name()))
            .append(", \"unit\": ").append(quote(row.kind().unit()))
            .append(", \"value\": ").append(number(row.value()))
            .append(", \"samples\": ").append(row.samples())
            .append(", \"failed\": ").append(row.failed())
            .append(", \"bytesPerOp\": ").append(number(row.bytesPerOp()))
            .append(", \"p99Shown\": ").append(row.p99Shown())
            .append(", \"roundValues\": ");
        appendArray(out, row.roundValues());
        out.append(", \"roundP99s\": ");
        appendArray(out, row.roundP99s());
        if (row.percentiles().length > 0)
        {
            out.append(", \"percentileUnit\": ").append(quote(row.kind().percentileUnit())).append(", \"percentiles\": {");
            for (int i = 0; i < row.percentiles().length; i++)
            {
                out.append(i > 0 ? ", " : "").append(quote(Row.PERCENTILE_LABELS[i])).append(": ")
                    .append(number(row.percentiles()[i]));
            }
            out.append('}');
        }
        if (null != row.histogram() && row.histogram().getTotalCount() > 0)
        {
            out.append(",\n      \"distribution\": [");
            appendDistribution(out, row.histogram(), row.kind().nsPerUnit());
            out.append(']');
        }
        if (null != row.error())
        {
            out.append(", \"error\": ").append(quote(row.error()));
        }
        out.append('}');
    }

    /**
     * The histogram's percentile distribution, 5 ticks per half distance (as HdrHistogram's output), as
     * [percentile, value] pairs.
     */
    private static void appendDistribution(final StringBuilder out, final Histogram histogram, final double nsPerUnit)
    {
        boolean first = true;
        for (final HistogramIterationValue v : histogram.percentiles(5))
        {
            out.append(first ? "" : ", ").append('[').append(number(v.getPercentileLevelIteratedTo())).append(", ")
                .append(number(histogram.highestEquivalentValue(v.getValueIteratedTo()) / nsPerUnit)).append(']');
            first = false;
        }
    }

    private static void appendArray(final StringBuilder out, final double[] values)
    {
        out.append('[');
        for (int i = 0; i < values.length; i++)
        {
            out.append(i > 0 ? ", " : "").append(number(values[i]));
        }
        out.append(']');
    }

    private static void appendMap(final StringBuilder out, final Map<String, String> map)
    {
        boolean first = true;
        for (final Map.Entry<String, String> entry : map.entrySet())
        {
            out.append(first ? "\n    " : ",\n    ").append(quote(entry.getKey())).append(": ").append(quote(entry.getValue()));
            first = false;
        }
        out.append("\n  ");
    }

    static String number(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        final String text = String.format(java.util.Locale.ROOT, "%.3f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String quote(final String text)
    {
        if (null == text)
        {
            return "null";
        }
        final StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
