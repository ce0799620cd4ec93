package io.aerie.tools.shell;

import io.aerie.client.ClientSession;
import org.agrona.CloseHelper;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aerie shell}: zkCli's commands against an Aerie cluster. With a command on the command line, runs it and
 * exits with its code; otherwise reads commands from standard input: interactively when it is a terminal (history,
 * completion, watch events above the prompt), else line by line as a script. Exit codes: 0 ok, 1 a command failed
 * (e.g. the znode does not exist, the cluster is unreachable), 2 bad input (unknown command, bad flag, invalid
 * path). Created by picocli through {@code AerieMain}'s factory; runs on the caller's thread.
 */
@Command(
    name = ShellCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
        "zkCli's shell for an Aerie cluster: run one command (aerie shell get /x), the commands of a script " +
            "(aerie shell < script), or interactively on a terminal, with history, tab completion of commands and " +
            "znode paths, and watch events printed as they come. 'help' lists the commands.",
        "Exit codes: 0 ok, 1 a command failed (e.g. Node does not exist, cluster unreachable), 2 bad input " +
            "(unknown command, bad flag, invalid path); for a script the highest of its lines."
    })
public final class ShellCommand implements Callable<Integer>
{
    /**
     * The subcommand's name.
     */
    public static final String NAME = "shell";

    /**
     * Default of {@code --timeout-ms}: how long a connect or a request may take.
     */
    public static final long TIMEOUT_MS_DEFAULT = 5_000;

    private final InputStream in;

    @Spec
    CommandSpec spec;

    @Option(names = { "-c", "--connect", "-server" }, paramLabel = "host:port,...",
        converter = ConnectString.Converter.class,
        description = "The cluster: each member's ingress as host:port (member ids 0, 1, ... in order) or " +
            "id=host:port as aerie local prints it; -server as zkCli. Default: the cluster aerie local starts " +
            "(aerie.local.* properties), ${DEFAULT-VALUE}.")
    ConnectString connectString = ConnectString.localDefault();

    @Option(names = "--timeout-ms", paramLabel = "MS",
        description = "How long connecting or one request may take before it fails. Default: ${DEFAULT-VALUE}.")
    long timeoutMs = TIMEOUT_MS_DEFAULT;

    @Option(names = "--session-timeout-ms", paramLabel = "MS",
        description = "Session timeout to ask for. Default: " + ClientSession.Configuration.SESSION_TIMEOUT_DEFAULT +
            " (or " + ClientSession.Configuration.SESSION_TIMEOUT_PROP_NAME + ").")
    int sessionTimeoutMs;

    @Option(names = { "-auth", "--auth" }, paramLabel = "user:password",
        description = "Digest credentials to add to the session at connect (and again at every reconnect), as " +
            "addauth digest user:password does.")
    String digestAuth;

    @Option(names = "--exit-on-error", description = "Reading a script: stop at the first command that fails.")
    boolean exitOnError;

    @Option(names = "--history-file", paramLabel = "FILE",
        description = "Interactive history. Default: .aerie_history in the home directory.")
    Path historyFile = Path.of(System.getProperty("user.home"), ".aerie_history");

    @Parameters(arity = "0..*", paramLabel = "COMMAND",
        description = "A shell command and its arguments, e.g. get -s /app; none to read commands from stdin.")
    List<String> command = new ArrayList<>();

    /**
     * For picocli's default factory: commands from {@link System#in}.
     */
    public ShellCommand()
    {
        this(System.in);
    }

    /**
     * @param in where commands come from when none is given; interactive only if it is {@link System#in} on a
     *           terminal.
     */
    public ShellCommand(final InputStream in)
    {
        this.in = in;
    }

    /**
     * Run the command, the script or the interactive shell.
     *
     * @return the exit code.
     * @throws Exception if the terminal cannot be opened.
     */
    public Integer call() throws Exception
    {
        if (timeoutMs <= 0 || sessionTimeoutMs < 0)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--timeout-ms must be > 0 and --session-timeout-ms >= 0");
        }
        final ShellSettings settings = new ShellSettings(connectString, timeoutMs, sessionTimeoutMs, digestAuth);
        final PrintWriter err = spec.commandLine().getErr();
        if (command.isEmpty() && System.in == in && isTerminal())
        {
            try (Terminal terminal = TerminalBuilder.builder().system(true).build();
                InteractiveShell shell = new InteractiveShell(settings, terminal, err, historyFile))
            {
                return closingOnShutdown(shell, shell::run);
            }
        }

        final PrintWriter out = spec.commandLine().getOut();
        final ShellSession session = new ShellSession(settings, out, err, text -> printEvent(out, text), false);
        final ShellDispatcher dispatcher = new ShellDispatcher(session);
        try (ClientAgent agent = new ClientAgent(session))
        {
            if (!command.isEmpty())
            {
                final String line = toLine(command);
                return closingOnShutdown(agent, () -> agent.call(s -> dispatcher.execute(line)));
            }

            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return closingOnShutdown(agent, () -> new ScriptRunner(agent, exitOnError).run(reader, dispatcher));
        }
    }

    /**
     * Run the shell with a shutdown hook that closes it, so that Ctrl-C or SIGTERM while a command runs still closes
     * the session and the client's embedded media driver (whose files would stay behind otherwise).
     */
    private static int closingOnShutdown(final AutoCloseable shell, final Callable<Integer> body) throws Exception
    {
        final Thread hook = new Thread(() -> CloseHelper.quietClose(shell), "aerie-shell-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            return body.call();
        }
        finally
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // Shutting down already: the hook closes the shell.
            }
        }
    }

    /**
     * The words given on the command line, quoted back into one shell line.
     */
    static String toLine(final List<String> words)
    {
        final StringBuilder line = new StringBuilder();
        for (final String word : words)
        {
            line.append(line.length() > 0 ? " " : "").append('\'').append(word.replace("'", "'\\''")).append('\'');
        }

        return line.toString();
    }

    private static void printEvent(final PrintWriter out, final String text)
    {
        out.println(text);
        out.flush();
    }

    /**
     * Standard input and output are a terminal: {@link System#console()} on JDK 17 to 21; on JDK 22 and later it
     * exists for redirected streams too, and {@code Console.isTerminal()} tells.
     */
    private static boolean isTerminal()
    {
        final Console console = System.console();
        if (null == console)
        {
            return false;
        }

        try
        {
            final Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean)isTerminal.invoke(console);
        }
        catch (final NoSuchMethodException ex)
        {
            return true;
        }
        catch (final ReflectiveOperationException ex)
        {
            return false;
        }
    }
}
