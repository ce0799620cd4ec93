package io.aerie.bench.suite.report;

import io.aerie.bench.suite.MachineLoad;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteResults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes a run as Markdown: like for like, two comparison tables (with fsync: Aerie durability {@code data} beside
 * ZooKeeper {@code forceSync=yes}; without: durability {@code none} beside {@code forceSync=no}), one node beside
 * standalone and three beside the ensemble, with p50 and p99 ratios; the echo floor with the Aerie/echo ratios;
 * the machine's load per round; allocation; every row's percentiles; the targets' configurations and notes.
 * Cells are medians over the rounds with the rounds' spread ({@link Cells}).
 */
public final class MarkdownReport
{
    private static final String[][] LIKE_FOR_LIKE = {
        { "With fsync: Aerie durability `data` vs ZooKeeper `forceSync=yes`", "aerie-1", "zk-standalone", "aerie-3",
            "zk-ensemble" },
        { "Without fsync: Aerie durability `none` vs ZooKeeper `forceSync=no`", "aerie-1-nofsync",
            "zk-standalone-nofsync", "aerie-3-nofsync", "zk-ensemble-nofsync" } };

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
            .append(" mode, ").append(results.roundCount()).append(" round(s), ").append(results.durationMs() / 1000)
            .append(" s)\n\n");
        final Map<String, String> machine = results.machine();
        out.append("Machine: ").append(machine.get("cores")).append(" cores (").append(machine.get("cpu")).append("), ")
            .append(machine.get("memory")).append(", ").append(machine.get("jdk")).append(", load average at start ")
            .append(machine.get("loadAverageAtStart")).append(busySummary(results)).append(". Rig idle: ")
            .append(machine.get("rigIdle")).append(".\n\n");
        out.append("Targets run one at a time, interleaved in rounds (each target once per round, in the same order). ")
            .append("Every closed-loop row (and create+delete) warms up for at least ")
            .append(results.mode().closedWarmupOps()).append(" operations and ")
            .append(TimeUnit.NANOSECONDS.toMillis(results.mode().closedWarmupNs()) / 1000.0)
            .append(" s first, so the JIT compilers of the freshly started servers and rig are done. ")
            .append("Latency cells are p50 / p99 in µs (from the intended send time at fixed rates): the p50 is the ")
            .append("median of the rounds' p50s, the p99 is over every round's samples together, each followed by the ")
            .append("rounds' min–max; a p99 needs ").append(Row.P99_MIN_SAMPLES).append(" samples (")
            .append(Row.P99_MIN_EVENTS).append(" events for fan-out), else \"").append(Cells.P99_NOT_SHOWN)
            .append("\". Throughput in ops/s, failover in ms (median of the runs). Ratios are Aerie ÷ ZooKeeper with ")
            .append("the same durability, p50 · p99: below 1 Aerie is faster, except for throughput where above 1 ")
            .append("Aerie does more.\n");
        for (final String[] table : LIKE_FOR_LIKE)
        {
            comparison(out, results, table);
        }
        ReadTable.render(out, results);
        floor(out, results);
        rounds(out, results);
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

    private static void comparison(final StringBuilder out, final SuiteResults results, final String[] table)
    {
        final List<String> columns = List.of(table[1], table[2], table[3], table[4]);
        out.append("\n## ").append(table[0]).append("\n\n")
            .append("| workload | Aerie 1 | ZK standalone | Aerie 1 ÷ ZK p50 · p99 | Aerie 3 | ZK ensemble | ")
            .append("Aerie 3 ÷ ZK p50 · p99 |\n")
            .append("|---|---|---|---|---|---|---|\n");
        for (final Map.Entry<String, String> workload : results.workloads().entrySet())
        {
            final String key = workload.getKey();
            if (key.startsWith("alloc-") || !hasAny(results, key, columns))
            {
                continue;
            }
            out.append("| ").append(workload.getValue());
            for (int pair = 0; pair < 2; pair++)
            {
                final Row aerie = results.find(key, columns.get(2 * pair));
                final Row zooKeeper = results.find(key, columns.get(2 * pair + 1));
                out.append(" | ").append(Cells.cell(aerie)).append(" | ").append(Cells.cell(zooKeeper))
                    .append(" | ").append(Cells.ratio(aerie, zooKeeper));
            }
            out.append(" |\n");
        }
    }

