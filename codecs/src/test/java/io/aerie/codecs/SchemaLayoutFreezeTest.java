package io.aerie.codecs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The wire schema is frozen at version {@value #FROZEN_VERSION}: every message, field, group, var data, type and
 * enum value that version had keeps its id, name, offset, type, length and sinceVersion
 * ({@code schema-layout-v2.txt}, SBE's IR of the schema as it was), and anything added since carries a
 * {@code sinceVersion} above it. A client and a node of different versions then still read each other.
 * <p>
 * The frozen copy is written once per frozen version, by this class with a system property:
 * <pre>
 * mvn -B -ntp -o -pl codecs -am test -Dtest=SchemaLayoutFreezeTest#shouldWriteTheLayoutWhenAsked -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Daerie.schema.layout.write=src/test/resources/schema-layout-v2.txt
 * </pre>
 */
class SchemaLayoutFreezeTest
{
    static final int FROZEN_VERSION = 2;
    private static final String FROZEN_RESOURCE = "/schema-layout-v" + FROZEN_VERSION + ".txt";
    private static final String RULE = "The wire schema evolves only by appending: add fields and messages at the end " +
        "with sinceVersion=\"N\" (N above " + FROZEN_VERSION + ") and raise the schema version; never reorder, retype, " +
        "rename, resize or remove what a released version has (see the comment at the top of aerie-schema.xml).";

    @Test
    void shouldKeepEveryElementOfTheFrozenVersionAsItWas() throws Exception
    {
        final List<String> changed = SchemaLayout.changed(frozenLines(), SchemaLayout.of("/aerie-schema.xml").lines());
        if (!changed.isEmpty())
        {
            fail(changed.size() + " element(s) of schema version " + FROZEN_VERSION + " changed:\n" +
                String.join("\n", changed) + "\n" + RULE);
        }
    }

    @Test
    void shouldGiveEveryElementAddedSinceASinceVersionAboveTheFrozenOne() throws Exception
    {
        final List<String> unversioned = SchemaLayout.addedAtOrBelow(
            FROZEN_VERSION, frozenLines(), SchemaLayout.of("/aerie-schema.xml").lines());
        if (!unversioned.isEmpty())
        {
            fail(unversioned.size() + " element(s) added after schema version " + FROZEN_VERSION +
                " without a sinceVersion above it:\n" + String.join("\n", unversioned) + "\n" + RULE);
        }
    }

    @Test
    void shouldNeverLowerTheSchemaVersion() throws Exception
    {
        final int version = SchemaLayout.of("/aerie-schema.xml").version();
        assertTrue(version >= FROZEN_VERSION, "schema version " + version + " is below the frozen " + FROZEN_VERSION);
    }

    @Test
    @EnabledIfSystemProperty(named = "aerie.schema.layout.write", matches = ".+")
    void shouldWriteTheLayoutWhenAsked() throws Exception
    {
        final Path path = Path.of(System.getProperty("aerie.schema.layout.write"));
        final SchemaLayout.Layout layout = SchemaLayout.of("/aerie-schema.xml");
        final List<String> out = new ArrayList<>();
        out.add("# Wire layout of aerie-schema.xml version " + layout.version() + ", frozen: see SchemaLayoutFreezeTest.");
        out.add("# <element> :: <what it must keep>. Written by the test with -Daerie.schema.layout.write=<this file>.");
        out.addAll(layout.lines());
        if (null != path.toAbsolutePath().getParent())
        {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        Files.write(path, out, StandardCharsets.UTF_8);
    }

    private static List<String> frozenLines() throws IOException
    {
        try (InputStream in = SchemaLayoutFreezeTest.class.getResourceAsStream(FROZEN_RESOURCE))
        {
            assertNotNull(in, FROZEN_RESOURCE + " on the test classpath");
            final List<String> lines = new ArrayList<>();
            for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
            {
                if (!line.isBlank() && !line.startsWith("#"))
                {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
