package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.engine.tree.TreeFixture.SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TreeExpiryTest
{
    private final TreeFixture f = new TreeFixture();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldKeepContainerThatNeverHadAChild()
    {
        f.create("/c", "", CreateMode.CONTAINER);
        assertEquals(List.of(), sweep(Long.MAX_VALUE / 2));
        assertEquals(ResultCode.OK, f.tree.exists("/c", f.stat));
    }

    @Test
    void shouldKeepContainerWhileItHasChildren()
    {
        f.create("/c", "", CreateMode.CONTAINER);
        f.create("/c/x");
        assertEquals(List.of(), sweep(1_000_000));
    }

    @Test
    void shouldDeleteContainerOnceItHadAChildAndIsEmpty()
    {
        f.create("/c", "", CreateMode.CONTAINER);
        f.create("/c/x");
        f.delete("/c/x", -1);

        assertEquals(List.of("/c"), sweep(1_000_000));
        assertEquals(ResultCode.NO_NODE, f.tree.exists("/c", f.stat));
    }

    @Test
    void shouldDeleteNestedContainersOneLevelPerSweep()
    {
        f.create("/outer", "", CreateMode.CONTAINER);
        f.create("/outer/inner", "", CreateMode.CONTAINER);
        f.create("/outer/inner/x");
        f.delete("/outer/inner/x", -1);

        assertEquals(List.of("/outer/inner"), sweep(1_000_000));
        assertEquals(List.of("/outer"), sweep(1_000_001));
    }

    @Test
    void shouldExpireTtlNodeOnlyAfterTtlWithoutChange()
    {
        f.create("/t", new byte[0], CreateMode.PERSISTENT_WITH_TTL, 5_000, SESSION);
        final long created = f.stat("/t").mtime();

        assertEquals(List.of(), sweep(created + 5_000), "not before the TTL has fully elapsed");
        f.setData("/t", "touch", -1);
        final long touched = f.stat("/t").mtime();
        assertEquals(List.of(), sweep(created + 5_001), "a change restarts the TTL");
        assertEquals(List.of("/t"), sweep(touched + 5_001));
    }

    @Test
    void shouldKeepTtlNodeWithChildren()
    {
        f.create("/t", new byte[0], CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 10, SESSION);
        final String path = f.createdPath.toString();
        f.create(path + "/child");
        assertEquals(List.of(), sweep(1_000_000_000));
    }

    @Test
    void shouldSweepInPathOrderAndUpdateParents()
    {
        f.create("/p");
        f.create("/p/b", new byte[0], CreateMode.PERSISTENT_WITH_TTL, 1, SESSION);
        f.create("/p/a", new byte[0], CreateMode.PERSISTENT_WITH_TTL, 1, SESSION);
        f.create("/p/keep");

        final long zxid = f.nextZxid();
        f.tree.sweepExpired(zxid, 1_000_000, f.names);

        assertEquals(List.of("/p/a", "/p/b"), f.names.toList());
        assertEquals(List.of("keep"), f.children("/p"));
        assertEquals(zxid, f.stat("/p").pzxid());
        assertEquals(5, f.stat("/p").cversion(), "three creations and the sweep's two deletions");
    }

    @Test
    void shouldKeepExpiryIndexRightWhenDeletingChildOfContainerMovesTheParentsEntry()
    {
        // Deleting container /p/x moves the last expiry entry, /p itself, into /p/x's slot; the parent's
        // record must be updated after that move, not overwritten with what it held before.
        f.create("/a", "", CreateMode.CONTAINER);
        f.create("/p", "", CreateMode.CONTAINER);
        f.create("/p/x", "", CreateMode.CONTAINER);
        f.delete("/a", -1);
        f.delete("/p/x", -1);
        f.create("/q", "", CreateMode.CONTAINER);
        f.delete("/p", -1);
        f.create("/q/c");
        f.delete("/q/c", -1);

        assertEquals(List.of("/q"), sweep(10));
        assertEquals(ResultCode.NO_NODE, f.tree.exists("/q", f.stat));
        assertEquals(TreeFixture.BASE_NODES, f.tree.nodeCount());
    }

    private List<String> sweep(final long nowMs)
    {
        f.tree.sweepExpired(f.nextZxid(), nowMs, f.names);
        return f.names.toList();
    }
}
