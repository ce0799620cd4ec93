package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeDirLockTest
{
    @TempDir
    File tempDir;

    @Test
    void shouldRefuseASecondLockOnTheSameDirectory()
    {
        final File nodeDir = new File(tempDir, "node-0");
        try (NodeDirLock ignored = NodeDirLock.acquire(nodeDir))
        {
            final ConfigurationException ex =
                assertThrows(ConfigurationException.class, () -> NodeDirLock.acquire(nodeDir));
            assertTrue(ex.getMessage().contains("is in use by a running node"), ex.getMessage());
        }
    }

    @Test
    void shouldLockAgainOnceReleased()
    {
        final File nodeDir = new File(tempDir, "node-0");
        NodeDirLock.acquire(nodeDir).close();

        try (NodeDirLock lock = NodeDirLock.acquire(nodeDir))
        {
            assertTrue(new File(nodeDir, NodeDirLock.FILENAME).exists());
        }
    }

    @Test
    void shouldLockDirectoriesOfDifferentNodesIndependently()
    {
        try (NodeDirLock a = NodeDirLock.acquire(new File(tempDir, "node-0"));
            NodeDirLock b = NodeDirLock.acquire(new File(tempDir, "node-1")))
        {
            assertTrue(new File(tempDir, "node-1/" + NodeDirLock.FILENAME).exists());
        }
    }
}
