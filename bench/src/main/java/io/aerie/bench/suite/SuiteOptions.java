package io.aerie.bench.suite;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The suite's command line: {@code [--quick|--full|--smoke] [--only aerie,zookeeper,echo,jmh,<column>...]
 * [--workloads writes,create-delete,reads,read-throughput,pipelined,fan-out,failover,election,lock] [--rounds n]
 * [--out dir] [--port-base n] [--port-step n]}; {@code election} and {@code lock} (Aerie's recipes) run only when
 * named.
 *
 * @param mode     how long to run (QUICK by default).
 * @param only     families or columns to run, comma separated ({@code jmh} for the JMH allocation run); null for all.
 * @param outDir   where the result files go (default {@code bench/results}, or {@code results} inside bench/).
 * @param portBase first port of the Aerie and echo targets (default 30000).
 * @param portStep distance between two targets' port bases (default 250).
 * @param workloads workloads to run, by {@link Workload#name()} or {@code failover}, comma separated; null for all
 *                  that run by default ({@link Workload#runsByDefault()}).
 * @param rounds   rounds to run instead of the mode's (to repeat a subset while developing or reproducing a
 *                 failure), or 0 for the mode's.
 */
public record SuiteOptions(
    SuiteMode mode, String only, Path outDir, int portBase, int portStep, String workloads, int rounds)
{
    /** Usage text. */
    public static final String USAGE =
        "usage: suite [--quick|--full|--smoke] [--only aerie,zookeeper,echo,jmh,<column>] " +
        "[--workloads writes,create-delete,reads,read-throughput,pipelined,fan-out,failover,election,lock] " +
        "[--rounds n] [--out dir] " +
        "[--port-base 30000] [--port-step 250]";

    /**
     * Every workload.
     *
     * @param mode     how long to run.
     * @param only     families or columns to run; null for all.
     * @param outDir   where the result files go.
     * @param portBase first port of the Aerie and echo targets.
     * @param portStep distance between two targets' port bases.
     */
    public SuiteOptions(final SuiteMode mode, final String only, final Path outDir, final int portBase, final int portStep)
    {
        this(mode, only, outDir, portBase, portStep, null, 0);
    }

    /**
     * The mode's rounds.
     *
     * @param mode      how long to run.
     * @param only      families or columns to run; null for all.
     * @param outDir    where the result files go.
     * @param portBase  first port of the Aerie and echo targets.
     * @param portStep  distance between two targets' port bases.
     * @param workloads workloads to run; null for all.
     */
    public SuiteOptions(
        final SuiteMode mode, final String only, final Path outDir, final int portBase, final int portStep,
        final String workloads)
    {
        this(mode, only, outDir, portBase, portStep, workloads, 0);
    }

    /**
     * @throws IllegalArgumentException if rounds is negative.
     */
    public SuiteOptions
    {
        if (rounds < 0)
        {
            throw new IllegalArgumentException("rounds must be >= 0: " + rounds + "\n" + USAGE);
        }
    }

    /**
     * @return the rounds to run: {@link #rounds()} if set, else the mode's.
     */
    public int roundCount()
    {
        return rounds > 0 ? rounds : mode.rounds();
    }

    /**
     * @param args the command line.
     * @return the options.
     * @throws IllegalArgumentException on an unknown or incomplete option.
     */
    public static SuiteOptions parse(final String[] args)
    {
        final Arguments arguments = new Arguments();
        try
        {
            new CommandLine(arguments).parseArgs(args);
        }
        catch (final CommandLine.ParameterException ex)
        {
            throw new IllegalArgumentException(ex.getMessage() + "\n" + USAGE, ex);
        }
        return new SuiteOptions(arguments.mode, arguments.only, arguments.outDir, arguments.portBase,
            arguments.portStep, arguments.workloads, arguments.rounds);
    }

    /**
     * @param name a family, column or {@code jmh}.
     * @return true if {@link #only()} selects it (or selects everything).
     */
    public boolean selects(final String name)
    {
        return listed(only, name);
    }

    /**
     * @param name a {@link Workload#name()} or {@code failover}.
     * @return true if {@link #workloads()} selects it (or selects everything).
     */
    public boolean runsWorkload(final String name)
    {
        return listed(workloads, name);
    }

    /**
     * @param workload a workload of the suite.
     * @return true if {@link #workloads()} names it, or names nothing and the workload runs by default.
     */
    public boolean runsWorkload(final Workload workload)
    {
        return isBlank(workloads) ? workload.runsByDefault() : listed(workloads, workload.name());
    }

    private static boolean isBlank(final String list)
    {
        return null == list || list.isBlank();
    }

    private static boolean listed(final String list, final String name)
    {
        if (isBlank(list))
        {
            return true;
        }
        for (final String part : list.split(","))
        {
            if (part.equals(name))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The command line as picocli fills it in: the last of {@code --quick}, {@code --full}, {@code --smoke} wins.
     */
    @Command(name = "suite")
    static final class Arguments
    {
        SuiteMode mode = SuiteMode.QUICK;
        @Option(names = "--only")
        String only;
        @Option(names = "--out")
        Path outDir = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "results") : Path.of("results");
        @Option(names = "--port-base")
        int portBase = 30_000;
        @Option(names = "--port-step")
        int portStep = 250;
        @Option(names = "--workloads")
        String workloads;
        @Option(names = "--rounds")
        int rounds;

        @Option(names = "--quick")
        void quick(final boolean on)
        {
            mode = SuiteMode.QUICK;
        }

        @Option(names = "--full")
        void full(final boolean on)
        {
            mode = SuiteMode.FULL;
        }

        @Option(names = "--smoke")
        void smoke(final boolean on)
        {
            mode = SuiteMode.SMOKE;
        }
    }
}
