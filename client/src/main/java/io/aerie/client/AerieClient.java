package io.aerie.client;

import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.config.AerieProperties;
import io.aerie.codecs.model.Stat;
import org.agrona.ErrorHandler;

import java.util.List;
import java.util.Set;


/**
 * The thin client of an Aerie cluster: one session, requests and their answers.
 * <p>
 * {@link #connect(Context)} reaches the cluster over Aeron (an embedded media driver, or an external one) and
 * opens a session. Every operation exists in two forms: asynchronous, returning the request's correlation
 * id and answering a {@link ResponseHandler} later (nothing allocated per call in steady state), and blocking,
 * returning the result or throwing {@link AerieException}.
 * <p>
 * The client survives a leader change: requests in flight are sent again to the new leader, and the cluster
 * answers a resent write with its original answer rather than applying it twice. It keeps its session alive
 * with keepalives from its conductor thread (in invoker mode from {@link #poll()}, so it must then be polled at
 * least every third of its session timeout). If the cluster stays silent longer than the session timeout the client reports DISCONNECTED.
 * <p>
 * Watches are ZooKeeper's: exists and getData with a {@link Watcher} leave a one-time data watch (exists even
 * on a node that does not exist yet), getChildren a one-time child watch, addWatch a persistent one, optionally
 * recursive. A watch counts from the answer that set it. NODE_CREATED and NODE_DATA_CHANGED reach the data,
 * persistent and recursive watchers of the node and the recursive watchers of its ancestors; NODE_DELETED
 * those and the node's child watchers; NODE_CHILDREN_CHANGED the child and persistent watchers of the parent.
 * A watcher object is called at most once per event. Session state changes go to the context's default
 * watcher; DISCONNECTED, EXPIRED, CLOSED and EVENTS_LOST (a gap in the cluster's event sequence) to every
 * watcher too. EXPIRED and CLOSED end every watch, EVENTS_LOST the one-time ones. Watches survive a leader
 * change: the cluster keeps them.
 * <p>
 * The blocking forms have ZooKeeper's names and shapes, so ZooKeeper-style calls compile as they are
 * ({@code getData(path, null, null)}, {@code exists(path, event -> ...)}); the asynchronous reads that would
 * share their arity (exists, getData, getChildren, getACL) are named {@code *Async}. Errors are thrown as
 * {@link AerieException}'s subclasses, one per common code, as ZooKeeper's KeeperException.
 * <p>
 * A chroot in the connect string ({@code 0=host:port,1=host:port/app}, or {@link ClientConnection.Context#chroot(String)})
 * makes every path relative to it, as in ZooKeeper: paths sent are prefixed, created paths, sync paths and watch
 * event paths come back stripped. As ZooKeeper 3.9's client, getEphemerals (prefix and answer) and the created
 * paths in multi results are not chrooted.
 * <p>
 * <h2>Threading</h2>
 * Two modes, as Aeron's client ({@link ClientAgents.Context#useConductorInvoker(boolean)}). Default: a conductor
 * thread polls the cluster, keeps the session alive whatever the application does, and runs every callback
 * (handlers, watchers, session listeners); the client may be called from any number of threads: a call from
 * another thread is handed to the conductor through a lock-free queue and a blocking call parks its caller until
 * the answer. Invoker mode: no thread; the application drives the client with {@link #poll()} from one thread at a
 * time and gets the callbacks there; a call from another thread while one is inside a call (polling, waiting,
 * in a callback) throws {@link IllegalStateException}. In both, a send never
 * blocks and never runs a callback.
 */
public final class AerieClient extends BlockingRequests implements AutoCloseable
{
    /**
     * Where the cluster's configuration is, as ZooKeeper's {@code ZooDefs.CONFIG_NODE}: read by
     * {@link #getConfig(Watcher, Stat)}.
     */
    public static final String CONFIG_NODE = "/zookeeper/config";

    private final Reads linearizableReads = new Reads(this, ReadMode.LINEARIZABLE);
    private final Reads localReads = new Reads(this, ReadMode.LOCAL);

    private AerieClient(final Context ctx)
    {
        super(ctx);
    }

    /**
     * Connect to the cluster and open a session; in the default mode then start the conductor thread (named
     * {@code aerie-client-conductor}, not a daemon: {@link #close()} ends it).
     *
     * @param ctx configuration; concluded here.
     * @return a connected client.
     * @throws AerieException if the session could not be opened (for example the cluster refused it);
     *                        {@link AerieException.AuthFailedException} if the cluster refused the credentials.
     * @throws io.aeron.exceptions.TimeoutException if the cluster could not be reached in time.
     */
    public static AerieClient connect(final Context ctx) throws AerieException
    {
        return ClientStart.start(new AerieClient(ctx.conclude()));
    }

