package io.aerie.testkit;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.recipes.LeaderLatch;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The same scenario on the in-memory cluster and on a real one-node cluster gives the same transcript: versions,
 * error codes, sequential names, zxids, ephemeral owners, a watch event, and a leader latch handing over when the
 * leader's session expires (on the real cluster by falling silent past its timeout; on the in-memory one by
 * {@link InMemoryAerie#expireSession}). What differs by nature (times, session ids) is left out of the transcript.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InMemoryAerieConformanceClusterTest
{
    private static final int PORT_BASE = 10_000;
    private static final int SHORT_SESSION_MS = 2_000;
    private static final int LONG_SESSION_MS = 30_000;
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    File tempDir;

    @Test
    void shouldGiveTheSameTranscriptAsARealOneNodeCluster() throws AerieException
    {
        final List<String> inMemory;
        try (InMemoryBackend backend = new InMemoryBackend())
        {
            inMemory = run(backend);
        }
        final List<String> real;
        try (RealBackend backend = new RealBackend(tempDir))
        {
            real = run(backend);
        }

        assertTrue(inMemory.size() > 10, "the scenario ran: " + inMemory);
        assertEquals(real, inMemory);
    }

    private static List<String> run(final Backend backend) throws AerieException
    {
        final List<String> transcript = new ArrayList<>();
        final AerieClient follower = backend.connect(LONG_SESSION_MS);
        final AerieClient observer = backend.connect(LONG_SESSION_MS);

        observer.create("/app", bytes("v0"));
        transcript.add("setData " + describe(observer.setData("/app", bytes("v1"), 0)));
        transcript.add("stale setData " + code(() -> observer.setData("/app", bytes("v2"), 0)));
        transcript.add("create again " + code(() -> observer.create("/app", null)));
        for (int i = 0; i < 2; i++)
        {
            transcript.add("sequential " +
                observer.create("/app/job-", null, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1));
        }

        // The short session connects only now and is polled by every wait until it is meant to expire: clients
        // are in invoker mode, so a client nobody polls sends no keepalive, and on a loaded machine the steps
        // before would outlast its timeout.
        final AerieClient leaderClient = backend.connect(SHORT_SESSION_MS);
        final LeaderLatch leader = new LeaderLatch(leaderClient, "/election");
        leader.start();
        transcript.add("first leads " + leader.awaitLeadership(60, TimeUnit.SECONDS) + " as " + leader.nodePath());
        final long firstToken = leader.fencingToken();
        leaderClient.create("/app/owned", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);
        final Stat owned = observer.exists("/app/owned");
        transcript.add("ephemeral owned by the leader's session " + (owned.ephemeralOwner() == leaderClient.sessionId()) +
            " " + describe(owned));
        final LeaderLatch successor = new LeaderLatch(follower, "/election");
        successor.start();
        await("the successor queued", () -> 2 == childCount(observer, "/election"), follower, leaderClient);
        final List<String> events = new ArrayList<>();
        observer.exists("/app/owned", (event) -> events.add(event.type() + " " + event.path()));

        backend.expire(leaderClient, observer);
        await("the leader's client told", () -> SessionState.EXPIRED == leaderClient.state(), leaderClient);
        await("the watch event", () -> !events.isEmpty(), observer);

        transcript.add("first after expiry " + leader.state() + " leads " + leader.hasLeadership());
        transcript.add("successor leads " + successor.awaitLeadership(60, TimeUnit.SECONDS) + " as " +
            successor.nodePath() + " with a larger token " + (successor.fencingToken() > firstToken));
        transcript.add("events " + events);
        transcript.add("ephemeral " + observer.exists("/app/owned"));
        transcript.add("contenders " + observer.getChildren("/election"));
        transcript.add("app " + describe(observer.exists("/app")) + " children " + observer.getChildren("/app"));
        successor.close();
        return transcript;
    }

    private static String describe(final Stat stat)
    {
        return "czxid=" + stat.czxid() + " mzxid=" + stat.mzxid() + " pzxid=" + stat.pzxid() + " version=" +
            stat.version() + " cversion=" + stat.cversion() + " dataLength=" + stat.dataLength() + " numChildren=" +
            stat.numChildren();
    }

    private static String code(final Step step)
    {
        try
        {
            step.run();
            return "OK";
        }
        catch (final AerieException ex)
        {
            return ex.code().name();
        }
    }

    private static int childCount(final AerieClient client, final String path)
    {
        try
        {
            return client.getChildren(path).size();
        }
        catch (final AerieException ex)
        {
            return -1;
        }
    }

    private static void await(final String what, final BooleanSupplier condition, final AerieClient... clients)
    {
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for " + what);
            }
            int workCount = 0;
            for (final AerieClient client : clients)
            {
                workCount += client.poll();
            }
            if (0 == workCount)
            {
                Thread.yield();
            }
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A blocking call whose error code goes into the transcript.
     */
    @FunctionalInterface
    interface Step
    {
        void run() throws AerieException;
    }

    /**
     * Where the scenario runs.
     */
    interface Backend extends AutoCloseable
    {
        /**
         * @return a connected client in invoker mode, polled only by the scenario.
         */
        AerieClient connect(int sessionTimeoutMs) throws AerieException;

        /**
         * End the client's session by expiry, returning once the observer no longer sees its ephemerals.
         */
        void expire(AerieClient client, AerieClient observer);

        @Override
        void close();
    }

    /**
     * The in-memory cluster: expiry on demand.
     */
    static final class InMemoryBackend implements Backend
    {
        private final InMemoryAerie aerie = InMemoryAerie.launch();

        @Override
        public AerieClient connect(final int sessionTimeoutMs) throws AerieException
        {
            final AerieClient.Context clientCtx = new AerieClient.Context();
            clientCtx.agents().useConductorInvoker(true);
            clientCtx.session().sessionTimeoutMs(sessionTimeoutMs);
            return aerie.newClient(clientCtx);
        }

        @Override
        public void expire(final AerieClient client, final AerieClient observer)
        {
            aerie.expireSession(client);
        }

        @Override
        public void close()
        {
            aerie.close();
        }
    }

    /**
     * A real one-node cluster on loopback with one media driver for the clients: expiry by silence.
     */
    static final class RealBackend implements Backend
    {
        private final List<Throwable> errors = new ArrayList<>();
        private final List<AerieClient> clients = new ArrayList<>();
        private final LocalCluster cluster;
        private final MediaDriver driver;

        RealBackend(final File dir)
        {
            cluster = LocalCluster.launch(new LocalCluster.Context()
                .nodeCount(1)
                .portBase(PORT_BASE)
                .metricsEnabled(false)
                .dir(new File(dir, "cluster"))
                .serviceContextSupplier(() -> new AerieClusteredService.Context()
                    .minSessionTimeoutMs(100)
                    .treeContext(new ZnodeTreeContext()
                        .maxZnodes(InMemoryAerie.Context.MAX_ZNODES_DEFAULT)
                        .largeDataCapacity(InMemoryAerie.Context.LARGE_DATA_CAPACITY_DEFAULT)))
                .errorHandler(this::onError));
            MediaDriver clientDriver = null;
            try
            {
                cluster.findLeader(System.nanoTime() + STEP_TIMEOUT_NS);
                clientDriver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(new File(dir, "client-driver").getAbsolutePath())
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
                    .termBufferSparseFile(true)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true));
            }
            catch (final RuntimeException ex)
            {
                CloseHelper.quietClose(cluster);
                throw ex;
            }
            driver = clientDriver;
        }

        @Override
        public AerieClient connect(final int sessionTimeoutMs) throws AerieException
        {
            final AerieClient.Context clientCtx2 = new AerieClient.Context();
            clientCtx2.agents().useConductorInvoker(true);
            clientCtx2.connection()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .ingressEndpoints(cluster.ingressEndpoints())
                .ingressChannel(cluster.ingressChannel())
                .egressChannel(cluster.egressChannel());
            clientCtx2.session().sessionTimeoutMs(sessionTimeoutMs);
            clientCtx2.requests().requestTimeoutNs(STEP_TIMEOUT_NS);
            final AerieClient client = AerieClient.connect(clientCtx2);
            clients.add(client);
            return client;
        }

        @Override
        public void expire(final AerieClient client, final AerieClient observer)
        {
            // The client is not polled: no keepalive goes out, and the cluster expires its session past its timeout.
            await("the silent client's ephemeral gone", () -> ephemeralsOf(observer, client.sessionId()) == 0, observer);
        }

        @Override
        public void close()
        {
            try
            {
                CloseHelper.closeAll(clients);
            }
            finally
            {
                CloseHelper.closeAll(driver, cluster);
            }
            synchronized (errors)
            {
                if (!errors.isEmpty())
                {
                    final AssertionError error = new AssertionError("cluster reported " + errors.size() + " error(s)");
                    errors.forEach(error::addSuppressed);
                    throw error;
                }
            }
        }

        private void onError(final Throwable throwable)
        {
            if (!(throwable instanceof AeronException) ||
                AeronException.Category.WARN != ((AeronException)throwable).category())
            {
                synchronized (errors)
                {
                    errors.add(throwable);
                }
            }
        }

        private static int ephemeralsOf(final AerieClient observer, final long sessionId)
        {
            try
            {
                final Stat stat = observer.exists("/app/owned");
                return null != stat && stat.ephemeralOwner() == sessionId ? 1 : 0;
            }
            catch (final AerieException ex)
            {
                return -1;
            }
        }
    }
}
