package io.aerie.bench;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The command line of a rig's {@code main()}, parsed by picocli from an options object annotated with
 * {@link CommandLine.Command}, {@link CommandLine.Parameters} and {@link CommandLine.Option} (defaults in the
 * annotations, so the usage text states them). {@code --help} prints the usage and exits 0; a bad argument prints
 * the reason and the usage on standard error and exits 2. For launchers only: it may end the JVM.
 */
public final class RigCommandLine
{
    /** Exit code of a command line that does not parse. */
    public static final int EXIT_USAGE = 2;

    private RigCommandLine()
    {
    }

    /**
     * @param options an instance of the rig's options class, filled in from {@code args}.
     * @param args    the command line.
     * @param <T>     the options class.
     * @return {@code options}, filled in; does not return after {@code --help} or a bad argument.
     */
    public static <T> T parse(final T options, final String[] args)
    {
        final CommandLine commandLine = new CommandLine(options);
        try
        {
            final CommandLine.ParseResult result = commandLine.parseArgs(args);
            if (CommandLine.printHelpIfRequested(result))
            {
                System.exit(0);
            }
        }
        catch (final CommandLine.ParameterException ex)
        {
            final PrintWriter err = new PrintWriter(System.err, true);
            err.println(ex.getMessage());
            commandLine.usage(err);
            System.exit(EXIT_USAGE);
        }
        return options;
    }
}
