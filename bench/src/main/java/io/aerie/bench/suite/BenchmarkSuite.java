package io.aerie.bench.suite;

import io.aerie.bench.suite.report.HtmlReport;
import io.aerie.bench.suite.report.JsonReport;
import io.aerie.bench.suite.report.MarkdownReport;
import io.aerie.bench.suite.workload.CreateDeleteWorkload;
import io.aerie.bench.suite.workload.ElectionWorkload;
import io.aerie.bench.suite.workload.Failover;
import io.aerie.bench.suite.workload.FanOutWorkload;
import io.aerie.bench.suite.workload.JmhAllocation;
import io.aerie.bench.suite.workload.LockWorkload;
import io.aerie.bench.suite.workload.PipelinedWorkload;
import io.aerie.bench.suite.workload.ReadThroughputWorkload;
import io.aerie.bench.suite.workload.ReadWorkload;
import io.aerie.bench.suite.workload.WriteWorkload;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark suite's runner: in each of the mode's rounds, every workload against every target in turn (Aerie 1
 * and 3 nodes with and without fsync, the echo floor, ZooKeeper standalone and ensemble with and without fsync when
 * its targets are on the class path), one target's processes at a time, started afresh each round; so targets are
 * interleaved (A B A B ...) and a change in the machine's load touches all alike. Each round's rows are merged
 * ({@link RoundMerge}: median of the rounds, their spread, percentiles over every sample) and the machine's load is
 * recorded per target and round ({@link MachineLoad}). Then the JMH allocation run; writes {@code <date>.json},
 * {@code <date>.md} and {@code <date>.html} (with a {@code -full} or {@code -smoke} suffix in those modes). Run by
 * {@code bench/bin/suite}; see {@link SuiteOptions}. A failing workload or target becomes a failed row and a note;
 * the run goes on.
 */
