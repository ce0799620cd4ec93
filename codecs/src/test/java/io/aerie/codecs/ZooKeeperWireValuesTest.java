package io.aerie.codecs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the enum values that must equal ZooKeeper's, so a client or tool can map them one to one.
 */
class ZooKeeperWireValuesTest
{
    @Test
    void shouldUseZooKeeperEventTypeValues()
    {
        assertEquals(-1, EventType.NONE.value());
        assertEquals(1, EventType.NODE_CREATED.value());
        assertEquals(2, EventType.NODE_DELETED.value());
        assertEquals(3, EventType.NODE_DATA_CHANGED.value());
        assertEquals(4, EventType.NODE_CHILDREN_CHANGED.value());
        assertEquals(5, EventType.DATA_WATCH_REMOVED.value());
        assertEquals(6, EventType.CHILD_WATCH_REMOVED.value());
        assertEquals(7, EventType.PERSISTENT_WATCH_REMOVED.value());
    }

    @Test
    void shouldUseZooKeeperWatcherTypeValues()
    {
        assertEquals(1, WatcherType.CHILDREN.value());
        assertEquals(2, WatcherType.DATA.value());
        assertEquals(3, WatcherType.ANY.value());
        assertEquals(4, WatcherType.PERSISTENT.value());
        assertEquals(5, WatcherType.PERSISTENT_RECURSIVE.value());
    }

    @Test
    void shouldUseZooKeeperAddWatchModeValues()
    {
        assertEquals(0, WatchMode.PERSISTENT.value());
        assertEquals(1, WatchMode.PERSISTENT_RECURSIVE.value());
    }

    @Test
    void shouldUseZooKeeperCreateModeValues()
    {
        assertEquals(0, CreateMode.PERSISTENT.value());
        assertEquals(1, CreateMode.EPHEMERAL.value());
        assertEquals(2, CreateMode.PERSISTENT_SEQUENTIAL.value());
        assertEquals(3, CreateMode.EPHEMERAL_SEQUENTIAL.value());
        assertEquals(4, CreateMode.CONTAINER.value());
        assertEquals(5, CreateMode.PERSISTENT_WITH_TTL.value());
        assertEquals(6, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL.value());
    }
}
