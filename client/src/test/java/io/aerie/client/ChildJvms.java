package io.aerie.client;

import io.aerie.engine.node.ChildJvmCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Child JVMs for tests that need a process to kill: this JVM's java and module flags, the test class path.
 */
final class ChildJvms
{
    private ChildJvms()
    {
    }

    /**
     * Start {@code mainClass} with {@code args} and return once it prints a line starting with {@code readyPrefix}.
     *
     * @throws IllegalStateException with the child's output if it ends before.
     */
    static Process startAndAwait(final String readyPrefix, final Class<?> mainClass, final String... args)
        throws IOException
    {
        final Process child = ChildJvmCommand.of(mainClass.getName())
            .inheritAlso(ChildJvmCommand::isXxFlag)
            .args(args)
            .processBuilder().start();
        final BufferedReader reader = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        final StringBuilder output = new StringBuilder();
        String line;
        while (null != (line = reader.readLine()))
        {
            output.append(line).append('\n');
            if (line.startsWith(readyPrefix))
            {
                return child;
            }
        }
        child.destroyForcibly();
        throw new IllegalStateException("the child JVM ended before it was ready:\n" + output);
    }

    /**
     * Send a signal ("STOP", "CONT") to a process.
     */
    static void signal(final String name, final Process process) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (0 != kill.waitFor())
        {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }
}
