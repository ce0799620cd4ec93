package io.aerie.codecs.config;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Unknown {@code aerie.*} properties, reported when a component's context concludes.
 * <p>
 * Each component owns namespaces ({@code aerie.node.}, {@code aerie.client.}, ...) and knows every property in
 * them: the {@code *_PROP_NAME} constants of its configuration classes. A property set in an owned namespace that
 * is not known ({@code aerie.node.memberid}) is an error naming the closest known property; so is a property in
 * another namespace within {@value #MAX_SUGGESTION_DISTANCE} edits of a known one ({@code aerie.nod.member.id}).
 * Other namespaces are left alone: they belong to other components in the same JVM (a client beside a node, a test's
 * own properties).
 * <p>
 * Failing is the default: a misspelt property silently ignored leaves a node running with a setting nobody chose (a
 * member id of 0, a durability other than asked for). {@value #STRICT_PROP_NAME}{@code =false} makes the report a
 * warning on stderr instead, for a properties file shared by versions that know different properties.
 * <p>
 * Not thread-safe against concurrent changes of the system properties; called once per conclude.
 */
public final class AerieProperties
{
    /**
     * Prefix of every Aerie property.
     */
    public static final String PREFIX = "aerie.";

    /**
     * Whether an unknown {@code aerie.*} property fails the start ({@code true}, the default) or only warns.
     */
    public static final String STRICT_PROP_NAME = "aerie.config.strict";

    /**
     * Default of {@link #STRICT_PROP_NAME}.
     */
    public static final boolean STRICT_DEFAULT = true;

    /**
     * Most edits between a property in a namespace the component does not own and a known property for the first
     * to count as a misspelling of the second.
     */
    public static final int MAX_SUGGESTION_DISTANCE = 2;

    private static final String PROP_NAME_SUFFIX = "_PROP_NAME";

    private AerieProperties()
    {
    }

    /**
     * The property names a configuration class declares: its {@code public static final String *_PROP_NAME}
     * constants that start with {@value #PREFIX}.
     *
     * @param configurationClasses classes holding {@code *_PROP_NAME} constants.
     * @return the names, sorted.
     */
    public static TreeSet<String> namesOf(final Class<?>... configurationClasses)
    {
        final TreeSet<String> names = new TreeSet<>();
        for (final Class<?> type : configurationClasses)
        {
            for (final Field field : type.getFields())
            {
                final int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && String.class == field.getType() &&
                    field.getName().endsWith(PROP_NAME_SUFFIX))
                {
                    final String name = constantOf(field);
                    if (null != name && name.startsWith(PREFIX))
                    {
                        names.add(name);
                    }
                }
            }
        }

        return names;
    }

    /**
     * Report the unknown {@code aerie.*} properties among {@code properties}: throw, or warn on stderr when
     * {@value #STRICT_PROP_NAME} is false.
     *
     * @param properties      the properties to check, usually {@link System#getProperties()}.
     * @param ownedNamespaces the namespaces the component owns, each ending with a dot ({@code aerie.node.}).
     * @param known           every property the component knows.
     * @param toException     makes the component's configuration exception from the report.
     * @param <E>             the exception type.
     * @throws E when a property is unknown and {@value #STRICT_PROP_NAME} is not {@code false}.
     */
    public static <E extends RuntimeException> void check(
        final Properties properties,
        final Collection<String> ownedNamespaces,
        final Collection<String> known,
        final Function<String, E> toException)
    {
        final String report = unknown(properties, ownedNamespaces, known);
        if (null == report)
        {
            return;
        }

        final String strict = properties.getProperty(STRICT_PROP_NAME);
        if (null == strict ? STRICT_DEFAULT : Boolean.parseBoolean(strict.trim()))
        {
            throw toException.apply(report + "; set " + STRICT_PROP_NAME + "=false to warn instead");
        }
        System.err.println("warning: " + report);
    }

    /**
     * The report of the unknown {@code aerie.*} properties among {@code properties}, as {@link #check} makes it.
     *
     * @param properties      the properties to check.
     * @param ownedNamespaces the namespaces the component owns, each ending with a dot.
     * @param known           every property the component knows.
     * @return one line naming each unknown property and the closest known one, or null when all are known.
     */
    public static String unknown(
        final Properties properties, final Collection<String> ownedNamespaces, final Collection<String> known)
    {
        final List<String> problems = new ArrayList<>();
        for (final String name : new TreeSet<>(properties.stringPropertyNames()))
        {
            if (!name.startsWith(PREFIX) || known.contains(name) || STRICT_PROP_NAME.equals(name))
            {
                continue;
            }

            final String closest = closest(name, known);
            if (isOwned(name, ownedNamespaces))
            {
                problems.add(null == closest ? name : name + " (did you mean " + closest + "?)");
            }
            else if (null != closest && distance(name, closest) <= MAX_SUGGESTION_DISTANCE)
            {
                problems.add(name + " (did you mean " + closest + "?)");
            }
        }

        return problems.isEmpty() ? null : "unknown propert" + (1 == problems.size() ? "y " : "ies ") +
            String.join(", ", problems);
    }

    /**
     * The known name closest to {@code name} in edits (Levenshtein distance); ties go to the first in order.
     *
     * @param name  a property name.
     * @param known the known names.
     * @return the closest, or null when there are none.
     */
    public static String closest(final String name, final Collection<String> known)
    {
        String closest = null;
        int closestDistance = Integer.MAX_VALUE;
        for (final String candidate : new TreeSet<>(known))
        {
            final int distance = distance(name, candidate);
            if (distance < closestDistance)
            {
                closest = candidate;
                closestDistance = distance;
            }
        }

        return closest;
    }

    /**
     * Load a properties file (UTF-8) into the system properties, as Agrona's
     * {@code SystemUtil.loadPropertiesFile(PropertyAction.PRESERVE, ...)} does: a property already set (with
     * {@code -D}) wins. Unlike Agrona's, a file that cannot be read is an error rather than silently skipped (a
     * node started with a mistyped file name would run on defaults), values are trimmed, and the file is UTF-8.
     *
     * @param file the properties file.
     * @return the names the file holds, sorted, whether or not a system property won.
     * @throws IOException if the file cannot be read.
     */
    public static TreeSet<String> loadIntoSystemProperties(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }

        final TreeSet<String> names = new TreeSet<>(properties.stringPropertyNames());
        for (final String name : names)
        {
            if (null == System.getProperty(name))
            {
                System.setProperty(name, properties.getProperty(name).trim());
            }
        }

        return names;
    }

    static int distance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.length()];
    }

    private static boolean isOwned(final String name, final Collection<String> ownedNamespaces)
    {
        for (final String namespace : ownedNamespaces)
        {
            if (name.startsWith(namespace))
            {
                return true;
            }
        }

        return false;
    }

    private static String constantOf(final Field field)
    {
        try
        {
            return (String)field.get(null);
        }
        catch (final IllegalAccessException ex)
        {
            return null;
        }
    }
}
