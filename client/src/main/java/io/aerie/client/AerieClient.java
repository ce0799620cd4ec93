package io.aerie.client;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.Stat;


/**
 * The thin client of an Aerie cluster: one session, requests and their answers.
 * <p>
 * {@link #connect(AerieClientContext)} reaches the cluster over Aeron (an embedded media driver, or an external one) and
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
 * A chroot in the connect string ({@code 0=host:port,1=host:port/app}, or {@link AerieClientContext#chroot(String)})
 * makes every path relative to it, as in ZooKeeper: paths sent are prefixed, created paths, sync paths and watch
 * event paths come back stripped. As ZooKeeper 3.9's client, getEphemerals (prefix and answer) and the created
 * paths in multi results are not chrooted.
 * <p>
 * <h2>Threading</h2>
 * Two modes, as Aeron's client ({@link AerieClientContext#useConductorInvoker(boolean)}). Default: a conductor
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

    private static final byte[] NO_PASSWORD = new byte[0];

    private final Reads linearizableReads = new Reads(this, ReadMode.LINEARIZABLE);
    private final Reads localReads = new Reads(this, ReadMode.LOCAL);

    private AerieClient(final AerieClientContext ctx)
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
    public static AerieClient connect(final AerieClientContext ctx) throws AerieException
    {
        final AerieClient client = new AerieClient(ctx.conclude());
        try
        {
            client.conductor.connectCluster();
            client.openSession();
            if (ctx.useConductorInvoker())
            {
                client.threading.connected();
            }
            else
            {
                client.threading.start(
                    new ClientConductorAgent(client.conductor, client.commands, client.threading),
                    ctx.idleStrategySupplier().get(),
                    ctx.errorHandler());
            }
            return client;
        }
        catch (final io.aeron.security.AuthenticationException ex)
        {
            // The cluster's authenticator refused the credentials: malformed, or not Aerie's.
            client.conductor.closeResources();
            final AerieException failed = AerieException.create(ResultCode.AUTH_FAILED, null);
            failed.initCause(ex);
            throw failed;
        }
        catch (final AerieException | RuntimeException ex)
        {
            client.conductor.closeResources();
            throw ex;
        }
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
     * ({@link AerieClientContext#resumeSession(long, byte[])}), as a ZooKeeper client moves its session to another
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
     * This client's reads in one mode, whatever its own ({@link AerieClientContext#readMode}): the per-call choice.
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

    private void openSession() throws AerieException
    {
        final BlockingResult blocking = calls.arm();
        final long correlationId = conductor.nextCorrelationId();
        final long resumeId = ctx.resumeSessionId();
        final byte[] password = 0 == resumeId ? NO_PASSWORD : ctx.resumePassword();
        conductor.send(correlationId, encoder.connect(correlationId, ctx.sessionTimeoutMs(), resumeId, password, 0), blocking);
        calls.awaitAnswer(correlationId, blocking);
        if (ResultCode.OK != blocking.code)
        {
            throw AerieException.create(blocking.code, null);
        }
        conductor.changeState(SessionState.CONNECTED);
    }
}
