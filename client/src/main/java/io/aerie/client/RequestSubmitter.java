package io.aerie.client;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatcherType;
import org.agrona.concurrent.IdleStrategy;

/**
 * How a call on {@link AerieClient} reaches the conductor, in either threading mode ({@link ClientThreading}): on the
 * thread that owns the conductor the encoded request is sent (or queued) at once; from any other thread it is handed
 * over through a lock-free queue ({@link ConductorCommands}). Also how a blocking call waits for its answer. Each
 * application thread keeps its own encoder and blocking result ({@link Caller}). Nothing is allocated per call in
 * steady state (but the path kept for a watch).
 */
final class RequestSubmitter
{
    private final AerieClient.Context ctx;
    private final RequestEncoder encoder;
    private final ClientConductor conductor;
    private final ClientThreading threading;
    private final ConductorCommands commands;
    private final ThreadLocal<Caller> callers;

    /**
     * What one application thread keeps to call the client: its encoder (default mode, off the conductor thread),
     * the result its blocking calls wait on, and how it waits.
     */
    static final class Caller
    {
        final RequestEncoder encoder;
        final IdleStrategy idleStrategy;
        BlockingResult blocking = new BlockingResult();

        Caller(final RequestEncoder encoder, final IdleStrategy idleStrategy)
        {
            this.encoder = encoder;
            this.idleStrategy = idleStrategy;
        }
    }

    RequestSubmitter(
        final AerieClient.Context ctx,
        final RequestEncoder encoder,
        final ClientConductor conductor,
        final ClientThreading threading,
        final ConductorCommands commands)
    {
        this.ctx = ctx;
        this.encoder = encoder;
        this.conductor = conductor;
        this.threading = threading;
        this.commands = commands;
        this.callers = ThreadLocal.withInitial(this::newCaller);
    }

    private Caller newCaller()
    {
        return new Caller(new RequestEncoder(ctx.connection().chrootPath()), ctx.agents().awaitIdleStrategySupplier().get());
    }

    /**
     * @param direct what {@link ClientThreading#isDirect()} said for this call.
     * @return the encoder this call writes its request with: the conductor's when direct, else the thread's own.
     */
    RequestEncoder encoder(final boolean direct)
    {
        return direct ? encoder : callers.get().encoder;
    }

    /**
     * Send a request, or hand it to the conductor.
     *
     * @param readMode how a read that leaves no watch is served; null for the client's {@link ReadMode}.
     * @return the correlation id.
     */
    long submit(
        final boolean direct,
        final long correlationId,
        final int length,
        final RequestEncoder requestEncoder,
        final ResponseHandler handler,
        final ReadMode readMode)
    {
        if (direct)
        {
            try
            {
                return conductor.send(correlationId, requestEncoder.buffer(), length, handler, readMode);
            }
            finally
            {
                threading.exit(true);
            }
        }
        hand(commands.acquire().request(correlationId, requestEncoder.buffer(), length, handler).readMode(readMode));
        return correlationId;
    }

    /**
     * Send a request that may set a watch: the watch is expected before the request goes, registered by its answer.
     *
     * @param kind       a {@link PathWatches} kind.
     * @param onNoNode   true for exists: a NO_NODE answer sets the watch too.
     * @param watcher    null for no watch.
     * @param pathChroot the chroot the path is behind ({@link Chroot#NONE} for getConfig).
     * @param readMode   as {@link #submit}; a read with a watcher goes through the log whatever it says.
     * @return the correlation id.
     */
    long submitWatch(
        final boolean direct,
        final long correlationId,
        final int length,
        final RequestEncoder requestEncoder,
        final ResponseHandler handler,
        final int kind,
        final boolean onNoNode,
        final CharSequence path,
        final Watcher watcher,
        final Chroot pathChroot,
        final ReadMode readMode)
    {
        if (direct)
        {
            try
            {
                conductor.watches().expect(correlationId, kind, onNoNode, path, watcher, pathChroot);
                return conductor.send(correlationId, requestEncoder.buffer(), length, handler, readMode);
            }
            finally
            {
                threading.exit(true);
            }
        }
        final RequestCommand command = commands.acquire()
            .request(correlationId, requestEncoder.buffer(), length, handler)
            .readMode(readMode);
        command.watch(kind, onNoNode, path, watcher, pathChroot);
        hand(command);
        return correlationId;
    }

