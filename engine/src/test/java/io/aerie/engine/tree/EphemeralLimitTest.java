package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.MultiOps;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The most ephemerals one session may own ({@code aerie.session.max.ephemerals}): a create past it fails with
 * TOO_MANY_EPHEMERALS, changes nothing and is counted; other sessions and other modes are not held to it.
 */
class EphemeralLimitTest
{
    private static final long OTHER_SESSION = 0x5678L;
    private final TreeFixture f = new TreeFixture(TreeFixture.smallContext().maxEphemeralsPerSession(2));

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldRefuseAnEphemeralPastTheSessionsLimitAndChangeNothing()
    {
        assertEquals(ResultCode.OK, ephemeral("/e1", TreeFixture.SESSION));
        assertEquals(ResultCode.OK, ephemeral("/e2", TreeFixture.SESSION));
        final long digest = f.tree.digest();

        assertEquals(ResultCode.TOO_MANY_EPHEMERALS, ephemeral("/e3", TreeFixture.SESSION));

        assertEquals(digest, f.tree.digest());
        assertEquals(1, f.tree.counts().ephemeralLimitCount());
    }

    @Test
    void shouldHoldEachSessionToItsOwnLimit()
    {
        ephemeral("/e1", TreeFixture.SESSION);
        ephemeral("/e2", TreeFixture.SESSION);

        assertEquals(ResultCode.OK, ephemeral("/o1", OTHER_SESSION));
        assertEquals(ResultCode.OK, f.create("/p", "", CreateMode.PERSISTENT));
    }

    @Test
    void shouldAllowAnEphemeralAgainOnceOneIsDeleted()
    {
        ephemeral("/e1", TreeFixture.SESSION);
        ephemeral("/e2", TreeFixture.SESSION);
        assertEquals(ResultCode.OK, f.delete("/e1", -1));

        assertEquals(ResultCode.OK, ephemeral("/e3", TreeFixture.SESSION));
    }

    @Test
    void shouldRefuseAWholeMultiThatGoesPastTheLimit()
    {
        ephemeral("/e1", TreeFixture.SESSION);
        final UnsafeBuffer empty = new UnsafeBuffer(new byte[0]);
        final MultiOps ops = new MultiOps()
            .create("/e2", empty, 0, 0, TreeFixture.OPEN, CreateMode.EPHEMERAL, -1)
            .create("/e3", empty, 0, 0, TreeFixture.OPEN, CreateMode.EPHEMERAL, -1);
        final MultiResults results = new MultiResults();

        assertEquals(ResultCode.TOO_MANY_EPHEMERALS,
            f.tree.multi(f.nextZxid(), 1, TreeFixture.SESSION, ops, results));

        assertEquals(ResultCode.TOO_MANY_EPHEMERALS, results.code(1));
        assertEquals(1, f.tree.ephemeralCount(TreeFixture.SESSION));
    }

    private ResultCode ephemeral(final String path, final long session)
    {
        return f.create(path, new byte[0], CreateMode.EPHEMERAL, -1, session);
    }
}
