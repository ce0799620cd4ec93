package io.aerie.gateway;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.CheckVersionRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.aerie.gateway.GatewayCluster.STEP_TIMEOUT_S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real ZooKeeper 3.9.5 Java client through the gateway to a one-node Aerie cluster, each scenario run the same
 * way against a real ZooKeeper 3.9.5 server and compared: answers, error codes and Stat fields (zxids and session ids
 * as relations); watches and their order before later replies; multi; digest ACLs; ephemerals and the session's end;
 * a session resumed through a second gateway; the four-letter words.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperGatewayClusterTest
{
    private static final int PORT_BASE = 3300;
    private static final List<ACL> OPEN = ZooDefs.Ids.OPEN_ACL_UNSAFE;
    private static final SwitchableOutput ZKCLI_OUT = new SwitchableOutput();
    private static final java.io.PrintStream ZKCLI_STREAM = new java.io.PrintStream(ZKCLI_OUT, true, StandardCharsets.UTF_8);

    @TempDir
    static File tempDir;

    private GatewayCluster cluster;
    private ZooKeeperGateway gateway;

    @BeforeAll
    void launch() throws Exception
    {
        cluster = new GatewayCluster(PORT_BASE, tempDir);
        gateway = cluster.launchGateway();
    }

    @AfterEach
    void closeClients()
    {
        cluster.closeClients();
    }

    @AfterAll
    void close()
    {
        cluster.close();
    }

    @Test
    void shouldCreateReadWriteListAndDeleteAsZooKeeperDoes() throws Exception
    {
        assertEquals(basicOps(cluster.connect(cluster.oracleConnectString())),
            basicOps(cluster.connect(GatewayCluster.connectString(gateway))));
    }

    @Test
    void shouldApplyMultiAllOrNothingAsZooKeeperDoes() throws Exception
    {
        assertEquals(multiOps(cluster.connect(cluster.oracleConnectString())),
            multiOps(cluster.connect(GatewayCluster.connectString(gateway))));
    }

    @Test
    void shouldCheckDigestAclsAsZooKeeperDoes() throws Exception
    {
        assertEquals(aclOps(cluster.oracleConnectString()), aclOps(GatewayCluster.connectString(gateway)));
    }

    @Test
    void shouldDeliverWatchEventsBeforeLaterRepliesAsZooKeeperDoes() throws Exception
    {
        final List<String> expected = watchOps(cluster.oracleConnectString());
        assertEquals("reply 2", expected.get(expected.size() - 1), "the read after the changes ends the sequence");
        assertEquals(expected, watchOps(GatewayCluster.connectString(gateway)));
    }

    @Test
    void shouldRemoveAPersistentRecursiveWatchAndStayConnectedAsZooKeeperDoes() throws Exception
    {
        final List<String> expected = removeWatchOps(cluster.oracleConnectString());
        assertEquals(List.of("NodeCreated /unwatch/a", "event zxid is the create's", "PersistentWatchRemoved /unwatch",
            "no event after the removal", "states [SyncConnected]"), expected);
        assertEquals(expected, removeWatchOps(GatewayCluster.connectString(gateway)));
    }

    @Test
    void shouldDeleteEphemeralsWhenTheSessionCloses() throws Exception
    {
        assertEquals(ephemeralOps(cluster.oracleConnectString()), ephemeralOps(GatewayCluster.connectString(gateway)));
    }

    @Test
    void shouldResumeTheSessionThroughAnotherGateway() throws Exception
    {
        final ZooKeeperGateway second = cluster.launchGateway();
        final ZooKeeper first = cluster.connect(GatewayCluster.connectString(gateway));
        first.create("/moved", new byte[0], OPEN, CreateMode.EPHEMERAL);

        final CountDownLatch connected = new CountDownLatch(1);
        final ZooKeeper moved = cluster.resume(GatewayCluster.connectString(second), first.getSessionId(),
            first.getSessionPasswd(), (event) ->
            {
                if (Watcher.Event.KeeperState.SyncConnected == event.getState())
                {
                    connected.countDown();
                }
            });
        assertTrue(connected.await(STEP_TIMEOUT_S, TimeUnit.SECONDS));

        assertEquals(first.getSessionId(), moved.getSessionId());
        final Stat stat = moved.exists("/moved", false);
        assertNotNull(stat);
        assertEquals(first.getSessionId(), stat.getEphemeralOwner());
        moved.close();
        assertNull(cluster.connect(GatewayCluster.connectString(second)).exists("/moved", false));
    }

    @Test
    void shouldKeepWatchesAndReportMissedChangesAfterReconnectingAsZooKeeperDoes() throws Exception
    {
        final ZooKeeperGateway second = cluster.launchGateway();
        final List<String> expected = reconnectOps(cluster.oracleConnectString(), cluster.oracleConnectString());
        assertEquals(List.of("NodeDataChanged /moving", "NodeCreated /moving/child", "same session"), expected);
        assertEquals(expected, reconnectOps(GatewayCluster.connectString(gateway), GatewayCluster.connectString(second)));
    }

    @Test
    void shouldRunAZkCliScriptAsOnZooKeeper() throws Exception
    {
        final List<String> expected = zkCli(cluster.oracleConnectString());
        assertTrue(expected.contains("[e, s0000000000, s0000000001]"), String.valueOf(expected));
        assertEquals(expected, zkCli(GatewayCluster.connectString(gateway)));
    }

    @Test
    void shouldReportAnUnknownSessionAsExpired() throws Exception
    {
        final BlockingQueue<Watcher.Event.KeeperState> states = new LinkedBlockingQueue<>();
        cluster.resume(GatewayCluster.connectString(gateway), 0x7777_0000_0000L, new byte[16],
            (event) -> states.add(event.getState()));

        assertEquals(Watcher.Event.KeeperState.Expired, states.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
    }

    @Test
    void shouldRefuseALoneCheckAsZooKeeperDoes() throws Exception
    {
        assertEquals(loneCheck(oraclePort()), loneCheck(gateway.port()));
    }

    @Test
    void shouldAnswerCheckWatchesAsZooKeeperDoes() throws Exception
    {
        assertEquals(checkWatches(oraclePort()), checkWatches(gateway.port()));
    }

    @Test
    void shouldAnswerFourLetterWords() throws Exception
    {
        assertEquals("imok", fourLetterWord("ruok"));
        assertTrue(fourLetterWord("srvr").contains("Zookeeper version: " + FourLetterWords.VERSION));
        assertTrue(fourLetterWord("mntr").contains("zk_num_alive_connections"));
        assertEquals("wchs is not executed because it is not in the whitelist.\n", fourLetterWord("wchs"));
    }

    private List<String> basicOps(final ZooKeeper zk) throws Exception
    {
        final List<String> out = new ArrayList<>();
        out.add(zk.create("/basic", "v0".getBytes(StandardCharsets.UTF_8), OPEN, CreateMode.PERSISTENT));
        out.add(code(() -> zk.create("/basic", null, OPEN, CreateMode.PERSISTENT)));
        out.add(code(() -> zk.create("/none/child", null, OPEN, CreateMode.PERSISTENT)));
        final Stat created = new Stat();
        out.add(zk.create("/basic/s-", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL, created));
        out.add(stat(zk, created));
        out.add(zk.create("/basic/c", new byte[0], OPEN, CreateMode.CONTAINER));
        out.add(zk.create("/basic/t", new byte[0], OPEN, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 60_000));
        final Stat read = new Stat();
        out.add(new String(zk.getData("/basic", false, read), StandardCharsets.UTF_8));
        out.add(stat(zk, read));
        out.add(stat(zk, zk.setData("/basic", "v1".getBytes(StandardCharsets.UTF_8), 0)));
        out.add(code(() -> zk.setData("/basic", new byte[1], 0)));
        out.add(String.valueOf(sorted(zk.getChildren("/basic", false))));
        final Stat parent = new Stat();
        out.add(String.valueOf(sorted(zk.getChildren("/basic", false, parent))));
        out.add(stat(zk, parent));
        out.add(String.valueOf(zk.exists("/nothing", false)));
        out.add(code(() -> zk.getData("/nothing", false, null)));
        out.add(String.valueOf(zk.getAllChildrenNumber("/basic")));
        out.add(code(() -> zk.delete("/basic", -1)));
        out.add(code(() -> zk.delete("/basic/c", 5)));
        zk.delete("/basic/c", 0);
        zk.sync("/basic", (rc, path, ctx) -> { }, null);
        out.add(String.valueOf(sorted(zk.getChildren("/basic", false))));
        out.add(String.valueOf(zk.getData("/basic/s-0000000000", false, null) == null));
        return out;
    }

    private List<String> multiOps(final ZooKeeper zk) throws Exception
    {
        final List<String> out = new ArrayList<>();
        zk.create("/multi", null, OPEN, CreateMode.PERSISTENT);
        for (final OpResult result : zk.multi(Arrays.asList(
            Op.create("/multi/a", new byte[]{ 1 }, OPEN, CreateMode.PERSISTENT),
            Op.create("/multi/b", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL),
            Op.setData("/multi/a", new byte[]{ 2 }, 0),
            Op.check("/multi", 0),
            Op.delete("/multi/a", 1))))
        {
            out.add(result(zk, result));
        }
        try
        {
            zk.multi(Arrays.asList(
                Op.create("/multi/c", null, OPEN, CreateMode.PERSISTENT),
                Op.check("/multi", 7),
                Op.delete("/multi/none", -1)));
        }
        catch (final KeeperException ex)
        {
            out.add(ex.code().name());
            for (final OpResult result : ex.getResults())
            {
                out.add(result(zk, result));
            }
        }
        out.add(String.valueOf(zk.exists("/multi/c", false)));
        // Reads only: ZooKeeper 3.9's multiRead, op by op, each with its own result or error.
        for (final OpResult result : zk.multi(Arrays.asList(
            Op.getData("/multi"), Op.getChildren("/multi"), Op.getData("/multi/none"), Op.getChildren("/none"))))
        {
            out.add(result(zk, result));
        }
        out.add(String.valueOf(sorted(zk.getChildren("/multi", false))));
        return out;
    }

    private List<String> aclOps(final String connectString) throws Exception
    {
        final List<String> out = new ArrayList<>();
        final ZooKeeper owner = cluster.connect(connectString);
        final ZooKeeper other = cluster.connect(connectString);
        owner.addAuthInfo("digest", "bob:secret".getBytes(StandardCharsets.UTF_8));
        owner.create("/acl", "x".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
        out.add(code(() -> other.getData("/acl", false, null)));
        out.add(code(() -> other.setData("/acl", null, -1)));
        out.add(String.valueOf(owner.getACL("/acl", new Stat())));
        final List<ACL> readable = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
        readable.add(new ACL(ZooDefs.Perms.READ, new Id("world", "anyone")));
        out.add(code(() -> other.setACL("/acl", readable, -1)));
        out.add(stat(owner, owner.setACL("/acl", readable, 0)));
        out.add(new String(other.getData("/acl", false, null), StandardCharsets.UTF_8));
        out.add(String.valueOf(other.getACL("/acl", new Stat())));
        out.add(DigestAuthenticationProvider.generateDigest("bob:secret"));
        other.addAuthInfo("digest", "bob:secret".getBytes(StandardCharsets.UTF_8));
        out.add(String.valueOf(other.setData("/acl", null, -1).getVersion()));
        // The order of identities differs (Aerie: in the order gained; ZooKeeper: its own): compare them as a set.
        out.add(String.valueOf(new java.util.TreeSet<>(other.whoAmI().stream().map(String::valueOf).toList())));
        return out;
    }

    private List<String> watchOps(final String connectString) throws Exception
    {
        final List<String> out = new ArrayList<>();
        final ZooKeeper watching = cluster.connect(connectString);
        final ZooKeeper writer = cluster.connect(connectString);
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        final Watcher watcher = (event) -> seen.add(event(event));
        writer.create("/watch", new byte[0], OPEN, CreateMode.PERSISTENT);
        watching.getData("/watch", watcher, null);
        watching.getChildren("/watch", watcher);
        watching.exists("/watch/later", watcher);
        watching.addWatch("/watch", watcher, AddWatchMode.PERSISTENT_RECURSIVE);

        writer.setData("/watch", new byte[]{ 1 }, -1);
        writer.create("/watch/later", new byte[0], OPEN, CreateMode.PERSISTENT);
        writer.delete("/watch/later", -1);
        writer.setData("/watch", new byte[]{ 2 }, -1);
        // A read sent after the changes: its reply comes after their events, through the same event thread.
        watching.getData("/watch", false, (rc, path, ctx, data, stat) -> seen.add("reply " + (null == data ? "rc " + rc : String.valueOf(data[0]))), null);
        for (String next = seen.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS); null != next;
            next = seen.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS))
        {
            out.add(next);
            if (next.startsWith("reply"))
            {
                break;
            }
        }
        return out;
    }

    /**
     * A persistent recursive watch fires with the change's zxid, then is removed: the client itself makes the
     * removal event when the server answers (ZooKeeper's server sends none; the client drops a connection on which a
     * removal arrives as a notification), the connection stays up, and later changes fire nothing.
     */
    private List<String> removeWatchOps(final String connectString) throws Exception
    {
        final List<String> out = new ArrayList<>();
        final List<String> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        final ZooKeeper zk = cluster.connect(connectString, (event) ->
        {
            if (Watcher.Event.EventType.None == event.getType())
            {
                states.add(event.getState().name());
            }
        });
        final BlockingQueue<WatchedEvent> seen = new LinkedBlockingQueue<>();
        final Watcher watcher = seen::add;
        zk.create("/unwatch", new byte[0], OPEN, CreateMode.PERSISTENT);
        zk.addWatch("/unwatch", watcher, AddWatchMode.PERSISTENT_RECURSIVE);
        final Stat created = new Stat();
        zk.create("/unwatch/a", new byte[0], OPEN, CreateMode.PERSISTENT, created);
        final WatchedEvent fired = seen.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS);
        out.add(null == fired ? "no event" : event(fired));
        out.add(null != fired && fired.getZxid() == created.getCzxid() ?
            "event zxid is the create's" : "event zxid " + (null == fired ? "-" : fired.getZxid()) + " vs " + created);
        zk.removeWatches("/unwatch", watcher, Watcher.WatcherType.Any, false);
        final WatchedEvent removed = seen.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS);
        out.add(null == removed ? "no removal event" : event(removed));
        zk.create("/unwatch/b", new byte[0], OPEN, CreateMode.PERSISTENT);
        zk.getData("/unwatch/b", false, null); // answered after any event the create fired
        final WatchedEvent later = seen.poll();
        out.add(null == later ? "no event after the removal" : "after the removal: " + event(later));
        out.add("states " + states);
        return out;
    }

    /**
     * A client with a data watch and an exist watch is cut off; meanwhile its watched node changes; it reconnects
     * (through a proxy, to {@code after}) with the same session and must hear of the change it missed (setWatches),
     * then of the next one through the watch it still holds.
     */
    private List<String> reconnectOps(final String before, final String after) throws Exception
    {
        final List<String> out = new ArrayList<>();
        final ZooKeeper writer = cluster.connect(before);
        writer.create("/moving", new byte[0], OPEN, CreateMode.PERSISTENT);
        try (SwitchingProxy proxy = new SwitchingProxy(port(before)))
        {
            final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            final BlockingQueue<Watcher.Event.KeeperState> states = new LinkedBlockingQueue<>();
            final ZooKeeper moving = cluster.connect("127.0.0.1:" + proxy.port(), (event) ->
            {
                if (Watcher.Event.EventType.None == event.getType())
                {
                    states.add(event.getState());
                }
            });
            final long sessionId = moving.getSessionId();
            final Watcher watcher = (event) ->
            {
                // ZooKeeper's client tells every watcher of the connection's state too.
                if (Watcher.Event.EventType.None != event.getType())
                {
                    seen.add(event(event));
                }
            };
            moving.getData("/moving", watcher, null);
            moving.exists("/moving/child", watcher);

            proxy.pause();
            assertEquals(Watcher.Event.KeeperState.Disconnected, awaitState(states, Watcher.Event.KeeperState.Disconnected));
            writer.setData("/moving", new byte[]{ 1 }, -1);
            proxy.target(port(after));
            awaitState(states, Watcher.Event.KeeperState.SyncConnected);
            out.add(seen.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
            writer.create("/moving/child", new byte[0], OPEN, CreateMode.PERSISTENT);
            out.add(seen.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS));
            out.add(sessionId == moving.getSessionId() ? "same session" : "new session");
        }
        return out;
    }

    private static Watcher.Event.KeeperState awaitState(
        final BlockingQueue<Watcher.Event.KeeperState> states, final Watcher.Event.KeeperState wanted)
        throws InterruptedException
    {
        for (Watcher.Event.KeeperState state = states.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS); null != state;
            state = states.poll(STEP_TIMEOUT_S, TimeUnit.SECONDS))
        {
            if (wanted == state)
            {
                return state;
            }
        }
        throw new AssertionError("no " + wanted + " state");
    }

    private static int port(final String connectString)
    {
        return Integer.parseInt(connectString.substring(connectString.lastIndexOf(':') + 1));
    }

    private List<String> ephemeralOps(final String connectString) throws Exception
    {
        final List<String> out = new ArrayList<>();
        final ZooKeeper owner = cluster.connect(connectString);
        final ZooKeeper observer = cluster.connect(connectString);
        observer.create("/eph", new byte[0], OPEN, CreateMode.PERSISTENT);
        owner.create("/eph/a", new byte[0], OPEN, CreateMode.EPHEMERAL);
        out.add(owner.create("/eph/s-", new byte[0], OPEN, CreateMode.EPHEMERAL_SEQUENTIAL));
        out.add(code(() -> owner.create("/eph/a/child", null, OPEN, CreateMode.PERSISTENT)));
        out.add(String.valueOf(sorted(owner.getEphemerals("/eph"))));
        out.add(String.valueOf(observer.exists("/eph/a", false).getEphemeralOwner() == owner.getSessionId()));
        final CountDownLatch deleted = new CountDownLatch(1);
        observer.exists("/eph/a", (event) -> deleted.countDown());
        owner.close();
        assertTrue(deleted.await(STEP_TIMEOUT_S, TimeUnit.SECONDS));
        out.add(String.valueOf(observer.getChildren("/eph", false)));
        return out;
    }

    /**
     * zkCli ({@code org.apache.zookeeper.ZooKeeperMain}) runs a script on a connected client; its output, without the
     * lines that show zxids and times.
     */
    private List<String> zkCli(final String connectString) throws Exception
    {
        final ZooKeeper zk = cluster.connect(connectString);
        final java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream out = System.out;
        final java.io.PrintStream err = System.err;
        // zkCli's commands keep the System.out of the time they were first made: one switchable stream for all runs.
        ZKCLI_OUT.target = captured;
        System.setOut(ZKCLI_STREAM);
        System.setErr(ZKCLI_STREAM);
        try
        {
            final org.apache.zookeeper.ZooKeeperMain cli = new org.apache.zookeeper.ZooKeeperMain(zk);
            for (final String line : List.of("create /cli hello", "get /cli", "set /cli world", "get -s /cli",
                "create -s /cli/s", "create -s /cli/s", "create -e /cli/e eph", "ls /cli", "stat /cli/e", "delete /cli",
                "getAllChildrenNumber /cli", "deleteall /cli", "get /cli", "create /cli/x", "set /nothing v"))
            {
                System.out.println("> " + line);
                cli.executeLine(line);
            }
        }
        finally
        {
            System.out.flush();
            ZKCLI_OUT.target = out;
            System.setOut(out);
            System.setErr(err);
        }
        final List<String> lines = new ArrayList<>();
        for (final String line : captured.toString(StandardCharsets.UTF_8).split("\n"))
        {
            // zkCli prints its errors on System.err, where the in-process ZooKeeper's threads also log (SLF4J simple:
            // "[thread] LEVEL logger - ..."): their lines are not the script's answers.
            if (!line.matches("^(cZxid|ctime|mZxid|mtime|pZxid|ephemeralOwner) = .*") &&
                !line.matches("^\\[[^]]+\\] (TRACE|DEBUG|INFO|WARN|ERROR) .*"))
            {
                lines.add(line);
            }
        }
        return lines;
    }

    private int oraclePort()
    {
        final String connectString = cluster.oracleConnectString();
        return Integer.parseInt(connectString.substring(connectString.lastIndexOf(':') + 1));
    }

    /**
     * A lone check ({@code OpCode.check}, which ZooKeeper 3.9's server does not take as a request): the reply's code
     * and body length, and whether the server then closed the connection.
     */
    private static List<Object> loneCheck(final int port) throws Exception
    {
        try (RawZooKeeperConnection raw = new RawZooKeeperConnection("127.0.0.1", port, 10_000))
        {
            raw.call(OpCodes.CREATE, new CreateRequest("/lone", new byte[0], OPEN, 0));
            final RawZooKeeperConnection.Reply reply = raw.call(OpCodes.CHECK, new CheckVersionRequest("/lone", 0));
            return List.of(reply.err(), reply.body().length, raw.isClosedByPeer());
        }
    }

    /**
     * checkWatches of a path never watched, of a data watch held, of a child watch not held, and of the data watch
     * after it fired: the error codes.
     */
    private static List<Integer> checkWatches(final int port) throws Exception
    {
        try (RawZooKeeperConnection raw = new RawZooKeeperConnection("127.0.0.1", port, 10_000))
        {
            final List<Integer> codes = new ArrayList<>();
            raw.call(OpCodes.CREATE, new CreateRequest("/checkw", new byte[0], OPEN, 0));
            codes.add(raw.call(OpCodes.CHECK_WATCHES, new CheckWatchesRequest("/checkw", 2)).err());
            raw.call(OpCodes.GET_DATA, new GetDataRequest("/checkw", true));
            codes.add(raw.call(OpCodes.CHECK_WATCHES, new CheckWatchesRequest("/checkw", 2)).err());
            codes.add(raw.call(OpCodes.CHECK_WATCHES, new CheckWatchesRequest("/checkw", 1)).err());
            codes.add(raw.call(OpCodes.CHECK_WATCHES, new CheckWatchesRequest("/checkw", 3)).err());
            raw.call(OpCodes.SET_DATA, new SetDataRequest("/checkw", new byte[1], -1));
            codes.add(raw.call(OpCodes.CHECK_WATCHES, new CheckWatchesRequest("/checkw", 2)).err());
            return codes;
        }
    }

    @Test
    void shouldAnswerSrvrWithZooKeepersLinesAndTheNodesModeAndCount() throws Exception
    {
        final String aerie = fourLetterWord("srvr");
        assertEquals(lineKeys(fourLetterWord(oraclePort(), "srvr")), lineKeys(aerie), aerie);
        assertTrue(aerie.contains("\nMode: standalone\n"), aerie); // a one-node cluster, as a standalone server
        assertTrue(aerie.matches("(?s).*\nNode count: [1-9][0-9]*\n.*"), aerie);
    }

    private static List<String> lineKeys(final String answer)
    {
        final List<String> keys = new ArrayList<>();
        for (final String line : answer.split("\n"))
        {
            keys.add(line.contains(":") ? line.substring(0, line.indexOf(':')) : line);
        }
        return keys;
    }

    private String fourLetterWord(final String word) throws Exception
    {
        return fourLetterWord(gateway.port(), word);
    }

    private static String fourLetterWord(final int port, final String word) throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            final OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * ZooKeeper returns children in its hash order, Aerie sorted: compare them sorted.
     */
    private static List<String> sorted(final List<String> names)
    {
        final List<String> copy = new ArrayList<>(names);
        java.util.Collections.sort(copy);
        return copy;
    }

    private static String event(final WatchedEvent event)
    {
        return event.getType() + " " + event.getPath();
    }

    private static String result(final ZooKeeper zk, final OpResult result)
    {
        if (result instanceof OpResult.CreateResult create)
        {
            return "create " + create.getPath() + (null == create.getStat() ? "" : " " + stat(zk, create.getStat()));
        }
        if (result instanceof OpResult.SetDataResult set)
        {
            return "set " + stat(zk, set.getStat());
        }
        if (result instanceof OpResult.GetDataResult get)
        {
            return "getData " + Arrays.toString(get.getData()) + " " + stat(zk, get.getStat());
        }
        if (result instanceof OpResult.GetChildrenResult children)
        {
            return "getChildren " + sorted(children.getChildren());
        }
        if (result instanceof OpResult.ErrorResult error)
        {
            return "error " + error.getErr();
        }
        return result.getClass().getSimpleName();
    }

    /**
     * The fields of a Stat both servers must agree on; zxids and times as relations, the owner as "self".
     */
    private static String stat(final ZooKeeper zk, final Stat stat)
    {
        return "version=" + stat.getVersion() + " cversion=" + stat.getCversion() + " aversion=" + stat.getAversion() +
            " dataLength=" + stat.getDataLength() + " numChildren=" + stat.getNumChildren() +
            " owner=" + (0 == stat.getEphemeralOwner() ? "0" : stat.getEphemeralOwner() == zk.getSessionId() ? "self" :
            "other") + " czxid>0=" + (stat.getCzxid() > 0) + " mzxid=czxid:" + (stat.getMzxid() == stat.getCzxid()) +
            " pzxid>=czxid:" + (stat.getPzxid() >= stat.getCzxid()) + " ctime>0=" + (stat.getCtime() > 0) +
            " mtime=ctime:" + (stat.getMtime() == stat.getCtime());
    }

    private static String code(final KeeperCall call) throws InterruptedException
    {
        try
        {
            call.run();
            return "OK";
        }
        catch (final KeeperException ex)
        {
            return ex.code().name() + " " + ex.getPath();
        }
    }

    /**
     * An output stream whose destination the test switches.
     */
    private static final class SwitchableOutput extends OutputStream
    {
        volatile OutputStream target = System.out;

        public void write(final int b) throws java.io.IOException
        {
            target.write(b);
        }

        public void write(final byte[] b, final int off, final int len) throws java.io.IOException
        {
            target.write(b, off, len);
        }
    }

    @FunctionalInterface
    private interface KeeperCall
    {
        void run() throws KeeperException, InterruptedException;
    }
}
