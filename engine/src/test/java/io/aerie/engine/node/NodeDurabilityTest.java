package io.aerie.engine.node;

import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The node's durability setting reaches every Aeron component that writes the log or its metadata.
 */
class NodeDurabilityTest
{
    @TempDir
    File tempDir;

    @ParameterizedTest
    @EnumSource(Durability.class)
    void shouldSetTheFileSyncLevelOfArchiveCatalogAndConsensusModule(final Durability durability)
    {
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node")).durability(durability);
        ctx.service().clusteredService(new EchoService());
        ctx.conclude();
        final NodeComponents components = new NodeComponents(ctx, Throwable::printStackTrace, () -> {});

        assertEquals(durability.fileSyncLevel(), components.archiveContext().fileSyncLevel());
        assertEquals(durability.fileSyncLevel(), components.archiveContext().catalogFileSyncLevel());
        assertEquals(durability.fileSyncLevel(), components.consensusModuleContext().fileSyncLevel());
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void shouldGiveTheRecorderItsOwnThreadWheneverItForcesToDisk(final Durability durability)
    {
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node")).durability(durability);
        ctx.agents().threadingMode(NodeAgents.ThreadingMode.SHARED);
        ctx.service().clusteredService(new EchoService());
        ctx.conclude();
        final NodeComponents components = new NodeComponents(ctx, Throwable::printStackTrace, () -> {});

        final ArchiveThreadingMode expected = Durability.NONE == durability ?
            ArchiveThreadingMode.SHARED : ArchiveThreadingMode.DEDICATED;
        assertEquals(expected, components.archiveContext().threadingMode());
    }

    @Test
    void shouldParseNamesInAnyCaseAndRejectOthers()
    {
        assertEquals(Durability.DATA, Durability.parse(" Data "));
        assertEquals(Durability.NONE, Durability.parse("none"));
        assertThrows(ConfigurationException.class, () -> Durability.parse("fsync"));
    }

    @Test
    void shouldMapToAeronFileSyncLevels()
    {
        assertEquals(0, Durability.NONE.fileSyncLevel());
        assertEquals(1, Durability.DATA.fileSyncLevel());
        assertEquals(2, Durability.ALL.fileSyncLevel());
    }
}
