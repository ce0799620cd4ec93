package io.aerie.engine.tree;

import io.aerie.codecs.ResultCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The znode limit counts what clients create, as ZooKeeper users count znodes, and says when the tree is near it.
 */
class ZnodeCapacityTest
{
    @Test
    void shouldLetClientsCreateExactlyMaxZnodes()
    {
        try (TreeFixture small = new TreeFixture(TreeFixture.smallContext().maxZnodes(3)))
        {
            assertEquals(ResultCode.OK, small.create("/a"));
            assertEquals(ResultCode.OK, small.create("/a/b"));
            assertEquals(ResultCode.OK, small.create("/c"));

            assertEquals(ResultCode.ZNODE_LIMIT, small.create("/d"));
            assertEquals(3, small.tree.capacity().used());
            assertEquals(1, small.tree.capacity().limitHits());
        }
    }

    @Test
    void shouldSayNearLimitFromNinetyPercentOfIt()
    {
        try (TreeFixture small = new TreeFixture(TreeFixture.smallContext().maxZnodes(10)))
        {
            for (int i = 0; i < 8; i++)
            {
                small.create("/n" + i);
            }
            assertFalse(small.tree.capacity().isNearLimit(), "8 of 10");

            small.create("/n8");

            assertTrue(small.tree.capacity().isNearLimit(), "9 of 10");
        }
    }

    @Test
    void shouldNoLongerSayNearLimitOnceNodesAreDeleted()
    {
        try (TreeFixture small = new TreeFixture(TreeFixture.smallContext().maxZnodes(10)))
        {
            for (int i = 0; i < 9; i++)
            {
                small.create("/n" + i);
            }

            small.delete("/n0", -1);

            assertFalse(small.tree.capacity().isNearLimit());
        }
    }
}
