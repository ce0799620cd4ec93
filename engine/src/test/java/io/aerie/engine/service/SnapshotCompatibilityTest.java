package io.aerie.engine.service;

import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.snapshot.SessionWriteDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Snapshots written by earlier versions of the service load into the state the same operations build today: an
 * upgrade never needs a wipe. The fixtures under {@code snapshots/} were written by {@link #shouldWriteFixture}
 * from {@link SnapshotFixtureOps} (see the README there).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class SnapshotCompatibilityTest
{
    /** Written by the DataOutput format of sessions (4), watches (1) and tree (2) inside service format 2. */
    static final String LEGACY_FIXTURE = "/snapshots/service-v2-dataoutput.frames";
    private static final String FIXTURE_DIR_PROP_NAME = "aerie.snapshot.fixture.dir";

    @Test
    @EnabledIfSystemProperty(named = FIXTURE_DIR_PROP_NAME, matches = ".+")
    void shouldWriteFixture(@TempDir final File dir) throws IOException
    {
        try (ServiceFixture f = new ServiceFixture(); SnapshotFrames frames = new SnapshotFrames(dir))
        {
            SnapshotFixtureOps.apply(f);
            final Path file = Path.of(System.getProperty(FIXTURE_DIR_PROP_NAME), "fixture.frames");
            SnapshotFrames.write(file, frames.take(f.service));
        }
    }

    @Test
    void shouldLoadLegacyFixtureToTheStateTheSameOperationsBuild(@TempDir final File dir) throws IOException
    {
        assertLoadsToTheStateOfTheOperations(dir, fixture(LEGACY_FIXTURE));
    }

    @Test
    void shouldLoadTheSnapshotItTakesToTheSameState(@TempDir final File dir)
    {
        try (ServiceFixture f = new ServiceFixture(); SnapshotFrames frames = new SnapshotFrames(dir))
        {
            SnapshotFixtureOps.apply(f);
            assertLoadsToTheStateOf(f, frames, frames.take(f.service));
        }
    }

    private static void assertLoadsToTheStateOfTheOperations(final File dir, final List<byte[]> snapshot)
    {
        try (ServiceFixture f = new ServiceFixture(); SnapshotFrames frames = new SnapshotFrames(dir))
        {
            SnapshotFixtureOps.apply(f);
            assertLoadsToTheStateOf(f, frames, snapshot);
        }
    }

    /**
     * Load the snapshot into a new service and compare it with the fixture's: the tree's digest, the last zxid, and
     * the whole state as the two services' own snapshots of it (byte for byte: sessions, watches, tree).
     */
    private static void assertLoadsToTheStateOf(
        final ServiceFixture f, final SnapshotFrames frames, final List<byte[]> snapshot)
    {
        final AerieClusteredService restored = new AerieClusteredService(ServiceFixture.context());
        try
        {
            final StubCluster cluster = new StubCluster();
            cluster.time(f.nowMs());
            restored.onStart(cluster, frames.replay(snapshot));

            assertEquals(f.service.tree().digest(), restored.tree().digest());
            assertEquals(f.service.lastZxid(), restored.lastZxid());
            assertEquals(f.service.sessions().size(), restored.sessions().size());
            assertEquals(f.service.watches().watchCount(), restored.watches().watchCount());
            assertFramesEqual(frames.take(f.service), frames.take(restored));
        }
        finally
        {
            restored.close();
        }
    }

    private static void assertFramesEqual(final List<byte[]> expected, final List<byte[]> actual)
    {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(withAnswerVersionOf(expected.get(i), actual.get(i)), actual.get(i), "message " + i);
        }
    }

    /**
     * A remembered write's answer is kept as it was sent, wire header included, so a session restored from an older
     * snapshot re-sends the answer with the wire schema version of its day: the one difference the same operations
     * make today. The answer's version is compared as the actual frame has it; everything else byte for byte.
     */
    private static byte[] withAnswerVersionOf(final byte[] expected, final byte[] actual)
    {
        final int versionOffset = io.aerie.codecs.snapshot.MessageHeaderDecoder.ENCODED_LENGTH +
            SessionWriteDecoder.BLOCK_LENGTH + SessionWriteDecoder.responseHeaderLength() +
            MessageHeaderDecoder.versionEncodingOffset();
        final io.aerie.codecs.snapshot.MessageHeaderDecoder header =
            new io.aerie.codecs.snapshot.MessageHeaderDecoder().wrap(new UnsafeBuffer(expected), 0);
        if (expected.length != actual.length ||
            expected.length < versionOffset + MessageHeaderDecoder.versionEncodingLength() ||
            header.schemaId() != SessionWriteDecoder.SCHEMA_ID ||
            header.templateId() != SessionWriteDecoder.TEMPLATE_ID)
        {
            return expected;
        }
        final byte[] copy = expected.clone();
        for (int i = 0; i < MessageHeaderDecoder.versionEncodingLength(); i++)
        {
            copy[versionOffset + i] = actual[versionOffset + i];
        }
        return copy;
    }

    static List<byte[]> fixture(final String resource) throws IOException
    {
        try (InputStream in = SnapshotCompatibilityTest.class.getResourceAsStream(resource))
        {
            assertNotNull(in, resource);
            return SnapshotFrames.read(in.readAllBytes());
        }
    }
}
