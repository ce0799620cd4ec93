package io.aerie.client;

import io.aerie.codecs.config.AerieProperties;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Configuration of a client: fluent setters, same-named getters, {@link #conclude()} once. Defaults come from the
 * {@code aerie.client.*} system properties ({@link AerieClientConfiguration}).
 */
public final class AerieClientContext
{
    private static final List<String> OWNED_NAMESPACES = List.of("aerie.client.");
    private static final Set<String> KNOWN_PROPERTIES = AerieProperties.namesOf(AerieClientConfiguration.class);

    private boolean concluded;
    private ReadMode readMode = AerieClientConfiguration.readMode();
    private String readEndpoints = AerieClientConfiguration.readEndpoints();
    private int readMember = AerieClientConfiguration.readMember();
    private long readTimeoutNs = AerieClientConfiguration.readTimeoutNs();
    private boolean readIpc = AerieClientConfiguration.readIpc();
    private final java.util.List<String> authSchemes = new java.util.ArrayList<>();
    private final java.util.List<byte[]> authData = new java.util.ArrayList<>();
    private String ingressEndpoints = AerieClientConfiguration.ingressEndpoints();
    private String ingressChannel = AerieClientConfiguration.ingressChannel();
    private String egressChannel = AerieClientConfiguration.egressChannel();
    private int sessionTimeoutMs = AerieClientConfiguration.sessionTimeoutMs();
    private long requestTimeoutNs = AerieClientConfiguration.requestTimeoutNs();
    private String aeronDirectoryName = AerieClientConfiguration.aeronDirectoryName();
    private String embeddedAeronDirectoryName = AerieClientConfiguration.embeddedAeronDirectoryName();
    private long driverTimeoutMs = AerieClientConfiguration.driverTimeoutMs();
    private int maxInFlight = AerieClientConfiguration.maxInFlight();
    private int maxPending = AerieClientConfiguration.maxPending();
    private String digestAuth = AerieClientConfiguration.digestAuth();
    private String chroot;
    private Chroot chrootPath = Chroot.NONE;
    private boolean useConductorInvoker = AerieClientConfiguration.useConductorInvoker();
    private Supplier<IdleStrategy> idleStrategySupplier;
    private Supplier<IdleStrategy> awaitIdleStrategySupplier;
    private ErrorHandler errorHandler;
    private SessionListener sessionListener;
    private Watcher defaultWatcher;
    private ClusterTransport clusterTransport;
    private long resumeSessionId;
    private byte[] resumePassword;

    /**
     * Fill defaults and check invariants once.
     *
     * @return this.
     * @throws IllegalArgumentException on missing or bad configuration.
     */
    public AerieClientContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        AerieProperties.check(System.getProperties(), OWNED_NAMESPACES, KNOWN_PROPERTIES, IllegalArgumentException::new);
        concludeEndpoints();
        checkLimits();
        concludeDefaults();
        concludeReads();
        concluded = true;
        return this;
    }

    private void concludeEndpoints()
    {
        if (null == clusterTransport && (null == ingressEndpoints || ingressEndpoints.isEmpty()))
        {
            throw new IllegalArgumentException("ingressEndpoints must be set, e.g. 0=localhost:20000");
        }
        final int slash = null == ingressEndpoints ? -1 : ingressEndpoints.indexOf('/');
        if (slash >= 0)
        {
            // ZooKeeper's connect string: everything from the first '/' is the chroot.
            if (null == chroot)
            {
                chroot = ingressEndpoints.substring(slash);
            }
            ingressEndpoints = ingressEndpoints.substring(0, slash);
        }
        chrootPath = Chroot.of(chroot);
        // The cluster takes the client's address from the egress endpoint it declares, and refuses a connect
        // whose endpoint is not the address it came from: the endpoint must be a literal IP.
        // A loopback egress host reaches only members on this host: members elsewhere get this host's routed address.
        egressChannel = EgressChannel.withLiteralHost(EgressChannel.routedTo(egressChannel, ingressEndpoints));
    }

    private void checkLimits()
    {
        if (maxInFlight < 1)
        {
            throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
        }
        if (maxPending < maxInFlight)
        {
            throw new IllegalArgumentException("maxPending must be >= maxInFlight: " + maxPending);
        }
        if (sessionTimeoutMs <= 0 || requestTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("sessionTimeoutMs and requestTimeoutNs must be > 0");
        }
        if (driverTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("driverTimeoutMs must be > 0: " + driverTimeoutMs);
        }
        if (null != aeronDirectoryName && aeronDirectoryName.isEmpty())
        {
            throw new IllegalArgumentException("aeronDirectoryName must name a directory, or be null to embed a driver");
        }
    }

    private void concludeDefaults()
    {
        if (null == idleStrategySupplier)
        {
            idleStrategySupplier = () -> new BackoffIdleStrategy(10, 20, 1_000, 100_000);
        }
        if (null == awaitIdleStrategySupplier)
        {
            awaitIdleStrategySupplier = idleStrategySupplier;
        }
        if (null == errorHandler)
        {
            // Counted by the conductor's runner (AerieClient#errorCount()); nothing printed.
            errorHandler = (throwable) -> {};
        }
        if (null == sessionListener)
        {
            sessionListener = (state, id) -> {};
        }
        if (null == embeddedAeronDirectoryName)
        {
            embeddedAeronDirectoryName = io.aeron.CommonContext.getAeronDirectoryName() +
                ClientMediaDriver.EMBEDDED_DIR_MARKER + UUID.randomUUID();
        }
    }

    private void concludeReads()
    {
        // Behind a custom transport there may be no ingress endpoints, and no read channel either.
        if ((null == readEndpoints || readEndpoints.isEmpty()) && null != ingressEndpoints)
        {
            readEndpoints = ReadEndpoints.fromIngress(ingressEndpoints);
        }
        if (readTimeoutNs <= 0 || null == readMode)
        {
            throw new IllegalArgumentException("readMode must be set and readTimeoutNs > 0: " + readTimeoutNs);
        }
    }

    long keepAliveIntervalNs(final int sessionTimeoutMs)
    {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(1, sessionTimeoutMs / 3));
    }

    /** @return the members' ingress endpoints. */
    public String ingressEndpoints()
    {
        return ingressEndpoints;
    }

    /**
     * @param ingressEndpoints "0=host:port,1=host:port,...", optionally with a chroot: "0=host:port/app".
     * @return this.
     */
    public AerieClientContext ingressEndpoints(final String ingressEndpoints)
    {
        this.ingressEndpoints = ingressEndpoints;
        return this;
    }

    /** @return the chroot every path is relative to ("/app"), or null for none. */
    public String chroot()
    {
        return chroot;
    }

    /**
     * Make every path relative to a node, as a chroot in ZooKeeper's connect string does: paths sent are prefixed
     * with it, paths received (created paths, sync paths, watch event paths) stripped of it, the chroot itself
     * reading "/". As ZooKeeper 3.9's client, getEphemerals and the created paths in multi results are not
     * chrooted. The chroot node need not exist when connecting.
     *
     * @param chroot an absolute path without a trailing '/' ("/app"); null or "/" for none. Set here, it wins
     *               over one in {@link #ingressEndpoints(String)}.
     * @return this.
     */
    public AerieClientContext chroot(final String chroot)
    {
        this.chroot = chroot;
        return this;
    }

    Chroot chrootPath()
    {
        return chrootPath;
    }

    /**
     * Check a chroot as {@link #conclude()} would, for tools that parse connect strings themselves.
     *
     * @param chroot an absolute path without a trailing '/', or "/" for none.
     * @throws IllegalArgumentException with the reason, as ZooKeeper's client, if it is not valid.
     */
    public static void checkChroot(final String chroot)
    {
        Chroot.of(chroot);
    }

    /** @return the ingress channel. */
    public String ingressChannel()
    {
        return ingressChannel;
    }

    /** @param ingressChannel the ingress channel. @return this. */
    public AerieClientContext ingressChannel(final String ingressChannel)
    {
        this.ingressChannel = ingressChannel;
        return this;
    }

    /** @return the egress channel. */
    public String egressChannel()
    {
        return egressChannel;
    }

    /** @param egressChannel the egress channel. @return this. */
    public AerieClientContext egressChannel(final String egressChannel)
    {
        this.egressChannel = egressChannel;
        return this;
    }

    /** @return requested session timeout, ms. */
    public int sessionTimeoutMs()
    {
        return sessionTimeoutMs;
    }

    /**
     * Add credentials to send with the ConnectRequest (and with every reconnect), as ZooKeeper's
     * {@code addAuthInfo} before the first request: {@code digest} with {@code user:password} bytes.
     *
     * @param scheme such as {@code digest}.
     * @param auth   the credentials; copied.
     * @return this.
     */
    public AerieClientContext authInfo(final String scheme, final byte[] auth)
    {
        authSchemes.add(java.util.Objects.requireNonNull(scheme, "scheme"));
        authData.add(auth.clone());
        return this;
    }

    /** @return number of credentials given by {@link #authInfo(String, byte[])}. */
    public int authInfoCount()
    {
        return authSchemes.size();
    }

    /** @return scheme of credentials {@code index}. */
    public String authScheme(final int index)
    {
        return authSchemes.get(index);
    }

    /** @return the bytes of credentials {@code index}; a copy. */
    public byte[] authData(final int index)
    {
        return authData.get(index).clone();
    }

    /** @param sessionTimeoutMs requested session timeout, ms. @return this. */
    public AerieClientContext sessionTimeoutMs(final int sessionTimeoutMs)
    {
        this.sessionTimeoutMs = sessionTimeoutMs;
        return this;
    }

    /** @return how reads without a watch are served. */
    public ReadMode readMode()
    {
        return readMode;
    }

    /**
     * @param readMode {@link ReadMode#LINEARIZABLE} (the default: through the log) or {@link ReadMode#LOCAL} (from one
     *                 node's own state, never older than what this client has seen; needs the client's media
     *                 driver, so behind a {@link #clusterTransport(ClusterTransport)} reads stay linearizable).
     * @return this.
     */
    public AerieClientContext readMode(final ReadMode readMode)
    {
        this.readMode = readMode;
        return this;
    }

    /** @return the members' read endpoints, "id=host:port,...". */
    public String readEndpoints()
    {
        return readEndpoints;
    }

    /** @param readEndpoints the members' read endpoints, "id=host:port,..."; null: derived from ingress. @return this. */
    public AerieClientContext readEndpoints(final String readEndpoints)
    {
        this.readEndpoints = readEndpoints;
        return this;
    }

    /** @return the member read from first, or -1 for a node on this host, else round robin. */
    public int readMember()
    {
        return readMember;
    }

    /** @param readMember the member to read from first, -1 to choose (this host's, else round robin). @return this. */
    public AerieClientContext readMember(final int readMember)
    {
        this.readMember = readMember;
        return this;
    }

    /** @return true if local reads from a node on this host may go through its own media driver over IPC. */
    public boolean readIpc()
    {
        return readIpc;
    }

    /**
     * @param readIpc true (the default): a {@link ReadMode#LOCAL} read from a node on this host goes over
     *                {@code aeron:ipc} through that node's own media driver when the node offers it, and over UDP
     *                when its driver is not visible or IPC fails; false: always over UDP. See docs/local-reads.md.
     * @return this.
     */
    public AerieClientContext readIpc(final boolean readIpc)
    {
        this.readIpc = readIpc;
        return this;
    }

    /** @return how long a local read waits for its node before another is asked, ns. */
    public long readTimeoutNs()
    {
        return readTimeoutNs;
    }

    /** @param readTimeoutNs how long a local read waits for its node before another is asked, ns. @return this. */
    public AerieClientContext readTimeoutNs(final long readTimeoutNs)
    {
        this.readTimeoutNs = readTimeoutNs;
        return this;
    }

    /** @return how long a blocking call waits, ns. */
    public long requestTimeoutNs()
    {
        return requestTimeoutNs;
    }

    /** @param requestTimeoutNs how long a blocking call waits, ns. @return this. */
    public AerieClientContext requestTimeoutNs(final long requestTimeoutNs)
    {
        this.requestTimeoutNs = requestTimeoutNs;
        return this;
    }

    /** @return most requests in flight; more wait in order. */
    public int maxInFlight()
    {
        return maxInFlight;
    }

    /** @param maxInFlight most requests in flight, at most the cluster's remembered writes. @return this. */
    public AerieClientContext maxInFlight(final int maxInFlight)
    {
        this.maxInFlight = maxInFlight;
        return this;
    }

    /** @return most requests pending (in flight or waiting); past it a request fails with TOO_MANY_REQUESTS. */
    public int maxPending()
    {
        return maxPending;
    }

    /**
     * @param maxPending most requests pending, at least {@link #maxInFlight()}: bounds what a caller that issues
     *                   asynchronous requests faster than the cluster answers can queue in this client.
     * @return this.
     */
    public AerieClientContext maxPending(final int maxPending)
    {
        this.maxPending = maxPending;
        return this;
    }

    /**
     * @return the directory of the external media driver the client connects through, or null for an embedded
     * driver.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * Choose the media driver. Set, the client connects through the driver that runs in this directory (Aeron's
     * {@code aeron.dir}; started beforehand with {@code io.aeron.driver.MediaDriver} or the C {@code aeronmd}, or
     * embedded by the application): many clients and the application then share one driver, its threads and its
     * memory, and the client never closes it. {@link AerieClient#connect(AerieClientContext)} fails at once with
     * an {@link IllegalStateException} when no driver runs there. Null (the default), each client embeds its own
     * driver in {@link #embeddedAeronDirectoryName()}: two more threads, about 12 MB of {@code /dev/shm} and 25 MB
     * more resident memory per client (measured in the README); its directory is removed when the client closes
     * or the JVM exits, and a dead process's is removed by the next client that starts.
     *
     * @param aeronDirectoryName an external driver's directory, e.g. {@code CommonContext.getAeronDirectoryName()};
     *                           null to embed one.
     * @return this.
     */
    public AerieClientContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    /**
     * @return the directory of the embedded driver, when there is one (filled by {@link #conclude()}).
     */
    public String embeddedAeronDirectoryName()
    {
        return embeddedAeronDirectoryName;
    }

    /**
     * Where the embedded driver lives. The default, {@code <aeron.dir>-aerie-client-<uuid>} (e.g.
     * {@code /dev/shm/aeron-alice-aerie-client-<uuid>}), is unique per client; before it starts, the client removes
     * the directories beside it whose names share the part up to {@code -aerie-client-} and whose drivers are dead
     * (heartbeat older than {@link #driverTimeoutMs()} and process gone). A name of your own is removed at start
     * only if no live driver owns it, and takes part in that clean-up if it holds {@code -aerie-client-}.
     *
     * @param embeddedAeronDirectoryName the embedded driver's directory; null for the default.
     * @return this.
     */
    public AerieClientContext embeddedAeronDirectoryName(final String embeddedAeronDirectoryName)
    {
        this.embeddedAeronDirectoryName = embeddedAeronDirectoryName;
        return this;
    }

    /**
     * @return how long a media driver may be silent before it counts as dead, ms.
     */
    public long driverTimeoutMs()
    {
        return driverTimeoutMs;
    }

    /**
     * How long a media driver may be silent before it counts as dead: an external driver is checked against it
     * at connect, it is the embedded driver's own liveness timeout, and it is how old the heartbeat of a dead
     * process's embedded driver directory must be before another client removes it.
     *
     * @param driverTimeoutMs ms, &gt; 0; Aeron's {@code aeron.driver.timeout} (10 s) by default.
     * @return this.
     */
    public AerieClientContext driverTimeoutMs(final long driverTimeoutMs)
    {
        this.driverTimeoutMs = driverTimeoutMs;
        return this;
    }

    /** @return true for invoker mode (no conductor thread), false for the default conductor thread. */
    public boolean useConductorInvoker()
    {
        return useConductorInvoker;
    }

    /**
     * Choose the threading mode, as Aeron's {@code Aeron.Context.useConductorAgentInvoker}.
     * <p>
     * false (default): the client runs a conductor thread that polls the cluster, keeps the session alive and
     * runs every callback; any number of threads may call the client, blocking calls park their caller until the
     * conductor answers them; {@link AerieClient#poll()} does nothing.
     * <p>
     * true (invoker mode): no thread; the application calls {@link AerieClient#poll()} at least every third of the
     * session timeout, from one thread at a time (a client may be handed from thread to thread between calls);
     * callbacks run inside poll() or a blocking call; a call from another thread while one is inside a call throws
     * {@link IllegalStateException}. Nothing allocated per
     * request in steady state.
     *
     * @param useConductorInvoker true for invoker mode.
     * @return this.
     */
    public AerieClientContext useConductorInvoker(final boolean useConductorInvoker)
    {
        this.useConductorInvoker = useConductorInvoker;
        return this;
    }

    /**
     * @return supplier of the idle strategies blocking calls wait with (one per calling thread); defaults to
     * {@link #idleStrategySupplier()}.
     */
    public Supplier<IdleStrategy> awaitIdleStrategySupplier()
    {
        return awaitIdleStrategySupplier;
    }

    /**
     * @param awaitIdleStrategySupplier makes the idle strategy a calling thread parks with while its blocking call
     *                                  waits for the conductor (default mode), or polls between (invoker mode).
     * @return this.
     */
    public AerieClientContext awaitIdleStrategySupplier(final Supplier<IdleStrategy> awaitIdleStrategySupplier)
    {
        this.awaitIdleStrategySupplier = awaitIdleStrategySupplier;
        return this;
    }

    /** @return told of errors the conductor thread catches (a callback that threw); they are counted as well. */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * @param errorHandler told, on the conductor thread, of errors it catches, such as a callback that threw (the
     *                     default does nothing but {@link AerieClient#errorCount()} counts them); and, on the Aeron
     *                     client's own conductor thread, of the Aeron client's errors, such as a media driver timeout
     *                     (where Aeron's default handler would exit the JVM). It must therefore be thread safe.
     * @return this.
     */
    public AerieClientContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * @return supplier of idle strategies (one per agent: they are stateful): the conductor thread's, and an
     * embedded driver's.
     */
    public Supplier<IdleStrategy> idleStrategySupplier()
    {
        return idleStrategySupplier;
    }

    /** @param idleStrategySupplier supplier of idle strategies. @return this. */
    public AerieClientContext idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
    {
        this.idleStrategySupplier = idleStrategySupplier;
        return this;
    }

    /** @return digest credentials presented at connect, {@code user:password}, or null for none. */
    public String digestAuth()
    {
        return digestAuth;
    }

    /**
     * @param digestAuth {@code user:password} to authenticate as at connect with ZooKeeper's digest scheme (the
     *                   cluster keeps only {@code user:base64(sha1(user:password))}); null for none.
     * @return this.
     */
    public AerieClientContext digestAuth(final String digestAuth)
    {
        this.digestAuth = digestAuth;
        return this;
    }

    /** @return the session state listener. */
    public SessionListener sessionListener()
    {
        return sessionListener;
    }

    /**
     * @param sessionListener told of session state changes on the conductor thread (the polling thread in invoker
     *                        mode); more can be added and removed at any time with
     *                        {@link AerieClient#addSessionListener(SessionListener)}.
     * @return this.
     */
    public AerieClientContext sessionListener(final SessionListener sessionListener)
    {
        this.sessionListener = sessionListener;
        return this;
    }

    /** @return the watcher told of every session state change, or null. */
    public Watcher defaultWatcher()
    {
        return defaultWatcher;
    }

    /**
     * @param defaultWatcher told of every session state change (CONNECTED, DISCONNECTED, EXPIRED, CLOSED,
     *                       EVENTS_LOST) as an event of type NONE, on the polling thread; null for none.
     * @return this.
     */
    public AerieClientContext defaultWatcher(final Watcher defaultWatcher)
    {
        this.defaultWatcher = defaultWatcher;
        return this;
    }

    /**
     * @return the transport to the cluster set with {@link #clusterTransport(ClusterTransport)}, or null for Aeron
     * Cluster.
     */
    public ClusterTransport clusterTransport()
    {
        return clusterTransport;
    }

    /**
     * Put the client in front of something other than Aeron Cluster, for example an in-memory cluster for unit tests
     * ({@code io.aerie.testkit.InMemoryAerie} makes such clients itself). Set, the client launches no media driver
     * and {@link #ingressEndpoints(String)}, the channels and the media driver settings are not used; the client
     * owns the transport once connecting starts and closes it with itself. A transport serves one client.
     *
     * @param clusterTransport the transport; null (the default) for Aeron Cluster with this context's settings.
     * @return this.
     */
    public AerieClientContext clusterTransport(final ClusterTransport clusterTransport)
    {
        this.clusterTransport = clusterTransport;
        return this;
    }

    /** @return the id of the session {@link AerieClient#connect(AerieClientContext)} resumes, 0 to open a new one. */
    public long resumeSessionId()
    {
        return resumeSessionId;
    }

    /** @return the password of the session to resume, null when {@link #resumeSessionId()} is 0. */
    public byte[] resumePassword()
    {
        return resumePassword;
    }

    /**
     * Resume an existing session on connect instead of opening a new one, as a ZooKeeper client that reconnects to
     * another server with its session id and password (the ZooKeeper gateway uses it). Connect then fails with
     * {@code SESSION_EXPIRED} if the session no longer exists or the password does not match.
     *
     * @param sessionId the session's id; 0 to open a new session (the default).
     * @param password  the session's password, as {@link AerieClient#connect(AerieClientContext)} received it; copied.
     * @return this.
     */
    public AerieClientContext resumeSession(final long sessionId, final byte[] password)
    {
        this.resumeSessionId = sessionId;
        this.resumePassword = 0 == sessionId || null == password ? null : password.clone();
        return this;
    }
}
