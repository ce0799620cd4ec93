package io.aerie.reliability.cluster;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM like this one: its {@code java}, the module and Chronicle flags and Aeron's
 * whole-process stall timeouts this JVM was started with (the project's {@code aerie.jvm.flags}), its class path
 * (failsafe's test class path when run by it). Without the timeouts a node process ran with Aeron's 10 s: at load
 * average 50 a node's archive client was closed after a 10.1 s stall of its process ("service interval exceeded")
 * and the node stopped, a death of no fault of its own in the reliability suite.
 */
public final class JavaCommand
{
    private static final List<String> AERON_TIMEOUTS = List.of(
        "-Daeron.driver.timeout=", "-Daeron.client.liveness.timeout=", "-Daeron.publication.unblock.timeout=");

    private JavaCommand()
    {
    }

    /**
     * @param jvmOptions options before the main class.
     * @param mainClass  the main class.
     * @param args       its arguments.
     * @return the command.
     */
    public static List<String> of(final List<String> jvmOptions, final String mainClass, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") ||
                arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access") ||
                arg.startsWith("-Dchronicle") || arg.startsWith("-XX:") || isAeronTimeout(arg))
            {
                command.add(arg);
            }
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    private static boolean isAeronTimeout(final String arg)
    {
        for (final String prefix : AERON_TIMEOUTS)
        {
            if (arg.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }
}