    /**
     * Invoker mode: do the client's work: receive answers and events (callbacks run here), keep the session alive,
     * notice a silent cluster, send queued requests and, after a leader change, in-flight ones again. Call it at
     * least every third of the session timeout. In the default mode the conductor thread does all of this and
     * poll() does nothing.
     *
     * @return amount of work done, for an idle strategy; 0 in the default mode.
     * @throws IllegalStateException in invoker mode, while another thread is inside a call.
     */
    public int poll()
    {
        if (threading.isInvoker() && threading.isDirect())
        {
            try
            {
                return conductor.poll();
            }
            finally
            {
                threading.exit(true);
            }
        }
        return 0;
    }

    /**
     * Whether this client holds the watcher in the kinds the type names on the path (what ZooKeeper's server answers
     * to checkWatches, from the client's own registry: a one-time watch is forgotten here when its event arrives, so
     * after a round trip it agrees with the cluster as of that answer). For a gateway serving ZooKeeper's protocol.
     *
     * @param path    the watched path, as given when watching (relative to the chroot).
     * @param type    the kinds asked for (DATA, CHILDREN, PERSISTENT, PERSISTENT_RECURSIVE or ANY).
     * @param watcher the watcher asked for.
     * @return true if held.
     * @throws IllegalStateException in the default mode (the registry is the conductor thread's), or in invoker mode
     *                               while another thread is inside a call.
     */
    public boolean isWatching(final CharSequence path, final WatcherType type, final Watcher watcher)
    {
        if (!threading.isInvoker())
        {
            throw new IllegalStateException("isWatching needs invoker mode");
        }
        final boolean direct = threading.isDirect();
        try
        {
            return conductor.watches().othersOfType(path, type, watcher) >= 0;
        }
        finally
        {
            threading.exit(direct);
        }
    }

    /**
     * @return the session id, as ZooKeeper's.
     */
    public long sessionId()
    {
        return conductor.sessionId();
    }

    /**
     * The session's password (16 bytes), which with {@link #sessionId()} resumes the session from another client
     * ({@link ClientSession.Context#resumeSession(long, byte[])}), as a ZooKeeper client moves its session to another
     * server. Call from the thread that polls the client (any thread in the default mode, once connected).
     *
     * @return a copy of the password; empty before the session is open.
     */
    public byte[] sessionPassword()
    {
        return conductor.password();
    }

    /**
     * @return the session timeout the cluster granted, ms.
     */
    public int sessionTimeoutMs()
    {
        return conductor.sessionTimeoutMs();
    }

    /**
     * @return the session's state as the client knows it.
     */
    public SessionState state()
    {
        return conductor.state();
    }

    /**
     * @return the highest zxid this client has seen in an answer.
     */
    public long lastZxid()
    {
        return conductor.lastZxid();
    }

    /**
     * @return member id of the cluster leader the client talks to.
     */
    public int leaderMemberId()
    {
        return conductor.leaderMemberId();
    }

    /**
     * @return number of requests sent and not yet answered.
     */
    public int pendingRequests()
    {
        return conductor.pendingRequests();
    }

    /**
     * This client's reads in one mode, whatever its own ({@link ClientReads.Context#readMode}): the per-call choice.
     * {@code reads(ReadMode.LINEARIZABLE)} forces a read through the log (sees every write acknowledged to anyone
     * before it was sent); {@code reads(ReadMode.LOCAL)} lets one node answer from its own state (never older than
     * what this client has seen, one hop, no consensus). The two views are made with the client: asking for one
     * allocates nothing.
     *
     * @param mode how the view's reads are served; not null.
     * @return the view, the same instance on every call with the same mode.
     */
    public Reads reads(final ReadMode mode)
    {
        switch (mode)
        {
            case LINEARIZABLE:
                return linearizableReads;
            case LOCAL:
                return localReads;
            default:
                throw new IllegalArgumentException("unknown read mode: " + mode);
        }
    }

    /**
     * @return requests sent and not yet answered (the rest of {@link #pendingRequests()} wait their turn).
     */
    int inFlight()
    {
        return conductor.inFlight();
    }

    /**
     * Close the session (its ephemerals are deleted at once), then the connection and any embedded driver. In the
     * default mode the conductor thread is stopped first and the session is closed from the calling thread;
     * requests other threads still wait for are answered CONNECTION_LOSS. Call it once the client's work is done,
     * not from a callback; in invoker mode from any thread, once no other is inside a call. A second call does
     * nothing.
     */
    @Override
    public void close()
    {
        if (threading.isClosed())
        {
            return;
        }
        threading.stop();
        try
        {
            commands.drain();
            conductor.closeSession(calls.arm());
            if (SessionState.DISCONNECTED == conductor.state())
            {
                conductor.changeState(SessionState.CLOSED);
            }
        }
        finally
        {
            conductor.closeResources();
        }
    }

