package io.aerie.tools.shell;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interactive shell driven through JLine's dumb terminal, keystrokes in, screen out: completion of command
 * names and znode paths, and history. No cluster: the shell's connect fails (one line) and it stays usable.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InteractiveShellTest
{
    private static final String TAB = "\t";
    private static final String ENTER = "\n";
    private static final String CTRL_P = "\u0010";

    @Test
    void shouldCompleteCommandNamesAndRunTheLine() throws IOException
    {
        final Screen screen = runShell("hel" + TAB + "crea" + TAB + ENTER);

        assertAll(screen.toString(),
            () -> assertTrue(screen.out.contains("help create")),
            () -> assertTrue(screen.out.contains("Usage: create [-s] [-e] [-c] [-t ttl] path [data] [acl]")),
            () -> assertEquals(List.of("help create"), screen.history));
    }

    @Test
    void shouldRecallPreviousLineFromHistory() throws IOException
    {
        final Screen screen = runShell("help sync" + ENTER + "help quit" + ENTER + CTRL_P + CTRL_P + ENTER);

        assertAll(screen.toString(),
            () -> assertEquals(2, count(screen.out, "Usage: sync path")),
            () -> assertEquals(1, count(screen.out, "Usage: quit")),
            () -> assertEquals(List.of("help sync", "help quit", "help sync"), screen.history));
    }

    @Test
    void shouldSayOnceThatTheClusterIsUnreachableAndCarryOn() throws IOException
    {
        final Screen screen = runShell("help getAcl" + ENTER);

        assertAll(screen.toString(),
            () -> assertEquals(1, screen.err.lines().count()),
            () -> assertTrue(screen.err.contains("Unable to connect")),
            () -> assertTrue(screen.out.contains("(NOT CONNECTED) 0] ")),
            () -> assertTrue(screen.out.contains("Usage: getAcl [-s] path")));
    }

    @Test
    void shouldCompleteZnodePathFromChildrenOfTypedParent() throws IOException
    {
        final Map<String, List<String>> tree = Map.of(
            "/", List.of("app", "zoo"),
            "/app", List.of("config", "data"));
        final List<String> asked = new ArrayList<>();
        final ShellCompleter completer = new ShellCompleter(ShellDispatcher.commandNames(), parent ->
        {
            asked.add(parent);
            return tree.getOrDefault(parent, List.of());
        });

        try (Terminal terminal = dumbTerminal("get /a" + TAB + "/c" + TAB + ENTER, new ByteArrayOutputStream()))
        {
            final LineReader reader = LineReaderBuilder.builder().terminal(terminal).completer(completer).build();

            assertEquals("get /app/config", reader.readLine("> "));
            assertEquals(List.of("/", "/app"), asked);
        }
    }

    private static Screen runShell(final String keys) throws IOException
    {
        final int port;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("localhost", 0)))
        {
            port = socket.getLocalPort();
        }
        final ShellSettings settings = new ShellSettings(ConnectString.parse("localhost:" + port), 500, 0);
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();

        final List<String> history = new ArrayList<>();
        try (Terminal terminal = dumbTerminal(keys, screen);
            InteractiveShell shell = new InteractiveShell(settings, terminal, new PrintWriter(err, true), null))
        {
            assertEquals(0, shell.run());
            shell.reader().getHistory().forEach(entry -> history.add(entry.line().trim()));
        }

        return new Screen(screen.toString(StandardCharsets.UTF_8), err.toString(), history);
    }

    private static Terminal dumbTerminal(final String keys, final ByteArrayOutputStream screen) throws IOException
    {
        // A dumb terminal with ANSI capabilities, so that JLine binds Tab to completion and Ctrl-P to history, and
        // a size, so that it echoes the line typed.
        final Terminal terminal = new DumbTerminal("test", "ansi",
            new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(160, 50));
        return terminal;
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1))
        {
            count++;
        }
        return count;
    }

    private static final class Screen
    {
        final String out;
        final String err;
        final List<String> history;

        Screen(final String out, final String err, final List<String> history)
        {
            this.out = out;
            this.err = err;
            this.history = history;
        }

        public String toString()
        {
            return "--- screen\n" + out.replace("\u001b", "ESC") + "\n--- err\n" + err + "--- history\n" + history;
        }
    }
}
