package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.AclMatrix.Case;
import io.aerie.engine.service.AclMatrix.Scheme;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Acl;
import io.aerie.engine.service.Wire.Op;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole {@link AclMatrix} through the service: every case answered OK or NO_AUTH exactly as ZooKeeper's rules
 * say ({@code AclMatrixZooKeeperComparisonTest} checks the rules against a real ZooKeeper 3.9.5).
 */
class ServiceAclMatrixTest
{
    private final ServiceFixture f = new ServiceFixture(ServiceFixture.context()
        .superDigest(AclMatrix.SUPER_DIGEST)
        .treeContext(new ZnodeTreeContext()
            .maxZnodes(20_000)
            .largeDataCapacity(8L * 1024 * 1024)
            .maxAclLists(256)
            .maxDataLength(ServiceFixture.MAX_DATA_LENGTH)));
    private final Map<Scheme, Client> callers = new EnumMap<>(Scheme.class);

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldAnswerEveryCaseOfTheMatrixAsZooKeeperRulesSay()
    {
        final List<Case> cases = AclMatrix.cases();
        final List<String> wrong = new ArrayList<>();
        for (final Case c : cases)
        {
            final Client caller = callers.computeIfAbsent(c.scheme(), this::caller);
            prepare(caller, c);
            final ResultCode code = run(caller, c);
            final ResultCode expected = c.allowed() ? ResultCode.OK : ResultCode.NO_AUTH;
            if (expected != code)
            {
                wrong.add(c + ": " + code + " expected " + expected);
            }
        }
        assertEquals(List.of(), wrong, "of " + cases.size() + " cases");
        assertEquals(1120, cases.size());
    }

    private Client caller(final Scheme scheme)
    {
        final Client caller = f.connect(10_000);
        // The address identity the connection would carry (ZooKeeper's client on loopback has the same one).
        f.service.sessions().get(caller.sessionId()).identities().add("ip", AclMatrix.CALLER_ADDRESS);
        if (null != scheme.credentials)
        {
            assertEquals(ResultCode.OK, f.addAuth(caller, "digest", scheme.credentials).code());
        }
        return caller;
    }

    private void prepare(final Client caller, final Case c)
    {
        assertEquals(ResultCode.OK, f.create(caller, c.path(), "x", CreateMode.PERSISTENT).code());
        assertEquals(ResultCode.OK, f.create(caller, c.path() + "/child", "x", CreateMode.PERSISTENT).code());
        final Acl acl = new Acl(c.aclPerms(), c.scheme().aclScheme, c.scheme().aclId);
        assertEquals(ResultCode.OK, f.setAcl(caller, c.path(), -1, List.of(acl)).code(), c.toString());
    }

    private ResultCode run(final Client caller, final Case c)
    {
        final String path = c.path();
        switch (c.operation())
        {
            case CREATE: return f.create(caller, path + "/new", "", CreateMode.PERSISTENT).code();
            case DELETE: return f.delete(caller, path + "/child", -1).code();
            case SET_DATA: return f.setData(caller, path, "y", -1).code();
            case GET_DATA: return f.getData(caller, path).code();
            case EXISTS: return f.exists(caller, path).code();
            case GET_CHILDREN: return f.children(caller, path, false).code();
            case GET_ALL_CHILDREN_NUMBER: return f.count(caller, path).code();
            case GET_ACL: return f.aclOf(caller, path).code();
            case SET_ACL: return f.setAcl(caller, path, -1, List.of(Wire.OPEN)).code();
            case MULTI_CHECK: return f.multi(caller, Op.check(path, -1)).code();
            case MULTI_CREATE: return f.multi(caller, Op.create(path + "/new", "", CreateMode.PERSISTENT)).code();
            case MULTI_DELETE: return f.multi(caller, Op.delete(path + "/child", -1)).code();
            case MULTI_SET_DATA: return f.multi(caller, Op.setData(path, "y", -1)).code();
            case ADD_WATCH:
                return Replies.addWatchReply(f.request(caller.connection(), f.wire.addWatch(f.nextCorrelationId(), path)))
                    .code();
            case SYNC: return f.sync(caller, path).code();
            case GET_EPHEMERALS: return f.ephemerals(caller, path).code();
            default: throw new IllegalStateException(c.toString());
        }
    }
}