    /**
     * The client's own properties: the namespace it owns, and the {@code aerie.client.*} names every part declares.
     * Each part's names and defaults are in its own {@code Configuration}: {@link ClientConnection.Configuration},
     * {@link ClientSession.Configuration}, {@link ClientRequests.Configuration}, {@link ClientReads.Configuration},
     * {@link ClientAgents.Configuration}.
     */
    public static final class Configuration
    {
        /**
         * The namespace of the client's properties: one set in it that no part declares fails
         * {@link Context#conclude()}, as a misspelt one does (see {@link AerieProperties}).
         */
        public static final String PROPERTY_NAMESPACE = "aerie.client.";

        private static final List<String> OWNED_NAMESPACES = List.of(PROPERTY_NAMESPACE);
        private static final Set<String> KNOWN_PROPERTIES = AerieProperties.namesOf(
            ClientConnection.Configuration.class,
            ClientSession.Configuration.class,
            ClientRequests.Configuration.class,
            ClientReads.Configuration.class,
            ClientAgents.Configuration.class);

        private Configuration()
        {
        }

        /**
         * @return every {@code aerie.client.*} property a part declares, sorted.
         */
        public static Set<String> knownProperties()
        {
            return KNOWN_PROPERTIES;
        }
    }

    /**
     * Configuration of one client: what is the client's alone (error handler, session listener, default watcher),
     * composed with one context per part, each with its own {@code Configuration} of {@code aerie.client.*}
     * properties: {@link #connection()} ({@link ClientConnection}), {@link #session()} ({@link ClientSession}),
     * {@link #requests()} ({@link ClientRequests}), {@link #reads()} ({@link ClientReads}) and {@link #agents()}
     * ({@link ClientAgents}). Fluent setters, same-named getters; {@link #conclude()} once (by
     * {@link AerieClient#connect(Context)}), which fails on an unknown {@code aerie.client.*} property. Not
     * thread-safe: configure on one thread, then connect.
     */
    public static final class Context extends CopyableContext<Context>
    {
        private boolean concluded;
        private ClientConnection.Context connection = new ClientConnection.Context();
        private ClientSession.Context session = new ClientSession.Context();
        private ClientRequests.Context requests = new ClientRequests.Context();
        private ClientReads.Context reads = new ClientReads.Context();
        private ClientAgents.Context agents = new ClientAgents.Context();
        private ErrorHandler errorHandler;
        private SessionListener sessionListener;
        private Watcher defaultWatcher;

        /**
         * Check the {@code aerie.client.*} properties, conclude every part and fill the defaults; once (later calls
         * return at once).
         *
         * @return this.
         * @throws IllegalArgumentException on an unknown property, or missing or bad configuration.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            AerieProperties.check(System.getProperties(), Configuration.OWNED_NAMESPACES,
                Configuration.KNOWN_PROPERTIES, IllegalArgumentException::new);
            connection.conclude();
            session.conclude();
            requests.conclude();
            reads.conclude(connection.ingressEndpoints());
            agents.conclude();
            if (null == errorHandler)
            {
                // Counted by the conductor's runner (AerieClient#errorCount()); nothing printed.
                errorHandler = (throwable) -> {};
            }
            if (null == sessionListener)
            {
                sessionListener = (state, id) -> {};
            }
            concluded = true;

            return this;
        }

        /**
         * A copy to configure further and connect with, as Aeron's contexts: every part copied, so that setting the
         * copy leaves this one as it is, and not concluded, whether this one is or not. A template, for example the
         * ZooKeeper gateway's, from which each of its sessions' contexts is derived.
         *
         * @return the copy.
         */
        @Override
        public Context clone()
        {
            final Context copy = super.clone();
            copy.concluded = false;
            copy.connection = connection.clone();
            copy.session = session.clone();
            copy.requests = requests.clone();
            copy.reads = reads.clone();
            copy.agents = agents.clone();
            return copy;
        }

        /** @return where the client connects: endpoints, chroot, channels, media driver; configured in place. */
        public ClientConnection.Context connection()
        {
            return connection;
        }

        /** @return the session: timeout, credentials, a session to resume; configured in place. */
        public ClientSession.Context session()
        {
            return session;
        }

        /** @return the request limits and timeout; configured in place. */
        public ClientRequests.Context requests()
        {
            return requests;
        }

        /** @return how reads without a watch are served; configured in place. */
        public ClientReads.Context reads()
        {
            return reads;
        }

        /** @return who drives the conductor and how it idles; configured in place. */
        public ClientAgents.Context agents()
        {
            return agents;
        }

        /** @return told of errors the conductor thread catches (a callback that threw); they are counted as well. */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * @param errorHandler told, on the conductor thread, of errors it catches, such as a callback that threw (the
         *                     default does nothing but {@link AerieClient#errorCount()} counts them); and, on the Aeron
         *                     client's own conductor thread, of the Aeron client's errors, such as a media driver
         *                     timeout (where Aeron's default handler would exit the JVM). It must be thread safe.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
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
        public Context sessionListener(final SessionListener sessionListener)
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
        public Context defaultWatcher(final Watcher defaultWatcher)
        {
            this.defaultWatcher = defaultWatcher;
            return this;
        }
    }
}