    private static void floor(final StringBuilder out, final SuiteResults results)
    {
        out.append("\n## The floor: Aerie vs the raw Aeron Cluster echo (same nodes, idle strategies, channels, ")
            .append("durability none)\n\n")
            .append("| workload | echo 1 | Aerie 1 no fsync | Aerie 1 ÷ echo 1 p50 · p99 | echo 3 | Aerie 3 no fsync | ")
            .append("Aerie 3 ÷ echo 3 p50 · p99 |\n")
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
                final Row aerie = results.find(key, "aerie-" + nodes + "-nofsync");
                out.append(" | ").append(Cells.cell(echo)).append(" | ").append(Cells.cell(aerie)).append(" | ")
                    .append(Cells.ratio(aerie, echo));
            }
            out.append(" |\n");
        }
    }

    private static void rounds(final StringBuilder out, final SuiteResults results)
    {
        out.append("\n## Rounds: the machine's load while each target ran\n\n")
            .append("Others' CPU is the machine's busy time minus the suite's own processes (rig and servers), ")
            .append("in cores; a round where others used more than ").append(MachineLoad.BUSY_OTHERS_CORES)
            .append(" core is flagged busy.\n\n")
            .append("| round | target | load average start | load average end | others' CPU, cores | s | busy |\n")
            .append("|---|---|---|---|---|---|---|\n");
        for (final MachineLoad.Round round : results.rounds())
        {
            out.append("| ").append(round.round()).append(" | ").append(round.column()).append(" | ")
                .append(Cells.format(round.loadAverageStart(), 2)).append(" | ").append(Cells.format(round.loadAverageEnd(), 2))
                .append(" | ").append(Cells.format(round.othersCores(), 2)).append(" | ").append(Cells.format(round.seconds(), 0))
                .append(" | ").append(round.busy() ? "**busy**" : "").append(" |\n");
        }
    }

    private static String busySummary(final SuiteResults results)
    {
        int busy = 0;
        for (final MachineLoad.Round round : results.rounds())
        {
            busy += round.busy() ? 1 : 0;
        }
        return 0 == busy ? "" : ", " + busy + " of " + results.rounds().size() + " target rounds on a busy machine";
    }

    private static void allocation(final StringBuilder out, final SuiteResults results)
    {
        out.append("\n## Allocation (B/op; 0 is the target)\n\n| what | target | B/op |\n|---|---|---|\n");
        for (final Row row : results.rows())
        {
            if (Row.Kind.BYTES_PER_OP == row.kind())
            {
                out.append("| ").append(row.title()).append(" | ").append(row.column()).append(" | ")
                    .append(null == row.error() ? Cells.format(row.value(), 1) : Cells.note(row.error())).append(" |\n");
            }
        }
    }

    private static void details(final StringBuilder out, final SuiteResults results)
    {
        out.append("\n## All latency percentiles\n\n")
            .append("Over every round's samples together; a percentile is shown only from enough samples (p99: ")
            .append(Row.P99_MIN_SAMPLES).append(", fan-out ").append(Row.P99_MIN_EVENTS).append("; p99.9: ")
            .append(Row.P999_MIN_SAMPLES).append("; p99.99: ten times that). p50 rounds: each round's p50.\n\n")
            .append("| workload | target | samples | failed | p50 | p90 | p99 | p99.9 | p99.99 | max | unit | ops/s | p50 rounds |\n")
            .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
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
                out.append(" | ").append(Cells.note(row.error())).append(" | | | | | | | | |\n");
                continue;
            }
            for (int i = 0; i < row.percentiles().length; i++)
            {
                final double p = row.percentiles()[i];
                out.append(" | ").append(shown(row, i) ? Cells.format(p, p < 10 ? 2 : 0) : "—");
            }
            out.append(" | ").append(row.kind().percentileUnit()).append(" | ")
                .append(Row.Kind.THROUGHPUT == row.kind() ? Cells.format(row.value(), 0) : "").append(" | ");
            if (Row.Kind.LATENCY_US == row.kind() && row.roundValues().length > 1)
            {
                for (int i = 0; i < row.roundValues().length; i++)
                {
                    out.append(i > 0 ? ", " : "").append(Cells.format(row.roundValues()[i], 0));
                }
            }
            out.append(" |\n");
        }
    }

    /**
     * Is percentile i (of {@link Row#PERCENTILES}) quoted for this row: p50, p90 and max always; p99, p99.9 and
     * p99.99 only from enough samples.
     */
    private static boolean shown(final Row row, final int i)
    {
        return switch (i)
        {
            case 2 -> row.p99Shown();
            case 3 -> row.p999Shown() || Row.Kind.DURATION_MS == row.kind();
            case 4 -> row.samples() >= 10L * Row.P999_MIN_SAMPLES || Row.Kind.DURATION_MS == row.kind();
            default -> true;
        };
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
}
