package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The client API as a ZooKeeper user writes it, against a real one-node cluster: create2's stat, getChildren's
 * stat, multi's per-op results, exceptions by type, ZooKeeper-style calls with nulls and lambdas, and a chroot.
 * Each test works in its own subtree of one cluster.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AerieClientFidelityClusterTest
{
    private static final int PORT_BASE = 21600;
    private static final AclList OPEN = AclList.openAclUnsafe();
    private static final UnsafeBuffer NO_DATA = new UnsafeBuffer(new byte[0]);

    @TempDir
    static File tempDir;

    private final List<AerieClient> others = new ArrayList<>();
    private TestClusters.ClusterWithClient cluster;
    private AerieClient client;

    @BeforeAll
    void start() throws AerieException
    {
        cluster = TestClusters.ClusterWithClient.launch(1, PORT_BASE, tempDir);
        client = cluster.client();
    }

    @AfterEach
    void closeOthers()
    {
        others.forEach(CloseHelper::close);
        others.clear();
    }

    @AfterAll
    void stop()
    {
        CloseHelper.close(cluster);
    }

    @Test
    void shouldFillTheNewNodesStatOnCreate() throws AerieException
    {
        client.create("/create2", null);
        final Stat stat = new Stat();

        assertEquals("/create2/s-0000000000",
            client.create("/create2/s-", bytes("v"), OPEN, CreateMode.PERSISTENT_SEQUENTIAL, stat));

        assertEquals(client.exists("/create2/s-0000000000"), stat);
        assertEquals(1, stat.dataLength());
        assertEquals(stat.czxid(), stat.mzxid());
    }

    @Test
    void shouldFillTheParentsStatOnGetChildren() throws AerieException
    {
        client.create("/children", null);
        client.create("/children/a", null);
        client.create("/children/b", null);
        final Stat stat = new Stat();

        assertEquals(List.of("a", "b"), client.getChildren("/children", null, stat));

        assertEquals(client.exists("/children"), stat);
        assertEquals(2, stat.numChildren());
    }

    @Test
    void shouldReturnEveryOpsResultFromASuccessfulMulti() throws AerieException
    {
        client.create("/multi", bytes("v0"));
        final UnsafeBuffer data = new UnsafeBuffer(bytes("v1"));

        final List<OpResult> results = client.multi(new MultiOps()
            .create("/multi/a", data, 0, 2, OPEN, CreateMode.PERSISTENT, -1)
            .create("/multi/c", NO_DATA, 0, 0, OPEN, CreateMode.CONTAINER, -1)
            .setData("/multi", data, 0, 2, 0)
            .check("/multi/a", 0)
            .delete("/multi/a", 0));

        assertEquals(List.of(OpType.CREATE, OpType.CREATE, OpType.SET_DATA, OpType.CHECK, OpType.DELETE), types(results));
        assertEquals(List.of(ResultCode.OK, ResultCode.OK, ResultCode.OK, ResultCode.OK, ResultCode.OK), codes(results));
        assertEquals("/multi/a", results.get(0).path());
        assertNull(results.get(0).stat(), "as ZooKeeper 3.9: a plain create in a multi has no stat");
        assertEquals("/multi/c", results.get(1).path());
        assertEquals(client.exists("/multi/c"), results.get(1).stat(), "a container create has its stat, as ZooKeeper's");
        final Stat afterSetData = results.get(2).stat();
        assertEquals(1, afterSetData.version());
        assertEquals(2, afterSetData.dataLength());
        assertEquals(2, afterSetData.numChildren(), "the stat as the setData left it, before the delete that follows");
        assertEquals(client.exists("/multi").mzxid(), afterSetData.mzxid());
        assertNull(results.get(3).path());
        assertNull(results.get(4).stat());
    }

    @Test
    void shouldThrowTheFailingOpsExceptionWithEveryOpsResult() throws AerieException
    {
        client.create("/failed", null);
        final MultiOps ops = new MultiOps()
            .create("/failed/a", NO_DATA, 0, 0, OPEN, CreateMode.PERSISTENT, -1)
            .check("/failed", 7)
            .delete("/failed", -1);

        final AerieException.BadVersionException ex =
            assertThrows(AerieException.BadVersionException.class, () -> client.multi(ops));

        assertEquals("KeeperErrorCode = BadVersion", ex.getMessage());
        assertEquals(List.of(ResultCode.OK, ResultCode.BAD_VERSION, ResultCode.RUNTIME_INCONSISTENCY), codes(ex.results()));
        assertEquals(List.of(OpType.CREATE, OpType.CHECK, OpType.DELETE), types(ex.results()));
        assertNull(client.exists("/failed/a"), "nothing of a failed multi is applied");
    }

    @Test
    void shouldThrowAnExceptionOfTheCodesTypeWithZooKeepersMessage() throws AerieException
    {
        client.create("/typed", null);
        client.create("/typed/child", null);
        client.create("/typed/e", null, OPEN, CreateMode.EPHEMERAL, -1);

        final AerieException.NoNodeException noNode =
            assertThrows(AerieException.NoNodeException.class, () -> client.getData("/typed/missing"));
        assertEquals("KeeperErrorCode = NoNode for /typed/missing", noNode.getMessage());
        assertEquals(ResultCode.NO_NODE, noNode.code());
        assertThrows(AerieException.NodeExistsException.class, () -> client.create("/typed", null));
        assertThrows(AerieException.BadVersionException.class, () -> client.setData("/typed", null, 5));
        assertThrows(AerieException.NotEmptyException.class, () -> client.delete("/typed", -1));
        assertThrows(AerieException.NoChildrenForEphemeralsException.class, () -> client.create("/typed/e/c", null));
        assertThrows(IllegalArgumentException.class, () -> client.getData("typed")); // Refused before sending.
    }

    @Test
    void shouldCompileAndRunZooKeeperStyleCallsWithNullsAndLambdas() throws AerieException
    {
        client.create("/style", bytes("v"));
        final List<String> events = new ArrayList<>();

        assertArrayEquals(bytes("v"), client.getData("/style", null, null));
        assertArrayEquals(bytes("v"), client.getData("/style", event -> events.add("data " + event.path()), null));
        assertNotNull(client.exists("/style", null));
        assertNotNull(client.exists("/style", event -> events.add("exists " + event.path())));
        assertEquals(List.of(), client.getChildren("/style", null));
        assertEquals(List.of(), client.getChildren("/style", event -> events.add("children " + event.path())));
        assertEquals(List.of(), client.getChildren("/style", null, null));
        assertEquals(1, client.getAcl("/style", null).size());
        assertNotNull(client.exists("/style", false));
        assertArrayEquals(bytes("v"), client.getData("/style", false, null));
        assertEquals(List.of(), client.getChildren("/style", false));
        assertEquals(List.of(), client.getChildren("/style", false, new Stat()));
        assertEquals("/style/c", client.create("/style/c", null, OPEN, CreateMode.PERSISTENT, null));
        client.setData("/style", null, -1);

        TestClusters.awaitCondition("the three watches", () -> events.size() == 3, client);
        assertEquals(List.of("children /style", "data /style", "exists /style"), events.stream().sorted().toList());
    }

    @Test
    void shouldLeaveWatchesForTheDefaultWatcherWhenAskedWithTrue() throws AerieException
    {
        client.create("/default", null);
        client.create("/default/n", null);
        final TestClusters.RecordingWatcher defaultWatcher = new TestClusters.RecordingWatcher();
        final AerieClient watching = AerieClient.connect(cluster.clientContext().defaultWatcher(defaultWatcher));
        others.add(watching);
        watching.getData("/default/n", true, null);
        watching.getChildren("/default", true);
        defaultWatcher.events.clear();

        client.setData("/default/n", bytes("n"), -1);
        client.create("/default/k", null);

        TestClusters.awaitCondition("two events", () -> defaultWatcher.events.size() == 2, watching, client);
        assertEquals(List.of("NODE_DATA_CHANGED /default/n", "NODE_CHILDREN_CHANGED /default"), defaultWatcher.events);
    }

    @Test
    void shouldMakeEveryPathRelativeToTheChroot() throws AerieException
    {
        client.create("/app", null);
        final AerieClient app = connect("/app");
        final Stat stat = new Stat();

        assertEquals("/x", app.create("/x", bytes("x"), OPEN, CreateMode.PERSISTENT, stat));
        assertEquals(client.exists("/app/x"), stat);
        assertEquals("/s-0000000001", app.create("/s-", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL, -1));
        assertArrayEquals(bytes("x"), app.getData("/x"));
        assertEquals(List.of("s-0000000001", "x"), app.getChildren("/"));
        assertEquals(client.exists("/app"), app.exists("/"));
        app.setData("/x", bytes("y"), 0);
        assertArrayEquals(bytes("y"), client.getData("/app/x"));
        app.delete("/x", -1);
        assertNull(client.exists("/app/x"));
        assertEquals("KeeperErrorCode = NoNode for /x",
            assertThrows(AerieException.NoNodeException.class, () -> app.getData("/x")).getMessage());
        app.sync("/");
    }

    @Test
    void shouldTellWatchersPathsRelativeToTheChroot() throws AerieException
    {
        client.create("/watched", null);
        client.create("/watched/n", null);
        final AerieClient app = connect("/watched");
        final TestClusters.RecordingWatcher watcher = new TestClusters.RecordingWatcher();
        app.exists("/", watcher);
        app.getData("/n", watcher, null);
        app.getChildren("/", watcher);

        client.setData("/watched", bytes("r"), -1);
        client.setData("/watched/n", bytes("n"), -1);
        client.create("/watched/k", null);

        TestClusters.awaitCondition("three events", () -> watcher.events.size() == 3, app, client);
        assertEquals(List.of("NODE_DATA_CHANGED /", "NODE_DATA_CHANGED /n", "NODE_CHILDREN_CHANGED /"), watcher.events);
    }

    @Test
    void shouldKeepEphemeralsAndMultiPathsOfTheChrootAsZooKeeper() throws AerieException
    {
        client.create("/eph", null);
        final AerieClient app = connect("/eph");

        assertEquals("/e", app.create("/e", null, OPEN, CreateMode.EPHEMERAL, -1));
        assertEquals(app.sessionId(), client.exists("/eph/e").ephemeralOwner());
        assertEquals(List.of("/eph/e"), app.getEphemerals("/"), "as ZooKeeper 3.9: the cluster's paths");
        assertEquals(List.of("/eph/e"), app.getEphemerals("/eph/e"), "as ZooKeeper 3.9: the prefix is not chrooted");

        final List<OpResult> results = app.multi(new MultiOps()
            .create("/m", NO_DATA, 0, 0, OPEN, CreateMode.PERSISTENT, -1)
            .setData("/m", NO_DATA, 0, 0, 0));
        assertEquals("/eph/m", results.get(0).path(), "as ZooKeeper 3.9: a multi's created path is not stripped");
        assertEquals(1, client.exists("/eph/m").version());

        app.close();
        assertNull(client.exists("/eph/e"), "the chrooted session's ephemeral goes with it");
    }

    private AerieClient connect(final String chroot) throws AerieException
    {
        final AerieClient.Context ctx = cluster.clientContext();
        ctx.connection().ingressEndpoints(ctx.connection().ingressEndpoints() + chroot);
        final AerieClient chrootedClient = AerieClient.connect(ctx);
        others.add(chrootedClient);
        return chrootedClient;
    }

    private static List<OpType> types(final List<OpResult> results)
    {
        final List<OpType> types = new ArrayList<>();
        results.forEach(result -> types.add(result.type()));
        return types;
    }

    private static List<ResultCode> codes(final List<OpResult> results)
    {
        final List<ResultCode> codes = new ArrayList<>();
        results.forEach(result -> codes.add(result.code()));
        return codes;
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
