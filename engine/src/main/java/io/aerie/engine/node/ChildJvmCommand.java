package io.aerie.engine.node;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The command line of a child JVM like this one, for whatever starts node processes (or other helper processes)
 * from Java: rigs, the reliability suite, cluster tests. In order: this JVM's {@code java}; the flags of this JVM
 * every Aerie JVM needs ({@link #isRequiredFlag(String)}: the module flags and {@code -Dchronicle.*} of the project's
 * {@code aerie.jvm.flags}) and any more the caller inherits ({@link #inheritAlso(Predicate)}); the caller's JVM
 * options; the class path ({@link #classPath()}); the main class and its arguments.
 * <p>
 * A builder: configure, then {@link #build()} or {@link #processBuilder()}. Not thread-safe.
 */
public final class ChildJvmCommand
{
    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private Predicate<String> inherited = ChildJvmCommand::isRequiredFlag;

    private ChildJvmCommand(final String mainClass)
    {
        this.mainClass = mainClass;
    }

    /**
     * @param mainClass fully qualified name of the child's main class, on {@link #classPath()}.
     * @return a command with no options or arguments yet.
     */
    public static ChildJvmCommand of(final String mainClass)
    {
        return new ChildJvmCommand(mainClass);
    }

    /**
     * @param flags more of this JVM's flags to pass on, beside the required ones: for example
     *              {@link #isXxFlag(String)}, or a rig's {@code -Daerie.node.*} settings.
     * @return this.
     */
    public ChildJvmCommand inheritAlso(final Predicate<String> flags)
    {
        inherited = inherited.or(flags);
        return this;
    }

    /**
     * @param options JVM options after the inherited flags (heap, {@code -D}...), appended.
     * @return this.
     */
    public ChildJvmCommand jvmOptions(final Collection<String> options)
    {
        jvmOptions.addAll(options);
        return this;
    }

    /**
     * @param options JVM options after the inherited flags, appended.
     * @return this.
     */
    public ChildJvmCommand jvmOptions(final String... options)
    {
        return jvmOptions(List.of(options));
    }

    /**
     * @param arguments the main class's arguments, appended.
     * @return this.
     */
    public ChildJvmCommand args(final Collection<String> arguments)
    {
        args.addAll(arguments);
        return this;
    }

    /**
     * @param arguments the main class's arguments, appended.
     * @return this.
     */
    public ChildJvmCommand args(final String... arguments)
    {
        return args(List.of(arguments));
    }

    /**
     * @return the command line.
     */
    public List<String> build()
    {
        final List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(inheritedFlags(inherited));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * @return a process builder for {@link #build()}, standard error merged into standard output (redirect that
     * as needed).
     */
    public ProcessBuilder processBuilder()
    {
        return new ProcessBuilder(build()).redirectErrorStream(true);
    }

    /**
     * @param flags which of this JVM's input arguments to keep.
     * @return this JVM's input arguments that {@code flags} accepts, in order.
     */
    public static List<String> inheritedFlags(final Predicate<String> flags)
    {
        final List<String> kept = new ArrayList<>();
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flags.test(arg))
            {
                kept.add(arg);
            }
        }
        return kept;
    }

    /**
     * @param arg a JVM argument.
     * @return true for what every JVM that loads Agrona or Chronicle Map needs: {@code --add-opens},
     * {@code --add-exports}, the JDK 24+ {@code --enable-native-access} and {@code --sun-misc-unsafe-memory-access},
     * and {@code -Dchronicle.*}; and the project's Aeron whole-process stall timeouts ({@code aeron.driver.timeout},
     * {@code aeron.client.liveness.timeout}, {@code aeron.publication.unblock.timeout}): without them a node process
     * ran with Aeron's 10 s, and at load average 50 a 10.1 s stall of the whole process closed its archive's client
     * ("service interval exceeded") and stopped the node.
     */
    public static boolean isRequiredFlag(final String arg)
    {
        return arg.startsWith("--add-opens") || arg.startsWith("--add-exports") ||
            arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access") ||
            arg.startsWith("-Dchronicle") || arg.startsWith("-Daeron.driver.timeout=") ||
            arg.startsWith("-Daeron.client.liveness.timeout=") || arg.startsWith("-Daeron.publication.unblock.timeout=");
    }

    /**
     * @param arg a JVM argument.
     * @return true for a {@code -XX:} option (the project's flags hold those against whole-JVM pauses).
     */
    public static boolean isXxFlag(final String arg)
    {
        return arg.startsWith("-XX:");
    }

    /**
     * @return this JVM's {@code java} executable.
     */
    public static String javaExecutable()
    {
        return new File(System.getProperty("java.home"), "bin/java").getPath();
    }

    /**
     * @return the class path for a child: surefire's or failsafe's test class path when run by them, else this JVM's.
     */
    public static String classPath()
    {
        final String testClassPath = System.getProperty("surefire.test.class.path");
        return null != testClassPath ? testClassPath : System.getProperty("java.class.path");
    }
}
