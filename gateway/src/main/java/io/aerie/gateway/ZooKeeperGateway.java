package io.aerie.gateway;

import io.aerie.client.AerieClient;
import io.aeron.Aeron;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * ZooKeeper's client protocol in front of an Aerie cluster: unchanged ZooKeeper 3.x clients (the Java client, zkCli,
 * Curator) connect to its TCP port as to a ZooKeeper server. Each ZooKeeper connection is an Aerie session opened (or,
 * on reconnect with a session id and password, resumed) through the gateway, so ephemerals, watches and expiry are
 * the cluster's and survive a leader change and a move to another gateway. See {@code docs/zookeeper-gateway.md} for
 * what of the protocol is served.
 * <p>
 * One agent thread serves every connection (Netty's I/O threads only frame packets); all sessions share one Aeron
 * client and media driver (the gateway's own, embedded, or an external one such as a node's).
 * <p>
 * Threading: {@link #launch(Context)} and {@link #close()} from any one thread.
 */
public final class ZooKeeperGateway implements AutoCloseable
{
    private final Context ctx;
    private final GatewayAeron aeron;
    private final GatewayCounters counters;
    private final ExecutorService sessionExecutor;
    private final AgentRunner agentRunner;
    private final GatewayServer server;

    private ZooKeeperGateway(final Context ctx)
    {
        this.ctx = ctx;
        this.aeron = new GatewayAeron(ctx);
        this.counters = new GatewayCounters(aeron.aeron(), ctx.port());
        this.sessionExecutor = Executors.newFixedThreadPool(
            ctx.sessionThreads(), new DefaultThreadFactory("aerie-gateway-session", true));
        final GatewayAgent agent = new GatewayAgent(ctx, aeron.aeron(), sessionExecutor, counters);
        final IdleStrategy idle = ctx.idleStrategySupplier().get();
        this.agentRunner = new AgentRunner(
            ctx.isYieldWhileAwaiting() ? new AwaitingIdleStrategy(idle, counters) : idle,
            ctx.errorHandler(), null, agent);
        AgentRunner.startOnThread(agentRunner);
        try
        {
            this.server = new GatewayServer(ctx, agent);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Start a gateway: its media driver (unless an external one is named), Aeron client, agent and TCP port.
     *
     * @param ctx configuration; concluded here.
     * @return the running gateway, accepting connections.
     * @throws IllegalArgumentException on bad configuration; a bind failure as Netty reports it.
     */
    public static ZooKeeperGateway launch(final Context ctx)
    {
        return new ZooKeeperGateway(ctx.conclude());
    }

    /**
     * @return the TCP port the gateway listens on (the one chosen by the kernel when configured as 0).
     */
    public int port()
    {
        return server.port();
    }

    /**
     * @return the gateway's configuration.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * @return errors the gateway has handled (cluster unreachable on connect, a client's poll failing, ...).
     */
    public long errorCount()
    {
        return ctx.errorCount.get();
    }

    /** @return the gateway's Aeron client; for tests that close it as a driver timeout would. */
    Aeron aeron()
    {
        return aeron.aeron();
    }

    /**
     * Stop accepting, close every connection (their sessions live on until their timeouts, so clients can resume
     * them through another gateway), then stop the agent, the session threads, the Aeron client and the driver.
     */
    public void close()
    {
        CloseHelper.quietClose(server);
        CloseHelper.quietClose(agentRunner);
        sessionExecutor.shutdown();
        try
        {
            sessionExecutor.awaitTermination(ctx.client().requests().requestTimeoutNs(), TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.quietCloseAll(counters, aeron);
    }

    /**
     * Property names and defaults of the gateway, read by {@link Context}.
     */
    public static final class Configuration
    {
        /** TCP port to listen on; 0 for one the kernel chooses. */
        public static final String PORT_PROP_NAME = "aerie.gateway.port";
        /** Default for {@link #PORT_PROP_NAME}: ZooKeeper's client port. */
        public static final int PORT_DEFAULT = 2181;
        /** Address to bind. */
        public static final String HOST_PROP_NAME = "aerie.gateway.host";
        /** Default for {@link #HOST_PROP_NAME}: every interface, as ZooKeeper. */
        public static final String HOST_DEFAULT = "0.0.0.0";
        /** The cluster members' ingress endpoints, {@code 0=host:port,1=host:port,...}. */
        public static final String INGRESS_ENDPOINTS_PROP_NAME = "aerie.gateway.ingress.endpoints";
        /** Directory of an external media driver to use (a node's); unset for an embedded one. */
        public static final String AERON_DIR_PROP_NAME = "aerie.gateway.aeron.dir";
        /** Largest packet a client may send, bytes; a longer one closes the connection (ZooKeeper's jute.maxbuffer). */
        public static final String MAX_PACKET_LENGTH_PROP_NAME = "aerie.gateway.max.packet.length";
        /** Default for {@link #MAX_PACKET_LENGTH_PROP_NAME}: ZooKeeper's jute.maxbuffer and its 1 KiB extra. */
        public static final int MAX_PACKET_LENGTH_DEFAULT = 0xfffff + 1024;
        /** Four-letter words answered, comma-separated, {@code *} for all (ZooKeeper's 4lw.commands.whitelist). */
        public static final String FOUR_LETTER_WORDS_PROP_NAME = "aerie.gateway.four.letter.words";
        /** Default for {@link #FOUR_LETTER_WORDS_PROP_NAME}: ZooKeeper's default whitelist. */
        public static final String FOUR_LETTER_WORDS_DEFAULT = "srvr";
        /** Threads that open and close sessions (these block on the cluster). */
        public static final String SESSION_THREADS_PROP_NAME = "aerie.gateway.session.threads";
        /** Default for {@link #SESSION_THREADS_PROP_NAME}. */
        public static final int SESSION_THREADS_DEFAULT = 2;
        /** Netty I/O threads (framing only). */
        public static final String IO_THREADS_PROP_NAME = "aerie.gateway.io.threads";
        /** Default for {@link #IO_THREADS_PROP_NAME}. */
        public static final int IO_THREADS_DEFAULT = 1;
        /**
         * How the agent waits for work: {@code park} (its idle strategy only: a packet waits for the end of a park),
         * {@code wake} (Netty's thread unparks it when a packet arrives), {@code yield} (wake, and while requests
         * await the cluster's answers yield instead of parking: an answer cannot wake a parked agent, so each park
         * adds to the request's latency; but a yielding agent competes for the cores with the node's own threads,
         * which on a saturated small machine made it slower, not faster: see docs/zookeeper-gateway.md).
         */
        public static final String AGENT_WAIT_PROP_NAME = "aerie.gateway.agent.wait";
        /** Default for {@link #AGENT_WAIT_PROP_NAME}: wake on a packet, park otherwise. */
        public static final String AGENT_WAIT_DEFAULT = "wake";
        /** The port of the gateway a node runs beside itself ({@code aerie node}); unset for none. */
        public static final String NODE_ZOOKEEPER_PORT_PROP_NAME = "aerie.node.zookeeper.port";

        private Configuration()
        {
        }
    }

    /**
     * The gateway's configuration: fluent setters, same-named getters, {@link #conclude()} once.
     */
    public static final class Context
    {
        private final AtomicLong errorCount = new AtomicLong();
        private boolean concluded;
        private int port = Integer.getInteger(Configuration.PORT_PROP_NAME, Configuration.PORT_DEFAULT);
        private String host = System.getProperty(Configuration.HOST_PROP_NAME, Configuration.HOST_DEFAULT);
        private AerieClient.Context client = defaultClient();
        private int maxPacketLength = Integer.getInteger(
            Configuration.MAX_PACKET_LENGTH_PROP_NAME, Configuration.MAX_PACKET_LENGTH_DEFAULT);
        private String fourLetterWords = System.getProperty(
            Configuration.FOUR_LETTER_WORDS_PROP_NAME, Configuration.FOUR_LETTER_WORDS_DEFAULT);
        private Set<String> fourLetterWordSet;
        private int sessionThreads = Integer.getInteger(
            Configuration.SESSION_THREADS_PROP_NAME, Configuration.SESSION_THREADS_DEFAULT);
        private int ioThreads = Integer.getInteger(Configuration.IO_THREADS_PROP_NAME, Configuration.IO_THREADS_DEFAULT);
        private String agentWait = System.getProperty(
            Configuration.AGENT_WAIT_PROP_NAME, Configuration.AGENT_WAIT_DEFAULT);
        private Supplier<IdleStrategy> idleStrategySupplier;
        private ErrorHandler errorHandler;

        /**
         * Fill defaults and check the configuration once.
         *
         * @return this.
         * @throws IllegalArgumentException on missing or bad settings.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            final String ingressEndpoints = client.connection().ingressEndpoints();
            if (null == ingressEndpoints || ingressEndpoints.isEmpty())
            {
                throw new IllegalArgumentException(Configuration.INGRESS_ENDPOINTS_PROP_NAME +
                    " must be set, e.g. 0=localhost:20000,1=localhost:20100,2=localhost:20200");
            }
            if (port < 0 || port > 65535 || maxPacketLength < 1024 || sessionThreads < 1 || ioThreads < 1)
            {
                throw new IllegalArgumentException("bad gateway settings: port=" + port + " maxPacketLength=" +
                    maxPacketLength + " sessionThreads=" + sessionThreads + " ioThreads=" + ioThreads);
            }
            if (!"park".equals(agentWait) && !"wake".equals(agentWait) && !"yield".equals(agentWait))
            {
                throw new IllegalArgumentException(
                    Configuration.AGENT_WAIT_PROP_NAME + " must be park, wake or yield: " + agentWait);
            }
            fourLetterWordSet = FourLetterWords.parse(fourLetterWords);
            if (null == aeronDirectoryName() && null == embeddedAeronDirectoryName())
            {
                embeddedAeronDirectoryName(new File(System.getProperty("java.io.tmpdir"),
                    "aerie-gateway-" + UUID.randomUUID()).getAbsolutePath());
            }
            if (null == idleStrategySupplier)
            {
                // The client's idle strategy, as its sessions' conductors idle: the gateway's agent drives them.
                idleStrategySupplier = client.clone().conclude().agents().idleStrategySupplier();
            }
            final ErrorHandler handler = errorHandler;
            errorHandler = (throwable) ->
            {
                errorCount.incrementAndGet();
                if (null != handler)
                {
                    handler.onError(throwable);
                }
            };
            concluded = true;
            return this;
        }

        /**
         * A client context for one session behind the gateway, a copy of {@link #client()}: in invoker mode (the
         * agent polls it), with the timeout the ZooKeeper client asked for (the cluster clamps it).
         */
        AerieClient.Context clientContext(final int sessionTimeoutMs)
        {
            final AerieClient.Context clientCtx = client.clone();
            clientCtx.agents().useConductorInvoker(true);
            clientCtx.session().sessionTimeoutMs(Math.max(1, sessionTimeoutMs));
            return clientCtx;
        }

        private static AerieClient.Context defaultClient()
        {
            final AerieClient.Context client = new AerieClient.Context();
            final String ingressEndpoints = System.getProperty(Configuration.INGRESS_ENDPOINTS_PROP_NAME);
            if (null != ingressEndpoints)
            {
                client.connection().ingressEndpoints(ingressEndpoints);
            }
            final String aeronDir = System.getProperty(Configuration.AERON_DIR_PROP_NAME);
            if (null != aeronDir)
            {
                client.connection().aeronDirectoryName(aeronDir);
            }
            return client;
        }

        /**
         * @return the template of every session's client context: the cluster's endpoints and channels, the request
         * timeout, the idle strategy, and the media driver of the gateway's one Aeron client, which its sessions share
         * (they launch none); configured in place. Default one from the {@code aerie.client.*} properties, its
         * ingress endpoints and driver from {@link Configuration#INGRESS_ENDPOINTS_PROP_NAME} and
         * {@link Configuration#AERON_DIR_PROP_NAME} when set.
         */
        public AerieClient.Context client()
        {
            return client;
        }

        /**
         * @param client the template of every session's client context, copied for each ({@link
         *               AerieClient.Context#clone()}); a session's own settings (invoker mode, timeout) go on its copy.
         * @return this.
         */
        public Context client(final AerieClient.Context client)
        {
            this.client = client;
            return this;
        }

        /** @return the TCP port to listen on. */
        public int port()
        {
            return port;
        }

        /**
         * @param port TCP port to listen on; 0 for one the kernel chooses ({@link ZooKeeperGateway#port()}).
         * @return this.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /** @return the address to bind. */
        public String host()
        {
            return host;
        }

        /**
         * @param host address to bind, such as 127.0.0.1 or 0.0.0.0.
         * @return this.
         */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /**
         * @param ingressEndpoints the members' ingress endpoints, {@code 0=host:port,1=host:port,...}, set on the
         *                         template ({@link #client()}).
         * @return this.
         */
        public Context ingressEndpoints(final String ingressEndpoints)
        {
            client.connection().ingressEndpoints(ingressEndpoints);
            return this;
        }

        /**
         * @return the directory of the external media driver, or null for an embedded one: the template's
         * ({@link #client()}), which the gateway's one Aeron client uses (its sessions launch no driver of their own).
         */
        public String aeronDirectoryName()
        {
            return client.connection().aeronDirectoryName();
        }

        /**
         * @param aeronDirectoryName directory of a running media driver to share (a node's); null to embed one. Set
         *                           on the template ({@link #client()}).
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            client.connection().aeronDirectoryName(aeronDirectoryName);
            return this;
        }

        /** @return the directory of the embedded media driver: the template's ({@link #client()}). */
        public String embeddedAeronDirectoryName()
        {
            return client.connection().embeddedAeronDirectoryName();
        }

        /**
         * @param embeddedAeronDirectoryName where the embedded driver lives (deleted on close); default a new
         *                                   directory under java.io.tmpdir. Set on the template ({@link #client()}).
         * @return this.
         */
        public Context embeddedAeronDirectoryName(final String embeddedAeronDirectoryName)
        {
            client.connection().embeddedAeronDirectoryName(embeddedAeronDirectoryName);
            return this;
        }

        /** @return the largest packet a client may send, bytes. */
        public int maxPacketLength()
        {
            return maxPacketLength;
        }

        /**
         * @param maxPacketLength largest packet a client may send, bytes.
         * @return this.
         */
        public Context maxPacketLength(final int maxPacketLength)
        {
            this.maxPacketLength = maxPacketLength;
            return this;
        }

        /** @return the four-letter words answered (after {@link #conclude()}). */
        public Set<String> fourLetterWords()
        {
            return fourLetterWordSet;
        }

        /**
         * @param fourLetterWords comma-separated words to answer ({@code ruok,srvr,stat,mntr}), {@code *} for all.
         * @return this.
         */
        public Context fourLetterWords(final String fourLetterWords)
        {
            this.fourLetterWords = fourLetterWords;
            return this;
        }

        /** @return threads that open and close sessions. */
        public int sessionThreads()
        {
            return sessionThreads;
        }

        /**
         * @param sessionThreads threads that open and close sessions.
         * @return this.
         */
        public Context sessionThreads(final int sessionThreads)
        {
            this.sessionThreads = sessionThreads;
            return this;
        }

        /** @return Netty I/O threads. */
        public int ioThreads()
        {
            return ioThreads;
        }

        /**
         * @param ioThreads Netty I/O threads.
         * @return this.
         */
        public Context ioThreads(final int ioThreads)
        {
            this.ioThreads = ioThreads;
            return this;
        }

        /** @return how the agent waits for work: {@code park}, {@code wake} or {@code yield}. */
        public String agentWait()
        {
            return agentWait;
        }

        /**
         * @param agentWait {@code park}, {@code wake} (default) or {@code yield}: see
         *                  {@link Configuration#AGENT_WAIT_PROP_NAME}.
         * @return this.
         */
        public Context agentWait(final String agentWait)
        {
            this.agentWait = agentWait;
            return this;
        }

        boolean isWakeOnPacket()
        {
            return !"park".equals(agentWait);
        }

        boolean isYieldWhileAwaiting()
        {
            return "yield".equals(agentWait);
        }

        /** @return the idle strategy of the agent and the embedded driver. */
        public Supplier<IdleStrategy> idleStrategySupplier()
        {
            return idleStrategySupplier;
        }

        /**
         * @param idleStrategySupplier idle strategy for the agent and the embedded driver (a new one each); default
         *                             backoff parking up to 100 µs.
         * @return this.
         */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
        {
            this.idleStrategySupplier = idleStrategySupplier;
            return this;
        }

        /** @return the error handler; after {@link #conclude()} it also counts. */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * @param errorHandler told of every error the gateway handles (counted in
         *                     {@link ZooKeeperGateway#errorCount()} either way); default none.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }
    }
}
