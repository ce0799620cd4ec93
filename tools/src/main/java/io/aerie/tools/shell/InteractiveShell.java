package io.aerie.tools.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The interactive shell on a terminal: JLine reads lines with history and completion on the caller's thread (the
 * reader thread), the client thread runs them, and watch events are printed above the prompt without garbling the
 * line being typed.
 * <p>
 * Events are handed from the client thread to a printer thread, which calls {@link LineReader#printAbove(String)}:
 * the client thread never waits for the terminal, whose lock the reader holds while it completes a path (and
 * completing a path waits for the client thread).
 */
final class InteractiveShell implements AutoCloseable
{
    private final LineReader reader;
    private final ExecutorService eventPrinter;
    private final ShellSession session;
    private final ShellDispatcher dispatcher;
    private final ClientAgent agent;

    /**
     * @param settings    where to connect and the timeouts.
     * @param terminal    the terminal to read from and print on.
     * @param err         where errors go.
     * @param historyFile where history persists across runs, or null to keep it in memory only.
     */
    InteractiveShell(
        final ShellSettings settings, final Terminal terminal, final PrintWriter err, final Path historyFile)
    {
        final LineReaderBuilder builder = LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("aerie")
            .completer(new ShellCompleter(ShellDispatcher.commandNames(), this::childrenOf))
            .option(LineReader.Option.AUTO_FRESH_LINE, true)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (null != historyFile)
        {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        final LineReader lineReader = builder.build();

        this.reader = lineReader;
        this.eventPrinter = Executors.newSingleThreadExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "aerie-shell-events");
            thread.setDaemon(true);
            return thread;
        });
        this.session = new ShellSession(
            settings, terminal.writer(), err, text -> eventPrinter.execute(() -> lineReader.printAbove(text)), true);
        this.dispatcher = new ShellDispatcher(session);
        this.agent = new ClientAgent(session);
    }

    /**
     * Connect, then read and run lines until {@code quit} or end of input (Ctrl-D); Ctrl-C drops the line typed.
     *
     * @return 0.
     */
    int run()
    {
        final PrintWriter out = session.out();
        out.println("Connecting to " + session.connectString());
        out.flush();
        agent.call(this::connectOrSay);

        while (true)
        {
            final String line;
            try
            {
                line = reader.readLine(prompt());
            }
            catch (final UserInterruptException ex)
            {
                continue;
            }
            catch (final EndOfFileException ex)
            {
                break;
            }

            agent.call(s -> dispatcher.execute(line));
            if (agent.call(ShellSession::isQuitRequested))
            {
                break;
            }
        }

        return 0;
    }

    /**
     * @return the line reader, for its history.
     */
    LineReader reader()
    {
        return reader;
    }

    /**
     * Close the session and stop the threads.
     */
    public void close()
    {
        agent.close();
        eventPrinter.shutdown();
        try
        {
            eventPrinter.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        try
        {
            reader.getHistory().save();
        }
        catch (final IOException ex)
        {
            session.err().println("aerie shell: cannot save the history: " + ex.getMessage());
        }
    }

    private String prompt()
    {
        return "[aerie: " + session.stateLabel() + " " + session.history().commandCount() + "] ";
    }

    private List<String> childrenOf(final String path)
    {
        return agent.call(s -> s.childrenForCompletion(path), session.timeoutMs(), Collections.emptyList());
    }

    private Void connectOrSay(final ShellSession shellSession)
    {
        try
        {
            shellSession.client();
        }
        catch (final ShellFailure ex)
        {
            shellSession.err().println(ex.getMessage());
            shellSession.err().flush();
        }
        return null;
    }
}
