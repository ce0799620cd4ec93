package io.aerie.bench;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs one benchmark class from its own {@code main()}, as a launcher: JMH command-line options are
 * honoured, the class's own settings (fork, warmup, measurement, mode, unit) apply otherwise.
 * <p>
 * Defaults added when the command line does not say otherwise:
 * <ul>
 *     <li>only the given class's benchmarks run;</li>
 *     <li>results are written as JSON to {@code jmh-<SimpleName>.json} in the working directory;</li>
 *     <li>if this JVM was started without the reactor's JVM flags ({@code aerie.jvm.flags}, filtered into
 *     the class path as {@code io/aerie/bench/jvm.flags} at build time), they are appended to the forks'
 *     arguments, so a {@code main()} started from an IDE still gives its forks what Agrona and Chronicle
 *     need. Forks otherwise inherit this JVM's arguments.</li>
 * </ul>
 */
public final class BenchmarkMain
{
    private static final String JVM_FLAGS_RESOURCE = "jvm.flags";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private BenchmarkMain()
    {
    }

    /**
     * Run the benchmarks of one class in forked JVMs and print JMH's report on standard output.
     *
     * @param benchmarkClass class whose {@code @Benchmark} methods run, unless {@code args} include others.
     * @param args           JMH command-line options, as for {@code org.openjdk.jmh.Main}; not null.
     * @throws RunnerException            if a benchmark fails.
     * @throws CommandLineOptionException if {@code args} are not valid JMH options.
     */
    public static void run(final Class<?> benchmarkClass, final String[] args)
        throws RunnerException, CommandLineOptionException
    {
        final CommandLineOptions cli = new CommandLineOptions(args);
        final ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty())
        {
            options.include(Pattern.quote(benchmarkClass.getName() + "."));
        }
        if (!cli.getResultFormat().hasValue())
        {
            options.resultFormat(ResultFormatType.JSON);
        }
        if (!cli.getResult().hasValue())
        {
            options.result("jmh-" + benchmarkClass.getSimpleName() + ".json");
        }
        if (!cli.getJvmArgs().hasValue() && !cli.getJvmArgsAppend().hasValue())
        {
            final String[] flags = missingJvmFlags();
            if (flags.length > 0)
            {
                options.jvmArgsAppend(flags);
            }
        }
        new Runner(options.build()).run();
    }

    private static String[] missingJvmFlags()
    {
        final String flags = readJvmFlags();
        if (flags.isEmpty())
        {
            System.err.println("warning: " + JVM_FLAGS_RESOURCE + " not on the class path (build with Maven);" +
                " forks get only this JVM's arguments");
            return new String[0];
        }
        final List<String> hostArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        final String[] required = WHITESPACE.split(flags);
        for (final String flag : required)
        {
            if (!hostArguments.contains(flag))
            {
                return required;
            }
        }
        return new String[0];
    }

    private static String readJvmFlags()
    {
        try (InputStream in = BenchmarkMain.class.getResourceAsStream(JVM_FLAGS_RESOURCE))
        {
            return null == in ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + JVM_FLAGS_RESOURCE, ex);
        }
    }
}
