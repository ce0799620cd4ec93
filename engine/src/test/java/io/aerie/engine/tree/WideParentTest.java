package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.engine.tree.TreeFixture.OPEN;
import static io.aerie.engine.tree.TreeFixture.SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A parent with 100,000 children stays correct; what it costs is measured by WideParentBenchmark in bench/.
 */
class WideParentTest
{
    private static final int CHILDREN = 100_000;

    private final TreeFixture f = new TreeFixture(TreeFixture.smallContext().maxZnodes(CHILDREN + 10));

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldListCreateAndDeleteUnderHundredThousandChildren()
    {
        f.create("/wide");
        final org.agrona.concurrent.UnsafeBuffer none = new org.agrona.concurrent.UnsafeBuffer(new byte[0]);
        for (int i = 0; i < CHILDREN; i++)
        {
            assertEquals(ResultCode.OK, f.tree.create(1, 1, SESSION, "/wide/n-", none, 0, 0, OPEN,
                CreateMode.PERSISTENT_SEQUENTIAL, -1, null, null));
        }

        assertEquals(ResultCode.OK, f.delete("/wide/n-0000050000", -1));
        assertEquals(ResultCode.OK, f.create("/wide/n-0000050000"));
        assertEquals(ResultCode.OK, f.delete("/wide/n-0000000000", -1));

        final List<String> children = f.children("/wide");
        assertEquals(CHILDREN - 1, children.size());
        assertEquals(CHILDREN - 1, f.stat.numChildren());
        assertEquals("n-0000000001", children.get(0));
        assertEquals("n-0000099999", children.get(children.size() - 1));
        for (int i = 1; i < children.size(); i++)
        {
            assertEquals(String.format("n-%010d", i + 1), children.get(i), "sorted and complete");
        }
    }
}
