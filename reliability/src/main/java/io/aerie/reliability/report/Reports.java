package io.aerie.reliability.report;

import io.aerie.reliability.checker.Anomaly;
import io.aerie.reliability.history.Op;
import io.aerie.reliability.nemesis.Fault;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's files: results.json, results.md, history.jsonl, latency.svg.
 */
public final class Reports
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports()
    {
    }

    /**
     * @param dir    where to write (made if missing).
     * @param result the run's result.
     * @param ops    every operation of every workload, by invocation time.
     * @throws IOException if a file cannot be written.
     */
    public static void write(final File dir, final RunResult result, final List<Op> ops) throws IOException
    {
        Files.createDirectories(dir.toPath());
        JSON.writeValue(new File(dir, "results.json"), result);
        Files.writeString(new File(dir, "results.md").toPath(), markdown(result), StandardCharsets.UTF_8);
        writeHistory(new File(dir, "history.jsonl"), ops, result.startNs());
        final List<Op> byCompletion = ops.stream().sorted(Comparator.comparingLong(Op::completeNs)).toList();
        Files.writeString(new File(dir, "latency.svg").toPath(),
            LatencyPlot.svg(result.title(), result.startNs(), result.endNs(), byCompletion, result.faults()),
            StandardCharsets.UTF_8);
    }

    /**
     * @param result a run's result.
     * @return the short markdown summary.
     */
    public static String markdown(final RunResult result)
    {
        final StringBuilder md = new StringBuilder();
        md.append("# Reliability run: ").append(result.isValid() ? "VALID" : "INVALID").append("\n\n")
            .append(result.title()).append("  \nstarted ").append(result.startedAt())
            .append(String.format(Locale.ROOT, ", %.0f s, load average %.1f at start, %.1f at end%n%n",
                (result.endNs() - result.startNs()) / 1e9, result.loadStart(), result.loadEnd()));

        summary(result, md);
        md.append("| workload | ops | ok | fail | indeterminate | anomalies | notes |\n|---|---|---|---|---|---|---|\n");
        for (final WorkloadResult w : result.workloads())
        {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %s |%n",
                w.name(), w.ops(), w.ok(), w.fail(), w.info(), w.anomalies().size(), w.summary()));
        }

        md.append("\n| fault | events | recovery p50 / p99 / max ms | heal to stable leader p50 / p99 / max ms | " +
            "heal to all caught up p50 / p99 / max ms | not settled | elections per event mean / max |\n" +
            "|---|---|---|---|---|---|---|\n");
        for (final Map.Entry<String, long[]> entry : result.recoveriesMs().entrySet())
        {
            final long[] values = entry.getValue();
            final List<Fault> ofKind = result.faults().stream()
                .filter(f -> f.kind().label().equals(entry.getKey())).toList();
            final long[] stable = ofKind.stream().mapToLong(f -> sinceHealMs(f, f.stableNs())).toArray();
            final long[] caughtUp = ofKind.stream().mapToLong(f -> sinceHealMs(f, f.caughtUpNs())).toArray();
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %.2f / %d |%n", entry.getKey(),
                values.length, percentiles(values), percentiles(stable), percentiles(caughtUp),
                ofKind.stream().filter(f -> f.caughtUpNs() < 0).count(),
                ofKind.stream().mapToLong(Fault::termsStarted).average().orElse(0),
                ofKind.stream().mapToLong(Fault::termsStarted).max().orElse(0)));
        }
        md.append("\nRecovery: from the fault's injection to the completion of the first acknowledged write invoked " +
            "after it. Heal to stable leader: from the heal (restart, SIGCONT, rules removed) to one leader followed by " +
            "every running member; elections: leadership terms started from the injection to the settling; to all caught up: until every member has applied the log as far as the furthest " +
            "had then. Not settled: either did not happen within the nemesis's 90 s wait.\n\n");

        md.append("Digests after healing (count zxid digest per node): ");
        for (final long[] digest : result.digests())
        {
            md.append(null == digest ? "none" : digest[0] + " " + digest[1] + " " + Long.toHexString(digest[2]))
                .append("; ");
        }
        md.append(result.digestsEqual() ? "equal" : "NOT EQUAL").append("\n\n");
        md.append("Unexpected node exits: ").append(result.unexpectedExits().isEmpty() ? "none" :
            String.join("; ", result.unexpectedExits())).append("\n\n");
        md.append("Members not rejoined after the final healing: ").append(result.notRejoined().isEmpty() ? "none" :
            String.join("; ", result.notRejoined())).append("\n\n");
        if (null != result.expiry())
        {
            final ExpiryResult e = result.expiry();
            md.append(String.format(Locale.ROOT, "Session expiry after a flood: %d sessions abandoned during %d flood " +
                "writes; expired per node %s; left per node %s; ephemerals left %d; %d ms: %s%n%n",
                e.abandoned(), e.floodOps(), Arrays.toString(e.expiredPerNode()),
                Arrays.toString(e.sessionsLeft()), e.ephemeralsLeft(), e.waitedMs(), e.isValid() ? "ok" : "FAILED"));
        }
        for (final WorkloadResult w : result.workloads())
        {
            for (final Anomaly anomaly : w.anomalies())
            {
                md.append("- **").append(anomaly.workload()).append(" ").append(anomaly.kind()).append("**: ")
                    .append(anomaly.description()).append("\n");
                for (final Op op : anomaly.subHistory())
                {
                    md.append("    - ").append(op).append("\n");
                }
            }
        }
        for (final String note : result.notes())
        {
            md.append("- ").append(note).append("\n");
        }
        return md.toString();
    }

    private static void summary(final RunResult result, final StringBuilder md)
    {
        long acknowledged = 0;
        long indeterminate = 0;
        for (final WorkloadResult w : result.workloads())
        {
            acknowledged += w.ok();
            indeterminate += w.info();
        }
        final Object target = result.settings().get("eventsPerKind");
        md.append("| measure | value |\n|---|---|\n")
            .append("| nemesis events per kind | ").append(counts(result.faults())).append(null == target ||
            Integer.valueOf(0).equals(target) ? "" : " (target " + target + " each)").append(" |\n")
            .append("| acknowledged ops (indeterminate) | ").append(acknowledged).append(" (").append(indeterminate)
            .append(") |\n")
            .append("| lost or doubled acknowledged writes | ")
            .append(anomalies(result, "lost-create", "doubled-create", "phantom-create", "counter-out-of-bounds",
                "counter-read-out-of-bounds")).append(" |\n")
            .append("| linearizability anomalies (register) | ")
            .append(anomalies(result, "non-linearizable", "unchecked")).append(" |\n")
            .append("| fencing overlaps | ").append(anomalies(result, "fencing-overlap", "shared-token", "shared-zxid"))
            .append(" |\n")
            .append("| digests after healing | ").append(result.digestsEqual() ? "equal" : "NOT EQUAL").append(" |\n")
            .append("| nodes died of a fault not their own | ").append(result.unexpectedExits().size()).append(" |\n")
            .append(String.format(Locale.ROOT, "| elections with no fault in effect | %d in %.0f s |%n%n",
                result.quietElections(), result.quietMs() / 1e3));
    }

    private static long anomalies(final RunResult result, final String... kinds)
    {
        final List<String> wanted = List.of(kinds);
        return result.workloads().stream().flatMap(w -> w.anomalies().stream())
            .filter(a -> wanted.contains(a.kind())).count();
    }

    private static long sinceHealMs(final Fault fault, final long ns)
    {
        return ns < 0 ? -1 : (ns - fault.healNs()) / 1_000_000;
    }

    private static String percentiles(final long[] values)
    {
        return FaultStats.percentile(values, 50) + " / " + FaultStats.percentile(values, 99) + " / " +
            FaultStats.percentile(values, 100);
    }

    private static void writeHistory(final File file, final List<Op> ops, final long startNs) throws IOException
    {
        try (BufferedWriter out = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8))
        {
            for (final Op op : ops)
            {
                out.write(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    event(op, "invoke", op.invokeNs() - startNs)));
                out.newLine();
                out.write(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    event(op, op.outcome().name().toLowerCase(Locale.ROOT), op.completeNs() - startNs)));
                out.newLine();
            }
        }
    }

    private static Map<String, Object> event(final Op op, final String type, final long timeNs)
    {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("process", op.process());
        event.put("type", type);
        event.put("f", op.f());
        event.put("key", op.key());
        event.put("value", "invoke".equals(type) ? new long[]{ op.a(), op.b() } : new long[]{ op.r0(), op.r1() });
        event.put("time", timeNs);
        if (!"invoke".equals(type) && !op.note().isEmpty())
        {
            event.put("note", op.note());
        }
        return event;
    }

    /**
     * @param faults faults.
     * @return the number of each kind, by label.
     */
    public static Map<String, Integer> counts(final List<Fault> faults)
    {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        for (final Fault fault : faults)
        {
            counts.merge(fault.kind().label(), 1, Integer::sum);
        }
        return counts;
    }
}
