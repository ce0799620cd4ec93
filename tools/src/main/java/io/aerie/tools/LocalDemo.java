package io.aerie.tools;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.Watcher;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import org.agrona.CloseHelper;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The README demo, run by {@code aerie local --demo} against the local cluster once it has a leader: a client
 * session creates persistent, ephemeral and sequential znodes, reads them back with their stats, lists them,
 * updates with a version check (and fails one on purpose), shows the leader, and closes its session while a
 * second client watches its ephemeral znode go. Every step is printed. Runs on the caller's thread.
 */
final class LocalDemo
{
    static final String ROOT = "/demo";
    static final String EPHEMERAL = ROOT + "/worker";
    static final String SEQUENTIAL_PREFIX = ROOT + "/job-";

    private static final AclList OPEN = AclList.openAclUnsafe();

    private final LocalCluster cluster;
    private final PrintWriter out;

    LocalDemo(final LocalCluster cluster, final PrintWriter out)
    {
        this.cluster = cluster;
        this.out = out;
    }

    /**
     * Run the demo; the znodes it creates stay (but for the ephemeral one).
     *
     * @throws AerieException if a request fails other than the one meant to fail.
     */
    void run() throws AerieException
    {
        step("connect a client (blocking API) to " + cluster.ingressEndpoints());
        AerieClient clientA = AerieClient.connect(clientContext());
        AerieClient clientB = null;
        try
        {
            line("client A: session %s, timeout %d ms, talking to leader member %d",
                StatFormat.hex(clientA.sessionId()), clientA.sessionTimeoutMs(), clientA.leaderMemberId());

            final String[] paths = createZnodes(clientA);
            readBack(clientA, paths);

            step("list children");
            line("ls %s -> %s", ROOT, clientA.getChildren(ROOT));

            conditionalUpdates(clientA);
            showLeader(clientA);

            step("an ephemeral znode lives as long as its session, and watches tell who cares");
            clientB = AerieClient.connect(clientContext());
            final List<String> events = new ArrayList<>();
            final Watcher watcher = event -> events.add(event.type() + " " + event.path());
            final Stat stat = clientB.exists(EPHEMERAL, watcher);
            if (null == stat)
            {
                throw new IllegalStateException("client B does not see client A's ephemeral znode " + EPHEMERAL);
            }
            line("client B: stat %s -> exists, ephemeralOwner=%s (client A's session); watching it",
                EPHEMERAL, StatFormat.hex(stat.ephemeralOwner()));
            clientB.getChildren(ROOT, watcher);
            line("client B: ls %s, watching its children", ROOT);

            final long sessionA = clientA.sessionId();
            clientA.close();
            clientA = null;
            line("client A: closed session %s", StatFormat.hex(sessionA));
            showEphemeralGone(clientB, events);
        }
        finally
        {
            CloseHelper.closeAll(clientB, clientA);
        }

        step("done: the demo's persistent znodes stay under " + ROOT + " until the cluster stops");
    }

    private String[] createZnodes(final AerieClient client) throws AerieException
    {
        step("create znodes");
        final String[] paths =
        {
            create(client, ROOT, "hello, aerie", CreateMode.PERSISTENT),
            create(client, EPHEMERAL, "client A was here", CreateMode.EPHEMERAL),
            create(client, SEQUENTIAL_PREFIX, "first job", CreateMode.PERSISTENT_SEQUENTIAL),
            create(client, SEQUENTIAL_PREFIX, "second job", CreateMode.PERSISTENT_SEQUENTIAL),
        };
        line("(a sequential name ends in the parent's count of children ever created, as in ZooKeeper)");
        return paths;
    }

    private String create(final AerieClient client, final String path, final String data, final CreateMode mode)
        throws AerieException
    {
        final String created = client.create(path, bytes(data), OPEN, mode, -1);
        line("create %-14s %-20s %-22s -> %s", path, '"' + data + '"', modeName(mode), created);
        return created;
    }

    private void readBack(final AerieClient client, final String[] paths) throws AerieException
    {
        step("read them back with their stats");
        final Stat stat = new Stat();
        for (final String path : paths)
        {
            final byte[] data = client.getData(path, stat);
            line("get %s -> %s", path, StatFormat.quoted(data));
            line("    %s", StatFormat.summary(stat));
        }
    }

    private void conditionalUpdates(final AerieClient client) throws AerieException
    {
        step("update with a version check");
        final Stat before = client.exists(ROOT);
        final Stat after = client.setData(ROOT, bytes("hello again"), before.version());
        line("set %s \"hello again\" version=%d -> ok: version %d -> %d, mzxid %s -> %s",
            ROOT, before.version(), before.version(), after.version(),
            StatFormat.hex(before.mzxid()), StatFormat.hex(after.mzxid()));

        try
        {
            client.setData(ROOT, bytes("stale write"), before.version());
            throw new IllegalStateException("a write with a stale version was accepted");
        }
        catch (final AerieException ex)
        {
            if (ResultCode.BAD_VERSION != ex.code())
            {
                throw ex;
            }
            line("set %s \"stale write\" version=%d -> error: %s (the znode is at version %d; nothing changed)",
                ROOT, before.version(), ex.getMessage(), after.version());
        }
    }

    private void showLeader(final AerieClient client)
    {
        step("who leads");
        final StringBuilder roles = new StringBuilder();
        for (int memberId = 0; memberId < cluster.nodeCount(); memberId++)
        {
            final AerieNode node = cluster.node(memberId);
            roles.append(memberId > 0 ? ", " : "").append("member ").append(memberId).append(": ")
                .append(null == node ? "stopped" : node.role().name().toLowerCase(Locale.ROOT));
        }
        line("%s", roles);
        line("leader: member %d; client A's session is served through it", client.leaderMemberId());
    }

    private void showEphemeralGone(final AerieClient clientB, final List<String> events) throws AerieException
    {
        if (null != clientB.exists(EPHEMERAL))
        {
            throw new IllegalStateException("ephemeral znode " + EPHEMERAL + " outlived its closed session");
        }
        // A client hears of a change before the answer to any later request of its own: the events are in.
        if (events.isEmpty())
        {
            throw new IllegalStateException("client B's watches did not fire");
        }
        for (final String event : events)
        {
            line("client B: watch fired: %s", event);
        }
        line("client B: stat %s -> does not exist (deleted with client A's session)", EPHEMERAL);
        final List<String> children = clientB.getChildren(ROOT);
        line("client B: ls %s -> %s", ROOT, children);
    }

    private AerieClient.Context clientContext()
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        return clientCtx;
    }

    private void step(final String title)
    {
        out.println("demo: " + title);
    }

    private void line(final String format, final Object... args)
    {
        out.println("  " + String.format(Locale.ROOT, format, args));
    }

    private static String modeName(final CreateMode mode)
    {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
