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
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The snapshot schema is frozen at version {@value #FROZEN_VERSION}: a snapshot a node wrote is loaded by the next
 * version of it, so every element keeps its id, name, offset, type and length
 * ({@code snapshot-schema-layout-v1.txt}) and anything added carries a {@code sinceVersion} above it. Written once
 * per frozen version, as {@link SchemaLayoutFreezeTest}'s, with
 * {@code -Daerie.snapshot.schema.layout.write=src/test/resources/snapshot-schema-layout-v1.txt}.
 */
class SnapshotSchemaLayoutFreezeTest
{
    static final int FROZEN_VERSION = 1;
    private static final String SCHEMA = "/aerie-snapshot-schema.xml";
    private static final String FROZEN_RESOURCE = "/snapshot-schema-layout-v" + FROZEN_VERSION + ".txt";
    private static final String RULE = "The snapshot schema evolves only by appending with sinceVersion (see the " +
        "comment at the top of aerie-snapshot-schema.xml): a node must load the snapshots of the version before it.";

    @Test
    void shouldKeepEveryElementOfTheFrozenVersionAsItWas() throws Exception
    {
        final List<String> changed = SchemaLayout.changed(frozenLines(), SchemaLayout.of(SCHEMA).lines());
        if (!changed.isEmpty())
        {
            fail(changed.size() + " element(s) of snapshot schema version " + FROZEN_VERSION + " changed:\n" +
                String.join("\n", changed) + "\n" + RULE);
        }
    }

    @Test
    void shouldGiveEveryElementAddedSinceASinceVersionAboveTheFrozenOne() throws Exception
    {
        final List<String> unversioned = SchemaLayout.addedAtOrBelow(
            FROZEN_VERSION, frozenLines(), SchemaLayout.of(SCHEMA).lines());
        if (!unversioned.isEmpty())
        {
            fail(unversioned.size() + " element(s) added after snapshot schema version " + FROZEN_VERSION +
                " without a sinceVersion above it:\n" + String.join("\n", unversioned) + "\n" + RULE);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "aerie.snapshot.schema.layout.write", matches = ".+")
    void shouldWriteTheLayoutWhenAsked() throws Exception
    {
        final Path path = Path.of(System.getProperty("aerie.snapshot.schema.layout.write"));
        final SchemaLayout.Layout layout = SchemaLayout.of(SCHEMA);
        final List<String> out = new ArrayList<>();
        out.add("# Layout of aerie-snapshot-schema.xml version " + layout.version() +
            ", frozen: see SnapshotSchemaLayoutFreezeTest.");
        out.addAll(layout.lines());
        Files.write(path, out, StandardCharsets.UTF_8);
    }

    private static List<String> frozenLines() throws IOException
    {
        try (InputStream in = SnapshotSchemaLayoutFreezeTest.class.getResourceAsStream(FROZEN_RESOURCE))
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
