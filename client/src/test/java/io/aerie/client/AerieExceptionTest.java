package io.aerie.client;

import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The exceptions of the blocking API: one factory, a subclass per common code, ZooKeeper's messages.
 */
class AerieExceptionTest
{
    @Test
    void shouldCreateTheSubclassOfEachCommonCode()
    {
        assertEquals(AerieException.NoNodeException.class, AerieException.create(ResultCode.NO_NODE, "/a").getClass());
        assertEquals(AerieException.NodeExistsException.class, AerieException.create(ResultCode.NODE_EXISTS, "/a").getClass());
        assertEquals(AerieException.BadVersionException.class, AerieException.create(ResultCode.BAD_VERSION, "/a").getClass());
        assertEquals(AerieException.NotEmptyException.class, AerieException.create(ResultCode.NOT_EMPTY, "/a").getClass());
        assertEquals(AerieException.NoAuthException.class, AerieException.create(ResultCode.NO_AUTH, "/a").getClass());
        assertEquals(AerieException.SessionExpiredException.class,
            AerieException.create(ResultCode.SESSION_EXPIRED, null).getClass());
        assertEquals(AerieException.ConnectionLossException.class,
            AerieException.create(ResultCode.CONNECTION_LOSS, null).getClass());
        assertEquals(AerieException.NoChildrenForEphemeralsException.class,
            AerieException.create(ResultCode.NO_CHILDREN_FOR_EPHEMERALS, "/e/c").getClass());
        assertEquals(AerieException.InvalidPathException.class, AerieException.create(ResultCode.INVALID_PATH, "a").getClass());
        assertEquals(AerieException.InvalidAclException.class, AerieException.create(ResultCode.INVALID_ACL, "/a").getClass());
        assertEquals(AerieException.DataTooLargeException.class,
            AerieException.create(ResultCode.DATA_TOO_LARGE, "/a").getClass());
        assertEquals(AerieException.OperationTimeoutException.class,
            AerieException.create(ResultCode.OPERATION_TIMEOUT, null).getClass());
        assertEquals(AerieException.RuntimeInconsistencyException.class,
            AerieException.create(ResultCode.RUNTIME_INCONSISTENCY, null).getClass());
    }

    @Test
    void shouldKeepCodeAndPathOnEverySubclass()
    {
        for (final ResultCode code : ResultCode.values())
        {
            if (ResultCode.OK == code || ResultCode.NULL_VAL == code)
            {
                continue;
            }
            final AerieException ex = AerieException.create(code, "/p");
            assertEquals(code, ex.code(), code.name());
            assertEquals("/p", ex.path(), code.name());
            assertNull(ex.results(), code.name());
        }
    }

    @Test
    void shouldCreateABaseExceptionForACodeWithoutSubclass()
    {
        assertEquals(AerieException.class, AerieException.create(ResultCode.SESSION_MOVED, "/a").getClass());
    }

    @Test
    void shouldWordTheMessageAsZooKeeper()
    {
        assertEquals("KeeperErrorCode = NoNode for /a", AerieException.create(ResultCode.NO_NODE, "/a").getMessage());
        assertEquals("KeeperErrorCode = Directory not empty for /a",
            AerieException.create(ResultCode.NOT_EMPTY, "/a").getMessage());
        assertEquals("KeeperErrorCode = Session expired", AerieException.create(ResultCode.SESSION_EXPIRED, null).getMessage());
        assertEquals("KeeperErrorCode = ConnectionLoss", AerieException.create(ResultCode.CONNECTION_LOSS, null).getMessage());
    }

    @Test
    void shouldRefuseToCreateAnExceptionForOk()
    {
        assertThrows(IllegalArgumentException.class, () -> AerieException.create(ResultCode.OK, "/a"));
    }

    @Test
    void shouldCarryEveryOpResultOfAFailedMulti()
    {
        final List<OpResult> results = List.of(
            new OpResult(OpType.CREATE, ResultCode.OK, null, null),
            new OpResult(OpType.CHECK, ResultCode.BAD_VERSION, null, null),
            new OpResult(OpType.DELETE, ResultCode.RUNTIME_INCONSISTENCY, null, null));

        final AerieException ex = AerieException.multiFailure(ResultCode.BAD_VERSION, results);

        assertEquals(AerieException.BadVersionException.class, ex.getClass());
        assertSame(results, ex.results());
        assertEquals("KeeperErrorCode = BadVersion", ex.getMessage(), "as ZooKeeper's, a failed multi names no path");
    }
}
