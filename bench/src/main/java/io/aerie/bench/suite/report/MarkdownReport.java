package io.aerie.bench.suite.report;

import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteResults;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run as Markdown: the comparison table (workload | Aerie 1 | Aerie 3 | ZK standalone | ZK ensemble |
 * ratio Aerie/ZK, then the no-fsync ZooKeeper columns), the echo floor with the Aerie/echo ratios, allocation,
 * every row's percentiles, the targets' configurations and the run's notes.
 */
public final class MarkdownReport
{
    private static final List<String> MAIN_COLUMNS = List.of("aerie-1", "aerie-3", "zk-standalone", "zk-ensemble");
    private static final List<String> EXTRA_COLUMNS = List.of("zk-standalone-nofsync", "zk-ensemble-nofsync");

    private MarkdownReport()
    {
    }

    /**
     * @param results the run.
     * @return the Markdown document.
     */
    public static String render(final SuiteResults results)
    {
        final StringBuilder out = new StringBuilder(16 * 1024);
        out.append("# Aerie benchmark suite, ").append(results.date()).append(" (").append(results.mode().name().toLowerCase())
            .append(" mode, ").append(results.durationMs() / 1000).append(" s)\n\n");
        final Map<String, String> machine = results.machine();
        out.append("Machine: ").append(machine.get("cores")).append(" cores (").append(machine.get("cpu")).append("), ")
            .append(machine.get("memory")).append(", ").append(machine.get("jdk")).append(", load average at start ")
            .append(machine.get("loadAverageAtStart")).append(". Rig idle: ").append(machine.get("rigIdle")).append(".\n\n");
        out.append("Latency cells are p50 / p99 in µs (from the intended send time at fixed rates); throughput in ops/s; ")
            .append("failover in ms. Ratios are Aerie ÷ ZooKeeper (Aerie 1 vs standalone · Aerie 3 vs ensemble, fsync on): ")
            .append("below 1 Aerie is faster, except for throughput where above 1 Aerie does more.\n\n");
        comparison(out, results);
        floor(out, results);
        allocation(out, results);
        details(out, results);
        out.append("\n## Configurations\n\n");
        for (final SuiteResults.TargetInfo target : results.targets().values())
        {
            out.append("- **").append(target.title()).append("** (`").append(target.name()).append("`): ")
                .append(target.description()).append('\n');
        }
        if (!results.notes().isEmpty())
        {
            out.append("\n## Notes\n\n");
            for (final String note : results.notes())
            {
                out.append("- ").append(note.replace("\n", " ")).append('\n');
            }
        }
        return out.toString();
    }

    private static void comparison(final StringBuilder out, final SuiteResults results)
    {
        out.append("| workload | Aerie 1 | Aerie 3 | ZK standalone | ZK ensemble | ratio Aerie/ZK | ")
            .append("ZK standalone no fsync | ZK ensemble no fsync |\n")
            .append("|---|---|---|---|---|---|---|---|\n");
        for (final Map.Entry<String, String> workload : results.workloads().entrySet())
        {
            final String key = workload.getKey();
            if (key.startsWith("alloc-") || !hasAny(results, key, MAIN_COLUMNS))
            {
                continue;
            }
            out.append("| ").append(workload.getValue());
            for (final String column : MAIN_COLUMNS)
            {
                out.append(" | ").append(cell(results.find(key, column)));
            }
            out.append(" | ").append(ratio(results.find(key, "aerie-1"), results.find(key, "zk-standalone")))
                .append(" · ").append(ratio(results.find(key, "aerie-3"), results.find(key, "zk-ensemble")));
            for (final String column : EXTRA_COLUMNS)
            {
                out.append(" | ").append(cell(results.find(key, column)));
            }
            out.append(" |\n");
        }
    }

    private static void floor(final StringBuilder out, final SuiteResults results)
    {
        out.append("\n## The floor: Aerie vs the raw Aeron Cluster echo (same nodes, idle strategies, channels)\n\n")
            .append("| workload | echo 1 | Aerie 1 | Aerie 1 / echo 1 | echo 3 | Aerie 3 | Aerie 3 / echo 3 |\n")
            .append("|---|---|---|---|---|---|---|\n");
        for (final Map.Entry<String, String> workload : results.workloads().entrySet())
        {
            final String key = workload.getKey();
            if (key.startsWith("alloc-") || !hasAny(results, key, List.of("echo-1", "echo-3")))
            {
                continue;
            }
            out.append("| ").append(workload.getValue());
            for (final String nodes : List.of("1", "3"))
            {
                final Row echo = results.find(key, "echo-" + nodes);
                final Row aerie = results.find(key, "aerie-" + nodes);
                out.append(" | ").append(cell(echo)).append(" | ").append(cell(aerie)).append(" | ").append(ratio(aerie, echo));
            }
            out.append(" |\n");
        }
    }

    private static void allocation(final StringBuilder out, final SuiteResults results)
    {
        out.append("\n## Allocation (B/op; 0 is the target)\n\n| what | target | B/op |\n|---|---|---|\n");
        for (final Row row : results.rows())
        {
            if (Row.Kind.BYTES_PER_OP == row.kind())
            {
                out.append("| ").append(row.title()).append(" | ").append(row.column()).append(" | ")
                    .append(null == row.error() ? format(row.value(), 1) : note(row.error())).append(" |\n");
            }
        }
    }

    private static void details(final StringBuilder out, final SuiteResults results)
    {
        out.append("\n## All latency percentiles\n\n")
            .append("| workload | target | samples | failed | p50 | p90 | p99 | p99.9 | p99.99 | max | unit | ops/s |\n")
            .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (final Row row : results.rows())
        {
            if (Row.Kind.BYTES_PER_OP == row.kind())
            {
                continue;
            }
            out.append("| ").append(row.title()).append(" | ").append(row.column()).append(" | ").append(row.samples())
                .append(" | ").append(row.failed());
            if (row.percentiles().length == 0)
            {
                out.append(" | ").append(note(row.error())).append(" | | | | | | | |\n");
                continue;
            }
            for (final double p : row.percentiles())
            {
                out.append(" | ").append(format(p, p < 10 ? 2 : 0));
            }
            out.append(" | ").append(row.kind().percentileUnit()).append(" | ")
                .append(Row.Kind.THROUGHPUT == row.kind() ? format(row.value(), 0) : "").append(" |\n");
        }
    }

    private static boolean hasAny(final SuiteResults results, final String key, final List<String> columns)
    {
        for (final String column : columns)
        {
            if (null != results.find(key, column))
            {
                return true;
            }
        }
        return false;
    }

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
        return switch (row.kind())
        {
            case LATENCY_US -> format(row.percentiles()[0], 0) + " / " + format(row.percentiles()[2], 0);
            case THROUGHPUT -> format(row.value(), 0) + " ops/s";
            case DURATION_MS -> format(row.value(), 0) + " ms" +
                (row.samples() > 1 ? " (max " + format(row.percentiles()[5], 0) + ")" : "");
            case BYTES_PER_OP -> format(row.value(), 1) + " B/op";
        };
    }

    static String ratio(final Row aerie, final Row other)
    {
        if (null == aerie || null == other || !aerie.measured() || !other.measured() || 0 == other.value())
        {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f", aerie.value() / other.value());
    }

    private static String note(final String error)
    {
        if (null == error)
        {
            return "no samples";
        }
        return error.startsWith("n/a") ? "n/a" : "failed";
    }

    private static String format(final double value, final int decimals)
    {
        if (Double.isNaN(value))
        {
            return "—";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
