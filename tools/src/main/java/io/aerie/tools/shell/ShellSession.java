package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.SessionState;
import io.aerie.tools.cli.Failures;
import io.aeron.exceptions.TimeoutException;
import org.agrona.CloseHelper;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the shell's commands work with: the {@link AerieClient} (connected on first use, replaced by
 * {@code connect}, closed by {@code close}), the output writers, the watcher, the history, the settings, and
 * whether {@code quit} was asked. Confined to the client thread ({@link ClientAgent}), except {@link #stateLabel()}, which
 * the prompt reads from the reader thread.
 */
final class ShellSession
{
    private final ShellSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final EventPrinter watcher;
    private final ShellHistory history = new ShellHistory();
    private volatile ConnectString connectString;
    private AerieClient client;
    private boolean isClosedByUser;
    private boolean isQuitRequested;
    private volatile String stateLabel = "NOT CONNECTED";

    /**
     * @param settings           connect string and timeouts.
     * @param out                where command results go.
     * @param err                where errors go.
     * @param eventSink          where the text of a watch event goes (see {@link EventPrinter}).
     * @param printSessionEvents whether session state changes are printed as events too (interactive use).
     */
    ShellSession(
        final ShellSettings settings,
        final PrintWriter out,
        final PrintWriter err,
        final Consumer<String> eventSink,
        final boolean printSessionEvents)
    {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.connectString = settings.connectString();
        this.watcher = new EventPrinter(eventSink, this::onSessionState, printSessionEvents);
    }

    /**
     * The connected client: connects to the current connect string on first use, but not after {@code close}.
     *
     * @return the client.
     * @throws ShellFailure if not connected after {@code close}, or the cluster cannot be reached.
     */
    AerieClient client()
    {
        if (null == client)
        {
            if (isClosedByUser)
            {
                throw new ShellFailure("Not connected (closed): use connect [host:port,...]");
            }
            connect(connectString);
        }
        else
        {
            // A session that ended cannot answer: say so now, as zkCli, rather than after the request timeout.
            final SessionState state = client.state();
            if (SessionState.EXPIRED == state || SessionState.CLOSED == state || SessionState.AUTH_FAILED == state)
            {
                throw new ShellFailure("Not connected (session " + state.name().toLowerCase(Locale.ROOT) +
                    "): use connect [host:port,...]");
            }
        }

        return client;
    }

    /**
     * Close the current session, if any, and open one on the given cluster.
     *
     * @throws ShellFailure if the cluster cannot be reached within the timeout or refuses the session.
     */
    void connect(final ConnectString target)
    {
        closeClient();
        connectString = target;
        isClosedByUser = false;
        final AerieClient.Context ctx = new AerieClient.Context();
        ctx.agents().useConductorInvoker(true);
        ctx.connection()
            .ingressEndpoints(target.ingressEndpoints())
            .chroot(target.chroot());
        ctx.requests().requestTimeoutNs(TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs()));
        ctx.defaultWatcher(watcher);
        if (null != settings.digestAuth())
        {
            ctx.session().authInfo("digest", settings.digestAuth().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (settings.sessionTimeoutMs() > 0)
        {
            ctx.session().sessionTimeoutMs(settings.sessionTimeoutMs());
        }
        final String egressChannel = target.egressChannel();
        if (null != egressChannel)
        {
            ctx.connection().egressChannel(egressChannel);
        }

        stateLabel = "CONNECTING";
        try
        {
            client = AerieClient.connect(ctx);
            stateLabel = SessionState.CONNECTED.name();
        }
        catch (final AerieException ex)
        {
            stateLabel = "NOT CONNECTED";
            throw new ShellFailure("Unable to connect to " + target + ": " + ErrorText.of(ex, settings.timeoutMs()));
        }
        catch (final TimeoutException ex)
        {
            stateLabel = "NOT CONNECTED";
            throw new ShellFailure("Unable to connect to " + target + ": no answer within " + settings.timeoutMs() +
                " ms (is the cluster running? see --timeout-ms)", ex);
        }
        catch (final RuntimeException ex)
        {
            stateLabel = "NOT CONNECTED";
            throw new ShellFailure("Unable to connect to " + target + ": " + Failures.describe(ex), ex);
        }
    }

    /**
     * {@code close}: end the session (its ephemerals go); later commands fail until {@code connect}.
     */
    void closeByUser()
    {
        closeClient();
        isClosedByUser = true;
        stateLabel = SessionState.CLOSED.name();
    }

    /**
     * Let the client do its work between commands: answers, watch events, keepalives.
     *
     * @return work done, for the idle strategy.
     */
    int poll()
    {
        if (null == client)
        {
            return 0;
        }

        try
        {
            return client.poll();
        }
        catch (final RuntimeException ex)
        {
            err.println("Connection failed: " + Failures.describe(ex));
            err.flush();
            CloseHelper.quietClose(client);
            client = null;
            stateLabel = "NOT CONNECTED";
            return 1;
        }
    }

    /**
     * Children of a node for completion: only with a client already connected, and nothing on any error.
     */
    List<String> childrenForCompletion(final String path)
    {
        if (null == client)
        {
            return Collections.emptyList();
        }

        try
        {
            return client.getChildren(path);
        }
        catch (final AerieException | RuntimeException ex)
        {
            return Collections.emptyList();
        }
    }

    /**
     * Close the client, if connected, at the end of the shell.
     */
    void closeClient()
    {
        if (null != client)
        {
            final AerieClient closing = client;
            client = null;
            CloseHelper.quietClose(closing);
        }
    }

    ShellHistory history()
    {
        return history;
    }

    EventPrinter watcher()
    {
        return watcher;
    }

    PrintWriter out()
    {
        return out;
    }

    PrintWriter err()
    {
        return err;
    }

    long timeoutMs()
    {
        return settings.timeoutMs();
    }

    ConnectString connectString()
    {
        return connectString;
    }

    void requestQuit()
    {
        isQuitRequested = true;
    }

    boolean isQuitRequested()
    {
        return isQuitRequested;
    }

    /**
     * @return {@code host:port,...(STATE)} for the prompt; any thread.
     */
    String stateLabel()
    {
        return connectString + "(" + stateLabel + ")";
    }

    private void onSessionState(final SessionState state)
    {
        stateLabel = state.name().toUpperCase(Locale.ROOT);
    }
}
