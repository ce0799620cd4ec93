package io.aerie.engine.tree;

import net.openhft.chronicle.hash.VanillaGlobalMutableState;
import net.openhft.chronicle.values.ValueModel;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build-time tool: compiles the class Chronicle Map would otherwise generate and compile with javac on every start
 * of a map ({@code VanillaGlobalMutableState$$Native}, the map header's native view) and writes it to the engine's
 * classes. Chronicle Values looks such a class up on the class path first ({@code ValueModel.createClass}: only a
 * {@code ClassNotFoundException} leads to its run-time compiler), so a node that finds it skips the compile: ~0.7 s
 * of the service thread's CPU at start, with the JIT work on javac that went with it (README, restart rig).
 * <p>
 * The source is Chronicle's own ({@code Generators.generateNativeClass}, called reflectively: it is package-private),
 * generated from the chronicle-values and chronicle-map jars the engine is built against, so the class matches them;
 * a node run with other Chronicle versions on its class path must be built against those. Run by Maven at
 * {@code process-classes} ({@code engine/pom.xml}) in a JVM with the nodes' flags and the engine's class path.
 */
public final class ChronicleClassGenerator
{
    /** Suffix Chronicle Values gives the native implementation of a value interface. */
    static final String NATIVE_SUFFIX = "$$Native";

    /** The value interfaces whose native classes the tree's maps need. */
    static final List<Class<?>> VALUE_TYPES = List.of(VanillaGlobalMutableState.class);

    private ChronicleClassGenerator()
    {
    }

    /**
     * Generate and compile the native classes of {@link #VALUE_TYPES}.
     *
     * @param args the classes directory to write the class files to, and the directory for their sources.
     * @throws Exception if Chronicle cannot generate a source or javac rejects it: the build fails.
     */
    public static void main(final String[] args) throws Exception
    {
        if (2 != args.length)
        {
            throw new IllegalArgumentException("usage: ChronicleClassGenerator <classes dir> <sources dir>");
        }
        final File classesDir = new File(args[0]);
        final File sourcesDir = new File(args[1]);
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (null == javac)
        {
            throw new IllegalStateException("no system Java compiler: build with a full JDK");
        }
        for (final Class<?> valueType : VALUE_TYPES)
        {
            final File source = writeSource(valueType, sourcesDir);
            final int status = javac.run(null, null, null,
                "--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8",
                "-classpath", System.getProperty("java.class.path"),
                "-d", classesDir.getPath(), source.getPath());
            if (0 != status)
            {
                throw new IllegalStateException("javac failed (" + status + ") on " + source);
            }
        }
    }

    /**
     * @return the binary name Chronicle Values looks up for the native implementation of {@code valueType}.
     */
    static String nativeClassName(final Class<?> valueType)
    {
        return valueType.getName() + NATIVE_SUFFIX;
    }

    private static File writeSource(final Class<?> valueType, final File sourcesDir) throws Exception
    {
        final String simpleName = valueType.getSimpleName() + NATIVE_SUFFIX;
        final String javaCode = generateNativeSource(valueType, simpleName);
        final Path packageDir = sourcesDir.toPath().resolve(valueType.getPackageName().replace('.', File.separatorChar));
        Files.createDirectories(packageDir);
        final Path file = packageDir.resolve(simpleName + ".java");
        try
        {
            Files.writeString(file, javaCode, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot write " + file, ex);
        }
        return file.toFile();
    }

    private static String generateNativeSource(final Class<?> valueType, final String simpleName) throws Exception
    {
        final Class<?> generators = Class.forName("net.openhft.chronicle.values.Generators");
        final Method generate = generators.getDeclaredMethod("generateNativeClass", ValueModel.class, String.class);
        generate.setAccessible(true);
        return (String)generate.invoke(null, ValueModel.acquire(valueType), simpleName);
    }
}
