package io.aerie.bench.suite.report;

import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteResults;

import java.util.Locale;

/**
 * The Markdown report's read section (issue 15): getData's two read models side by side (local, ZooKeeper's model,
 * and linearizable) on 1 and 3 servers, and local read throughput by the number of servers read from, on the
 * targets without fsync (a read writes nothing to disk; Aerie's linearizable read is a log entry, so with fsync it
 * pays a sync: those figures are in the fsync table). Ratios Aerie ÷ ZooKeeper; the throughput rows also say how
 * many times the one-server figure each is.
 */
final class ReadTable
{
    private static final String[] LATENCY_ROWS = { "read-local", "read-linearizable" };
    private static final String THROUGHPUT_ROW = "read-throughput-";

    private ReadTable()
    {
    }

    /**
     * Append the section, if the run has any read row.
     *
     * @param out     the document.
     * @param results the run.
     */
    static void render(final StringBuilder out, final SuiteResults results)
    {
        if (!hasAny(results))
        {
            return;
        }
        out.append("\n## Reads: local (ZooKeeper's model) and linearizable, without fsync\n\n")
            .append("Local: answered by one server's own state, never older than what the session has seen, not ")
            .append("linearizable (Aerie `ReadMode.LOCAL` from a follower, ZooKeeper a session on a follower; one ")
            .append("node: the node). Linearizable: Aerie through the log, ZooKeeper `sync` + `getData`. Throughput: ")
            .append("pipelined local reads from clients on 1, 2, 3 servers at once (followers first), total, with ")
            .append("× the 1-server figure.\n\n")
            .append("| read | Aerie 1 | ZK standalone | Aerie 1 ÷ ZK p50 · p99 | Aerie 3 | ZK ensemble | ")
            .append("Aerie 3 ÷ ZK p50 · p99 |\n")
            .append("|---|---|---|---|---|---|---|\n");
        for (final String key : LATENCY_ROWS)
        {
            final Row title = first(results, key);
            if (null == title)
            {
                continue;
            }
            out.append("| getData 100 B, closed loop, ").append(
                "read-local".equals(key) ? "local (not linearizable)" : "linearizable");
            for (final String nodes : new String[]{ "aerie-1-nofsync", "aerie-3-nofsync" })
            {
                final Row aerie = results.find(key, nodes);
                final Row zooKeeper = results.find(key, nodes.startsWith("aerie-1") ?
                    "zk-standalone-nofsync" : "zk-ensemble-nofsync");
                out.append(" | ").append(Cells.cell(aerie)).append(" | ").append(Cells.cell(zooKeeper)).append(" | ")
                    .append(Cells.ratio(aerie, zooKeeper));
            }
            out.append(" |\n");
        }
        for (int servers = 1; servers <= 3; servers++)
        {
            final String key = THROUGHPUT_ROW + servers;
            if (null == first(results, key))
            {
                continue;
            }
            final Row aerie = results.find(key, "aerie-3-nofsync");
            final Row zooKeeper = results.find(key, "zk-ensemble-nofsync");
            out.append("| local reads from ").append(servers).append(" of 3 servers, ops/s | | | | ")
                .append(Cells.cell(aerie)).append(growth(results, aerie, "aerie-3-nofsync")).append(" | ")
                .append(Cells.cell(zooKeeper)).append(growth(results, zooKeeper, "zk-ensemble-nofsync")).append(" | ")
                .append(Cells.ratio(aerie, zooKeeper)).append(" |\n");
        }
    }

    private static String growth(final SuiteResults results, final Row row, final String column)
    {
        final Row one = results.find(THROUGHPUT_ROW + 1, column);
        if (null == row || null == one || !row.measured() || !one.measured() || one.value() <= 0)
        {
            return "";
        }
        return String.format(Locale.ROOT, " (×%.2f)", row.value() / one.value());
    }

    private static Row first(final SuiteResults results, final String key)
    {
        for (final Row row : results.rows())
        {
            if (row.workload().equals(key))
            {
                return row;
            }
        }
        return null;
    }

    private static boolean hasAny(final SuiteResults results)
    {
        for (final Row row : results.rows())
        {
            if (row.workload().startsWith("read-"))
            {
                return true;
            }
        }
        return false;
    }
}
