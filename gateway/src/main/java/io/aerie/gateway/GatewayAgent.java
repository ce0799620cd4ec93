package io.aerie.gateway;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import io.aeron.Aeron;
import io.aeron.exceptions.TimeoutException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway's one thread of work: it owns every connection's state and every session's Aerie client. Netty's
 * threads hand it packets and connection events through a queue; it serves them, polls each open session's
 * client (answers, watch events, keepalives, leader changes: all in the client's poll), flushes what it wrote, and
 * ends sessions whose ZooKeeper client stayed silent past their timeout. Opening and closing a session blocks
 * (Aeron Cluster's connect, the close's answer), so those run on the session executor and come back as commands.
 */
final class GatewayAgent implements Agent
{
    private static final int COMMAND_LIMIT = 256;
    private static final long SILENCE_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ManyToOneConcurrentLinkedQueue<Runnable> commands = new ManyToOneConcurrentLinkedQueue<>();
    private final ArrayList<ZkConnection> connections = new ArrayList<>();
    private final ZooKeeperGateway.Context ctx;
    private final Aeron aeron;
    private final ExecutorService sessionExecutor;
    private final GatewayCounters counters;
    private final ZkRequests requests;
    private final ErrorHandler errorHandler;
    private long nextSilenceCheckNs;
    private volatile Thread thread;

    GatewayAgent(
        final ZooKeeperGateway.Context ctx,
        final Aeron aeron,
        final ExecutorService sessionExecutor,
        final GatewayCounters counters)
    {
        this.ctx = ctx;
        this.aeron = aeron;
        this.sessionExecutor = sessionExecutor;
        this.counters = counters;
        this.requests = new ZkRequests(counters);
        this.errorHandler = ctx.errorHandler();
    }

    public String roleName()
    {
        return "aerie-zookeeper-gateway";
    }

    /**
     * From any thread: run {@code command} on the agent's thread.
     */
    void enqueue(final Runnable command)
    {
        commands.offer(command);
        final Thread agentThread = thread;
        if (null != agentThread && Thread.currentThread() != agentThread)
        {
            // A parked agent would see the command only at the end of its park (up to 100 µs): wake it now.
            LockSupport.unpark(agentThread);
        }
    }

    public void onStart()
    {
        if (ctx.isWakeOnPacket())
        {
            thread = Thread.currentThread();
        }
    }

    GatewayCounters counters()
    {
        return counters;
    }

    /**
     * Answer a four-letter word on its connection and close it: figures from the counters while the gateway's Aeron
     * client is open, else ZooKeeper's answer of a server that is not serving. Agent thread only.
     *
     * @param channel the connection that sent the word.
     * @param word    the word.
     * @param enabled the words this gateway answers.
     * @param clients remote addresses of the other open connections, for {@code stat}.
     */
    void answerFourLetterWord(
        final Channel channel, final String word, final Set<String> enabled, final Collection<String> clients)
    {
        final String answer;
        if (aeron.isClosed())
        {
            answer = FourLetterWords.notServing(word, enabled);
        }
        else
        {
            counters.fourLetterWords.increment();
            answer = FourLetterWords.answer(word, enabled, counters, clients,
                NodeFigures.read(aeron.countersReader(), members()));
        }
        channel.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.US_ASCII))
            .addListener(ChannelFutureListener.CLOSE);
    }

    private int members()
    {
        final String endpoints = ctx.client().connection().ingressEndpoints();
        return null == endpoints || endpoints.isBlank() ? 1 : endpoints.split(",").length;
    }

    /**
     * Count a connection Netty closed on a protocol error (a packet over the limit, a reset). Agent thread only.
     */
    void onProtocolError()
    {
        if (!aeron.isClosed())
        {
            counters.protocolErrors.increment();
        }
    }

    ZkRequests requests()
    {
        return requests;
    }

    void onOpen(final ZkConnection connection)
    {
        connections.add(connection);
        counters.connections.increment();
    }

    void onClosed(final ZkConnection connection)
    {
        if (connections.remove(connection))
        {
            counters.connections.decrement();
        }
        connection.onInactive();
    }

    public int doWork()
    {
        int work = 0;
        Runnable command;
        while (work < COMMAND_LIMIT && null != (command = commands.poll()))
        {
            run(command);
            work++;
        }
        for (int i = 0, n = connections.size(); i < n; i++)
        {
            final ZkConnection connection = connections.get(i);
            if (ZkConnection.State.OPEN == connection.state())
            {
                try
                {
                    work += connection.client().poll();
                }
                catch (final RuntimeException ex)
                {
                    errorHandler.onError(ex);
                    connection.channel.close();
                }
            }
            work += connection.flush();
        }
        final long nowNs = System.nanoTime();
        if (nowNs - nextSilenceCheckNs >= 0)
        {
            nextSilenceCheckNs = nowNs + SILENCE_CHECK_INTERVAL_NS;
            for (int i = 0, n = connections.size(); i < n; i++)
            {
                final ZkConnection connection = connections.get(i);
                if (connection.isSilentSince(nowNs))
                {
                    connection.expireSilent();
                }
            }
        }
        return work;
    }

    /**
     * Open (or resume) the connection's Aerie session off this thread; the outcome comes back as a command.
     */
    void connect(final ZkConnection connection, final ZkRequests.Connect request)
    {
        final AerieClient.Context clientContext = ctx.clientContext(request.timeoutMs());
        if (0 != request.sessionId())
        {
            clientContext.session().resumeSession(request.sessionId(), request.password());
        }
        final SharedAeronTransport transport = new SharedAeronTransport(aeron, clientContext);
        clientContext.connection().clusterTransport(transport);
        clientContext.sessionListener(connection);
        submit(() ->
        {
            try
            {
                final AerieClient client = AerieClient.connect(clientContext);
                (0 == request.sessionId() ? counters.sessionsOpened : counters.sessionsResumed).increment();
                enqueue(() -> connection.onConnected(client, transport, request.sentReadOnly()));
            }
            catch (final AerieException ex)
            {
                counters.connectsRefused.increment();
                final boolean expired = ResultCode.SESSION_EXPIRED == ex.code();
                enqueue(() -> connection.onConnectFailed(expired));
            }
            catch (final TimeoutException ex)
            {
                // No leader answered in time (an election under way): counted, not an error; the ZooKeeper client
                // connects again, as to a ZooKeeper server that is not serving yet.
                counters.connectsRefused.increment();
                enqueue(() -> connection.onConnectFailed(false));
            }
            catch (final RuntimeException ex)
            {
                // The cluster could not be reached: the ZooKeeper client connects again.
                counters.connectsRefused.increment();
                errorHandler.onError(ex);
                enqueue(() -> connection.onConnectFailed(false));
            }
        });
    }

    /**
     * Stop serving a session whose connection ended, without closing the session: it lives until its timeout.
     */
    void detach(final AerieClient client, final SharedAeronTransport transport)
    {
        transport.detach();
        submit(client::close);
    }

    /**
     * Close the connection's Aerie session (its ephemerals go at once), then answer {@code xid} (-1: no answer).
     */
    void closeSession(final ZkConnection connection, final AerieClient client, final int xid)
    {
        submit(() ->
        {
            try
            {
                client.close();
            }
            finally
            {
                enqueue(() -> connection.onSessionClosed(xid));
            }
        });
    }

    public void onClose()
    {
        Runnable command;
        while (null != (command = commands.poll()))
        {
            run(command);
        }
        for (final ZkConnection connection : connections)
        {
            connection.channel.close();
            if (ZkConnection.State.OPEN == connection.state())
            {
                // A gateway that stops leaves its sessions to their timeouts: clients resume them elsewhere.
                connection.onInactive();
            }
        }
        connections.clear();
    }

    private void submit(final Runnable task)
    {
        try
        {
            sessionExecutor.execute(task);
        }
        catch (final RejectedExecutionException ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void run(final Runnable command)
    {
        try
        {
            command.run();
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }
}
