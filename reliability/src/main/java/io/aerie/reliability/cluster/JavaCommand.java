package io.aerie.reliability.cluster;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM like this one: its {@code java}, the module and Chronicle flags this JVM was
 * started with (the project's {@code aerie.jvm.flags}), its class path (failsafe's test class path when run by it).
 */
public final class JavaCommand
{
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
                arg.startsWith("-Dchronicle") || arg.startsWith("-XX:"))
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
}