    /**
     * Send a removeWatches request: the removal is expected before it goes, done by its answer.
     *
     * @param watcher null to remove every watcher of the type on the path, else only this one.
     * @return the correlation id.
     */
    long submitRemoval(
        final boolean direct,
        final long correlationId,
        final int length,
        final RequestEncoder requestEncoder,
        final ResponseHandler handler,
        final CharSequence path,
        final WatcherType type,
        final boolean local,
        final Watcher watcher)
    {
        if (direct)
        {
            try
            {
                if (null != watcher)
                {
                    return conductor.removeWatcher(
                        correlationId, requestEncoder.buffer(), length, handler, path, type, local, watcher);
                }
                conductor.watches().expectRemoval(correlationId, path, type, local);
                return conductor.send(correlationId, requestEncoder.buffer(), length, handler, null);
            }
            finally
            {
                threading.exit(true);
            }
        }
        final RequestCommand command = commands.acquire().request(correlationId, requestEncoder.buffer(), length, handler);
        command.removal(path, type, local);
        command.removeWatcher = watcher;
        hand(command);
        return correlationId;
    }

    /**
     * Give up a request whose blocking caller stopped waiting: its answer, if it comes, is dropped.
     */
    void abandon(final boolean direct, final long correlationId)
    {
        if (direct)
        {
            conductor.abandon(correlationId);
        }
        else
        {
            hand(commands.acquire().abandon(correlationId));
        }
    }

    /**
     * @return the calling thread's blocking result, ready for a new request.
     */
    BlockingResult arm()
    {
        final BlockingResult blocking = callers.get().blocking;
        blocking.arm();
        return blocking;
    }

    /**
     * Wait for the answer, then throw its error if it has one.
     *
     * @param path named by the exception, or null.
     * @throws AerieException the answer's error, or OPERATION_TIMEOUT.
     */
    void await(final long correlationId, final BlockingResult blocking, final String path) throws AerieException
    {
        awaitAnswer(correlationId, blocking);
        throwIfError(blocking, path);
    }

    static void throwIfError(final BlockingResult blocking, final String path) throws AerieException
    {
        if (ResultCode.OK != blocking.code)
        {
            throw AerieException.create(blocking.code, path);
        }
    }

    /**
     * Wait for the answer to a request made with {@code blocking} as its handler: the owner of the conductor polls
     * it meanwhile; any other thread parks with its idle strategy while the conductor thread works.
     *
     * @throws AerieException OPERATION_TIMEOUT if no answer came within the request timeout; the request is then
     *                        abandoned.
     */
    void awaitAnswer(final long correlationId, final BlockingResult blocking) throws AerieException
    {
        if (threading.isDirect())
        {
            try
            {
                conductor.await(correlationId, blocking);
            }
            finally
            {
                threading.exit(true);
            }
            return;
        }
        final Caller caller = callers.get();
        final IdleStrategy idleStrategy = caller.idleStrategy;
        final long deadlineNs = System.nanoTime() + ctx.requests().requestTimeoutNs();
        idleStrategy.reset();
        while (!blocking.done)
        {
            if (System.nanoTime() > deadlineNs)
            {
                abandon(false, correlationId);
                // A late answer may still be written into the abandoned result: the next call gets a fresh one.
                caller.blocking = new BlockingResult();
                throw AerieException.create(ResultCode.OPERATION_TIMEOUT, null);
            }
            idleStrategy.idle();
        }
    }

    private void hand(final RequestCommand command)
    {
        if (threading.isClosed())
        {
            throw new IllegalStateException("the client is closed");
        }
        commands.submit(command, callers.get().idleStrategy, threading);
    }
}
