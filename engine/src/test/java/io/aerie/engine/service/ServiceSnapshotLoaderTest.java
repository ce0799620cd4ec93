package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.snapshot.MessageChunkDecoder;
import io.aerie.codecs.snapshot.MessageHeaderDecoder;
import io.aerie.codecs.snapshot.SnapshotMarkerDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's snapshot through {@code engine.snapshot}'s taker and loader, on a real IPC stream: framing,
 * messages longer than the publication takes, and snapshots that must not load.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class ServiceSnapshotLoaderTest
{
    @Test
    void shouldBeginAndEndWithMarkers(@TempDir final File dir)
    {
        try (ServiceFixture f = new ServiceFixture(); SnapshotFrames frames = new SnapshotFrames(dir))
        {
            final List<byte[]> messages = frames.take(f.service);

            assertEquals(SnapshotMarkerDecoder.TEMPLATE_ID, templateId(messages.get(0)));
            assertEquals(SnapshotMarkerDecoder.TEMPLATE_ID, templateId(messages.get(messages.size() - 1)));
        }
    }

    @Test
    void shouldCutAMessageLongerThanThePublicationTakesIntoChunksAndLoadIt(@TempDir final File dir)
    {
        try (ServiceFixture f = new ServiceFixture(ServiceFixture.context().treeContext(
                new io.aerie.engine.tree.ZnodeTreeContext().maxZnodes(100).largeDataCapacity(8L * 1024 * 1024)
                    .maxDataLength(1024 * 1024)));
            SnapshotFrames frames = new SnapshotFrames(dir, 64 * 1024))
        {
            final ServiceFixture.Client c = f.connect(5_000);
            assertEquals(ResultCode.OK, f.create(c, "/big", "b".repeat(20_000), CreateMode.PERSISTENT).code());

            final List<byte[]> messages = frames.take(f.service);
            assertTrue(messages.stream().anyMatch((m) -> MessageChunkDecoder.TEMPLATE_ID == templateId(m)),
                "a 64 KiB term takes messages of 8 KiB at most");

            final AerieClusteredService restored = new AerieClusteredService(ServiceFixture.context().treeContext(
                new io.aerie.engine.tree.ZnodeTreeContext().maxZnodes(100).largeDataCapacity(8L * 1024 * 1024)
                    .maxDataLength(1024 * 1024)));
            try
            {
                restored.onStart(new StubCluster(), frames.replay(messages));
                assertEquals(f.service.tree().digest(), restored.tree().digest());
            }
            finally
            {
                restored.close();
            }
        }
    }

    @Test
    void shouldRefuseASnapshotWithoutItsEndMarkerAndKeepOnlyTheRoot(@TempDir final File dir)
    {
        try (ServiceFixture f = new ServiceFixture(); SnapshotFrames frames = new SnapshotFrames(dir))
        {
            SnapshotFixtureOps.apply(f);
            final List<byte[]> messages = frames.take(f.service);
            final AerieClusteredService restored = new AerieClusteredService(ServiceFixture.context());
            try
            {
                assertThrows(IllegalStateException.class,
                    () -> restored.onStart(new StubCluster(), frames.replay(messages.subList(0, messages.size() - 1))));
                assertEquals(ServiceFixture.BASE_NODES, restored.tree().nodeCount());
            }
            finally
            {
                restored.close();
            }
        }
    }

    @Test
    void shouldRefuseASnapshotOfANewerFormat(@TempDir final File dir)
    {
        try (ServiceFixture f = new ServiceFixture(); SnapshotFrames frames = new SnapshotFrames(dir))
        {
            final List<byte[]> messages = frames.take(f.service);
            final UnsafeBuffer begin = new UnsafeBuffer(messages.get(0));
            begin.putInt(MessageHeaderDecoder.ENCODED_LENGTH + SnapshotMarkerDecoder.formatVersionEncodingOffset(), 2);
            final AerieClusteredService restored = new AerieClusteredService(ServiceFixture.context());
            try
            {
                final IllegalStateException ex = assertThrows(IllegalStateException.class,
                    () -> restored.onStart(new StubCluster(), frames.replay(messages)));
                assertTrue(ex.getMessage().contains("newer"), ex.getMessage());
            }
            finally
            {
                restored.close();
            }
        }
    }

    private static int templateId(final byte[] message)
    {
        return new MessageHeaderDecoder().wrap(new UnsafeBuffer(message), 0).templateId();
    }
}
