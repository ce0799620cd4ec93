package io.aerie.tools;

import io.aerie.codecs.config.AerieProperties;
import io.aerie.tools.admin.AdminCommand;
import io.aerie.tools.cli.ExitCodes;
import io.aerie.tools.cli.Failures;
import io.aerie.tools.cli.ToolsVersion;
import io.aerie.tools.shell.ShellCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The {@code aerie} command: {@code aerie local} (a local cluster in this JVM, with the README demo),
 * {@code aerie node} (one node from a properties file), {@code aerie shell} (zkCli's commands, interactive or
 * not) and {@code aerie admin} (status, snapshot, ruok, srvr and mntr of the nodes on this machine). Run by
 * {@code tools/bin/aerie}.
 * <p>
 * Exit codes: 0 on success, 1 when a command fails while running (one line on stderr), 2 on bad input such as
 * an unknown subcommand or flag (one line on stderr, no stack trace). Set the system property
 * {@value #STACK_TRACES_PROP_NAME}{@code =true} to have failures print their stack trace as well.
 */
@Command(
    name = "aerie",
    mixinStandardHelpOptions = true,
    versionProvider = AerieMain.VersionProvider.class,
    description = "Aerie: a coordination service in the family of Apache ZooKeeper, replicated with Aeron Cluster.",
    subcommands = { LocalCommand.class, NodeCommand.class, GatewayCommand.class, ShellCommand.class, AdminCommand.class,
        CommandLine.HelpCommand.class })
public final class AerieMain implements Callable<Integer>
{
    /**
     * System property: print the stack trace of a failure after its one-line message
     * ({@link Failures#STACK_TRACES_PROP_NAME}).
     */
    public static final String STACK_TRACES_PROP_NAME = Failures.STACK_TRACES_PROP_NAME;

    /**
     * Exit code of a command that failed while running ({@link ExitCodes#FAILURE}).
     */
    public static final int EXIT_FAILURE = ExitCodes.FAILURE;

    /**
     * Exit code of bad input: unknown subcommand or flag, invalid value ({@link ExitCodes#USAGE}).
     */
    public static final int EXIT_USAGE = ExitCodes.USAGE;

    private static final int USAGE_HELP_WIDTH = 100;
    private static final List<String> TOOLS_NAMESPACES = List.of("aerie.tools.");
    private static final Set<String> TOOLS_PROPERTIES = AerieProperties.namesOf(Failures.class);

    @Spec
    CommandSpec spec;

    /**
     * Run the command line and exit the JVM with its exit code.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        final CommandLine commandLine = commandLine(
            new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(commandLine.execute(args));
    }

    /**
     * The configured {@code aerie} command line: its output and errors go to the given writers, parse errors
     * and failures become one line on {@code err} and an exit code. Call {@link CommandLine#execute(String...)}
     * on it, from one thread.
     *
     * @param out where commands print their results.
     * @param err where errors go.
     * @return a new command line.
     */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err)
    {
        return commandLine(System.in, out, err);
    }

    /**
     * The configured {@code aerie} command line, as {@link #commandLine(PrintWriter, PrintWriter)}, with the input
     * {@code aerie shell} reads its commands from when none is given on the command line.
     *
     * @param in  the shell's input: {@link System#in} (interactive when it is a terminal) or a script.
     * @param out where commands print their results.
     * @param err where errors go.
     * @return a new command line.
     */
    public static CommandLine commandLine(final InputStream in, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new AerieMain(), new Factory(in))
            .setOut(out)
            .setErr(err)
            .setUsageHelpWidth(USAGE_HELP_WIDTH)
            .setUsageHelpAutoWidth(true)
            .setExecutionStrategy(AerieMain::execute)
            .setParameterExceptionHandler(AerieMain::onParameterException)
            .setExecutionExceptionHandler(AerieMain::onExecutionException);
        // `aerie shell -c host:port get -s /x`: what follows the first positional word is the shell command's,
        // flags included.
        commandLine.getSubcommands().get(ShellCommand.NAME).setStopAtPositional(true);

        return commandLine;
    }

    /**
     * {@code aerie} alone: print the usage to stderr and return the usage exit code.
     *
     * @return {@link #EXIT_USAGE}.
     */
    public Integer call()
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("aerie: missing subcommand");
        commandLine.usage(commandLine.getErr());
        return ExitCodes.USAGE;
    }

    /**
     * Check the tools' own {@code aerie.tools.*} properties (each command's component checks its own), then run
     * the command picocli chose.
     */
    static int execute(final ParseResult parseResult)
    {
        final CommandLine commandLine = parseResult.commandSpec().commandLine();
        AerieProperties.check(System.getProperties(), TOOLS_NAMESPACES, TOOLS_PROPERTIES,
            (message) -> new ParameterException(commandLine, message));

        return new CommandLine.RunLast().execute(parseResult);
    }

    static int onParameterException(final ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final StringBuilder line = new StringBuilder("aerie: ").append(Failures.oneLine(ex.getMessage()));
        if (ex instanceof UnmatchedArgumentException)
        {
            final List<String> suggestions = ((UnmatchedArgumentException)ex).getSuggestions();
            if (!suggestions.isEmpty())
            {
                line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
            }
        }
        line.append("; see '").append(commandLine.getCommandSpec().qualifiedName()).append(" --help'");

        final PrintWriter err = commandLine.getErr();
        err.println(line);
        Failures.printStackTraceIfAsked(ex, err);
        err.flush();

        return ExitCodes.USAGE;
    }

    static int onExecutionException(final Exception ex, final CommandLine commandLine, final ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(ex));
        Failures.printStackTraceIfAsked(ex, err);
        err.flush();

        return ExitCodes.FAILURE;
    }

    /**
     * One line for a failure, as {@link Failures#describe(Throwable)}.
     *
     * @param throwable the failure.
     * @return a single line.
     */
    public static String describe(final Throwable throwable)
    {
        return Failures.describe(throwable);
    }

    /**
     * Creates the command objects; gives {@code aerie shell} its input.
     */
    static final class Factory implements CommandLine.IFactory
    {
        private final InputStream in;

        Factory(final InputStream in)
        {
            this.in = in;
        }

        public <K> K create(final Class<K> type) throws Exception
        {
            if (ShellCommand.class == type)
            {
                return type.cast(new ShellCommand(in));
            }

            return CommandLine.defaultFactory().create(type);
        }
    }

    /**
     * The version from the tools jar's manifest ({@code Implementation-Version}).
     */
    static final class VersionProvider implements CommandLine.IVersionProvider
    {
        public String[] getVersion()
        {
            return new String[]{ "aerie " + ToolsVersion.version() };
        }
    }
}
