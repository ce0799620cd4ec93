package io.aerie.bench.suite.workload;

import io.aerie.bench.service.ServiceApplyBenchmark;
import io.aerie.bench.service.WatchFanOutApplyBenchmark;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Workload 6, engine side: JMH with {@code -prof gc} on the service's apply path ({@link ServiceApplyBenchmark})
 * and watch fan-out ({@link WatchFanOutApplyBenchmark}), one fork each, reporting {@code gc.alloc.rate.norm}
 * (B/op; 0 is the target). QUICK runs one 1 s warm-up and one 1 s measurement, sessions=16 only; FULL the
 * classes' own settings and every parameter. Forks inherit this JVM's flags (run the suite with the project's JVM
 * flags, as {@code bench/bin/suite} does).
 */
public final class JmhAllocation
{
    /** Column of the engine allocation rows. */
    public static final String COLUMN = "aerie-engine";

    private JmhAllocation()
    {
    }

    /**
     * Run the two benchmarks and turn each benchmark/parameter combination into an allocation row.
     *
     * @param mode   QUICK or FULL.
     * @param output file receiving JMH's own log.
     * @return one row per benchmark (a failed row if JMH failed).
     */
    public static List<Row> run(final SuiteMode mode, final File output)
    {
        System.setProperty("jmh.ignoreLock", "true");
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(Pattern.quote(ServiceApplyBenchmark.class.getName() + "."))
            .include(Pattern.quote(WatchFanOutApplyBenchmark.class.getName() + "."))
            .addProfiler(GCProfiler.class)
            .forks(1)
            .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
            .output(output.getPath());
        if (SuiteMode.FULL != mode)
        {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                .measurementIterations(1).measurementTime(TimeValue.seconds(1))
                .param("sessions", "16");
        }

        final List<Row> rows = new ArrayList<>();
        try
        {
            for (final RunResult result : new Runner(options.build()).run())
            {
                rows.add(row(result));
            }
        }
        catch (final Exception ex)
        {
            rows.add(Row.failed("alloc-engine", "engine apply path (JMH -prof gc)", COLUMN, Row.Kind.BYTES_PER_OP,
                ex + " (see " + output + ")"));
        }
        return rows;
    }

    private static Row row(final RunResult result)
    {
        final BenchmarkParams params = result.getParams();
        final String benchmark = params.getBenchmark();
        final StringBuilder name = new StringBuilder(
            benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1));
        for (final String key : params.getParamsKeys())
        {
            name.append(' ').append(key).append('=').append(params.getParam(key));
        }
        double bytesPerOp = Double.NaN;
        for (final String label : result.getSecondaryResults().keySet())
        {
            if (label.endsWith("gc.alloc.rate.norm"))
            {
                bytesPerOp = result.getSecondaryResults().get(label).getScore();
            }
        }
        final String key = "alloc-engine-" + name.toString().replace(' ', '-').replace('=', '-');
        final String title = "engine B/op (JMH -prof gc): " + name;
        return Double.isNaN(bytesPerOp) ?
            Row.failed(key, title, COLUMN, Row.Kind.BYTES_PER_OP, "no gc.alloc.rate.norm in JMH's result") :
            Row.bytesPerOp(key, title, COLUMN, bytesPerOp);
    }
}