public final class BenchmarkSuite
{
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(90);
    private static final long OP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);
    private static final List<Workload> WORKLOADS = List.of(
        new WriteWorkload(), new CreateDeleteWorkload(), new ReadWorkload(), new ReadThroughputWorkload(),
        new PipelinedWorkload(), new FanOutWorkload(), new LockWorkload(), new ElectionWorkload());

    private BenchmarkSuite()
    {
    }

    /**
     * @param args see {@link SuiteOptions#USAGE}.
     * @throws Exception if the results cannot be written.
     */
    public static void main(final String[] args) throws Exception
    {
        final SuiteOptions options;
        try
        {
            options = SuiteOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        final SuiteResults results = run(options, System.out);
        for (final Path file : write(results, options.outDir()))
        {
            System.out.println("wrote " + file);
        }
    }

    /**
     * Run the selected targets and workloads.
     *
     * @param options what to run.
     * @param log     progress lines.
     * @return the results.
     * @throws IOException if the work directory cannot be made.
     */
    public static SuiteResults run(final SuiteOptions options, final PrintStream log) throws IOException
    {
        final long startNs = System.nanoTime();
        final SuiteResults results = new SuiteResults(LocalDate.now().toString(), options.mode(), MachineInfo.describe());
        final File workDir = Files.createTempDirectory("aerie-bench-run-").toFile();
        final AtomicReference<SystemUnderTest> running = new AtomicReference<>();
        final Thread cleanup = new Thread(() ->
        {
            final SystemUnderTest sut = running.get();
            if (null != sut)
            {
                sut.close();
            }
        }, "aerie-suite-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try
        {
            if (!Targets.zooKeeperAvailable())
            {
                results.notes().add("ZooKeeper targets are not on the class path " +
                    "(io.aerie.bench.suite.zookeeper.ZooKeeperTargets): their columns are empty.");
            }
            final Rig rig = new Rig(OP_TIMEOUT_NS);
            final FailureEvidence evidence = new FailureEvidence(
                options.outDir().resolve(fileBase(results.date(), options.mode()) + "-failed"), results.notes());
            final List<Targets.Target> targets = new ArrayList<>();
            for (final Targets.Target target : Targets.all(workDir, options.portBase(), options.portStep(), options.mode()))
            {
                if (options.selects(target.family()) || options.selects(target.column()))
                {
                    targets.add(target);
                }
            }
            final List<Row> roundRows = new ArrayList<>();
            for (int round = 1; round <= options.roundCount(); round++)
            {
                for (final Targets.Target target : targets)
                {
                    log.println("== round " + round + " of " + options.roundCount() + ": " + target.column());
                    final MachineLoad.Sample before = MachineLoad.sample();
                    final List<Row> rows = new ArrayList<>();
                    final MachineLoad.Sample after = runTarget(
                        target, options, rig, results, rows, running, log, round, evidence);
                    final MachineLoad.Round load = MachineLoad.between(round, target.column(), before, after);
                    results.rounds().add(load);
                    log.println(String.format("   load average %.2f..%.2f, others' CPU %.2f cores%s",
                        load.loadAverageStart(), load.loadAverageEnd(), load.othersCores(), load.busy() ? " BUSY" : ""));
                    for (final Row row : rows)
                    {
                        if (null != row.error() && !row.error().startsWith("n/a") && options.roundCount() > 1)
                        {
                            results.notes().add("round " + round + ": " + row.column() + " / " + row.workload() +
                                " failed: " + row.error());
                        }
                    }
                    roundRows.addAll(rows);
                }
            }
            results.rows().addAll(RoundMerge.merge(roundRows));
            if (options.mode().runsJmh() && options.selects("jmh"))
            {
                log.println("== JMH allocation (ServiceApplyBenchmark, WatchFanOutApplyBenchmark, -prof gc)");
                final List<Row> rows = JmhAllocation.run(options.mode(), new File(workDir, "jmh.log"));
                rows.forEach(row -> logRow(log, row));
                results.rows().addAll(rows);
            }
        }
        finally
        {
            ChildJvm.deleteRecursively(workDir);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        for (final Row row : results.rows())
        {
            if (null != row.error() && !row.error().startsWith("n/a"))
            {
                results.notes().add(row.column() + " / " + row.workload() + " failed: " + row.error());
            }
        }
        results.notes().add("Measured on a shared machine while other work may run: compare columns within one run, " +
            "not across runs.");
        results.durationMs(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        return results;
    }

    /**
     * Write the JSON, Markdown and HTML files.
     *
     * @return the files written.
     * @throws IOException if a file cannot be written.
     */
    public static List<Path> write(final SuiteResults results, final Path outDir) throws IOException
    {
        Files.createDirectories(outDir);
        final String base = fileBase(results.date(), results.mode());
        final List<Path> files = new ArrayList<>();
        files.add(Files.writeString(outDir.resolve(base + ".json"), JsonReport.render(results), StandardCharsets.UTF_8));
        files.add(Files.writeString(outDir.resolve(base + ".md"), MarkdownReport.render(results), StandardCharsets.UTF_8));
        files.add(Files.writeString(outDir.resolve(base + ".html"), HtmlReport.render(results), StandardCharsets.UTF_8));
        return files;
    }

    /**
     * @return the result files' name without extension: the date, with a {@code -full} or {@code -smoke} suffix in
     * those modes.
     */
    static String fileBase(final String date, final SuiteMode mode)
    {
        return date + switch (mode)
        {
            case QUICK -> "";
            case FULL -> "-full";
            case SMOKE -> "-smoke";
        };
    }

    /**
     * One round of one target: start it, run every workload, measure failover (which ends it), close it.
     *
     * @return the machine's load sampled just before the target's processes were closed.
     */
    private static MachineLoad.Sample runTarget(
        final Targets.Target target,
        final SuiteOptions options,
        final Rig rig,
        final SuiteResults results,
        final List<Row> rows,
        final AtomicReference<SystemUnderTest> running,
        final PrintStream log,
        final int round,
        final FailureEvidence evidence)
    {
        final SuiteMode mode = options.mode();
        final boolean measuresFailover = !target.floorOnly() && mode.failoverRuns() > 0 && options.runsWorkload(Failover.KEY);
        final Histogram failovers = Failover.newHistogram();
        String failoverError = null;
        MachineLoad.Sample end = null;
        final int runs = target.floorOnly() ? 1 : Math.max(1, mode.failoverRuns());
        for (int run = 0; run < runs && (0 == run || null == failoverError); run++)
        {
            final SystemUnderTest sut = target.factory().get();
            running.set(sut);
            try
            {
                results.targets().putIfAbsent(target.column(), new SuiteResults.TargetInfo(
                    target.column(), target.title(), sut.name(), sut.description()));
                log.println("   " + target.column() + (run > 0 ? " (failover run " + (run + 1) + ")" : "") + ": starting");
                final long startNs = System.nanoTime();
                sut.start(startNs + START_TIMEOUT_NS);
                log.println("   ready in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs) + " ms");
                if (0 == run)
                {
                    runWorkloads(target, sut, options, rig, rows, log, () ->
                        evidence.keepIfFailed(sut, round, target.column(), rows));
                }
                if (measuresFailover && null == failoverError)
                {
                    final long ns = Failover.measureNs(sut, rig);
                    if (ns < 0)
                    {
                        failoverError = "n/a: no separate leader process";
                    }
                    else
                    {
                        failovers.recordValue(ns);
                        log.println("   failover " + TimeUnit.NANOSECONDS.toMillis(ns) + " ms");
                    }
                }
            }
            catch (final Exception ex)
            {
                log.println("   FAILED: " + ex);
                evidence.keep(sut, round, target.column(), (0 == run ? "start" : "failover run " + (run + 1)) +
                    " failed");
                if (0 == run && !hasRow(rows, WriteWorkload.CLOSED))
                {
                    rows.add(Row.failed(WriteWorkload.CLOSED, "setData 100 B, closed loop", target.column(),
                        Row.Kind.LATENCY_US, "target failed: " + ex));
                }
                failoverError = null == failoverError ? ex.toString() : failoverError;
            }
            finally
            {
                end = null == end ? MachineLoad.sample() : end;
                sut.close();
                running.set(null);
            }
        }
        if (measuresFailover)
        {
            final Row row = failovers.getTotalCount() > 0 ?
                Row.durationMs(Failover.KEY, Failover.TITLE, target.column(), failovers) :
                Row.failed(Failover.KEY, Failover.TITLE, target.column(), Row.Kind.DURATION_MS, failoverError);
            rows.add(row);
            if (row.measured() && null != failoverError)
            {
                results.notes().add(target.column() + ": a later failover run failed: " + failoverError);
            }
        }
        return end;
    }

    private static boolean hasRow(final List<Row> rows, final String workload)
    {
        for (final Row row : rows)
        {
            if (row.workload().equals(workload))
            {
                return true;
            }
        }
        return false;
    }

    private static void runWorkloads(
        final Targets.Target target,
        final SystemUnderTest sut,
        final SuiteOptions options,
        final Rig rig,
        final List<Row> rows,
        final PrintStream log,
        final Runnable afterWorkload)
    {
        final SuiteMode mode = options.mode();
        for (final Workload workload : WORKLOADS)
        {
            if ((target.floorOnly() && !workload.floorCapable()) || !options.runsWorkload(workload))
            {
                continue;
            }
            try
            {
                for (final Row row : workload.run(sut, target.column(), rig, mode))
                {
                    logRow(log, row);
                    rows.add(row);
                }
            }
            catch (final Exception ex)
            {
                log.println("   " + workload.name() + " FAILED: " + ex);
                rows.add(Row.failed(workload.name(), workload.name(), target.column(), Row.Kind.LATENCY_US,
                    ex.toString()));
            }
            afterWorkload.run();
        }
    }

    private static void logRow(final PrintStream log, final Row row)
    {
        if (null != row.error())
        {
            log.println("   " + row.column() + " " + row.workload() + ": " + row.error());
            return;
        }
        final StringBuilder sb = new StringBuilder("   ").append(row.column()).append(' ').append(row.workload()).append(':');
        if (row.percentiles().length > 0)
        {
            for (int i = 0; i < row.percentiles().length; i++)
            {
                sb.append(' ').append(Row.PERCENTILE_LABELS[i]).append(' ').append(String.format("%.1f", row.percentiles()[i]));
            }
            sb.append(' ').append(row.kind().percentileUnit());
        }
        if (Row.Kind.LATENCY_US != row.kind() && Row.Kind.DURATION_MS != row.kind())
        {
            sb.append(String.format(" | %.1f %s", row.value(), row.kind().unit()));
        }
        if (!Double.isNaN(row.bytesPerOp()) && Row.Kind.BYTES_PER_OP != row.kind())
        {
            sb.append(String.format(" | %.1f B/op", row.bytesPerOp()));
        }
        log.println(sb.append(" (").append(row.samples()).append(" samples, ").append(row.failed()).append(" failed)"));
    }
}
