package io.aerie.tools;

import io.aerie.tools.admin.AdminCommand;
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
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

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
     * System property: print the stack trace of a failure after its one-line message.
     */
    public static final String STACK_TRACES_PROP_NAME = "aerie.tools.stack.traces";

    /**
     * Exit code of a command that failed while running.
     */
    public static final int EXIT_FAILURE = 1;

    /**
     * Exit code of bad input: unknown subcommand or flag, invalid value.
     */
    public static final int EXIT_USAGE = 2;

    private static final int USAGE_HELP_WIDTH = 100;
    private static final Pattern AERON_CATEGORY_PREFIX = Pattern.compile("^(FATAL|ERROR|WARN) - ");

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
        return EXIT_USAGE;
    }

    static int onParameterException(final ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final StringBuilder line = new StringBuilder("aerie: ").append(oneLine(ex.getMessage()));
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
        printStackTraceIfAsked(ex, err);
        err.flush();

        return EXIT_USAGE;
    }

    static int onExecutionException(final Exception ex, final CommandLine commandLine, final ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(ex));
        printStackTraceIfAsked(ex, err);
        err.flush();

        return EXIT_FAILURE;
    }

    /**
     * One line for a failure: its message (or type, if it has none), plus the message of its root cause when
     * that says something more.
     *
     * @param throwable the failure.
     * @return a single line.
     */
    public static String describe(final Throwable throwable)
    {
        final String message = messageOf(throwable);
        Throwable root = throwable;
        while (null != root.getCause() && root.getCause() != root)
        {
            root = root.getCause();
        }

        if (root != throwable)
        {
            final String rootMessage = messageOf(root);
            if (!message.contains(rootMessage))
            {
                return message + " (" + rootMessage + ")";
            }
        }

        return message;
    }

    private static String messageOf(final Throwable throwable)
    {
        final String message = throwable.getMessage();
        if (null == message || message.isBlank())
        {
            return throwable.getClass().getSimpleName();
        }

        // Aeron prefixes its exceptions' messages with their category; the one line says error already.
        return AERON_CATEGORY_PREFIX.matcher(oneLine(message)).replaceFirst("");
    }

    private static String oneLine(final String message)
    {
        return null == message ? "" : message.trim().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void printStackTraceIfAsked(final Throwable throwable, final PrintWriter err)
    {
        if (Boolean.getBoolean(STACK_TRACES_PROP_NAME))
        {
            throwable.printStackTrace(err);
        }
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
     * The version of the tools: the tools jar's {@code Implementation-Version}.
     *
     * @return the version, or {@code (development build)} when run from classes.
     */
    public static String version()
    {
        final String version = AerieMain.class.getPackage().getImplementationVersion();
        return null == version ? "(development build)" : version;
    }

    /**
     * The version from the tools jar's manifest ({@code Implementation-Version}).
     */
    static final class VersionProvider implements CommandLine.IVersionProvider
    {
        public String[] getVersion()
        {
            return new String[]{ "aerie " + version() };
        }
    }
}
