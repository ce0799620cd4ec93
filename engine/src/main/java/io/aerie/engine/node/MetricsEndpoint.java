package io.aerie.engine.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aeron.cluster.ElectionState;
import io.aeron.exceptions.AeronException;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A node's small HTTP endpoint, on the JDK's {@code com.sun.net.httpserver} with one daemon thread:
 * <ul>
 *     <li>{@code GET /metrics}: the node's counters ({@link NodeCounters}) and its error handler's counts in the
 *     Prometheus text format;</li>
 *     <li>{@code GET /ruok}: {@code imok} (200) when the node is in a term with a leader, else 503 and the
 *     reason;</li>
 *     <li>anything else: 404; a method other than GET or HEAD: 405.</li>
 * </ul>
 * Each request reads the media driver's counters afresh on the endpoint's thread. The node closes the endpoint
 * before anything else, so the counters stay mapped while a request can still read them.
 */
final class MetricsEndpoint implements AutoCloseable
{
    static final String METRICS_PATH = "/metrics";
    static final String RUOK_PATH = "/ruok";
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";

    private static final long CLOSE_TIMEOUT_MS = 5_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountersReader counters;
    private final CountingErrorHandler errorHandler;
    private final int memberId;
    private volatile boolean isClosed;

    private MetricsEndpoint(
        final HttpServer server,
        final CountersReader counters,
        final CountingErrorHandler errorHandler,
        final int memberId)
    {
        this.server = server;
        this.counters = counters;
        this.errorHandler = errorHandler;
        this.memberId = memberId;
        // One daemon thread: scrapes are rare and small, and a forgotten endpoint must not keep the JVM alive.
        this.executor = Executors.newSingleThreadExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "aerie-metrics-" + memberId);
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /**
     * Bind and start serving.
     *
     * @param host         the address to bind, such as {@code 127.0.0.1}; not null.
     * @param port         the TCP port; 0 for one the system picks (see {@link #address()}).
     * @param counters     the media driver's counters; must stay mapped until {@link #close()} returns.
     * @param errorHandler the node's error handler, for its error and warning counts.
     * @param memberId     the node's member id, labels every sample.
     * @return the running endpoint, to be closed by the caller.
     * @throws AeronException if the host does not resolve or the port cannot be bound.
     */
    static MetricsEndpoint start(
        final String host,
        final int port,
        final CountersReader counters,
        final CountingErrorHandler errorHandler,
        final int memberId)
    {
        final InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved())
        {
            throw new AeronException("metrics host " + host + " cannot be resolved");
        }

        final HttpServer server;
        try
        {
            server = HttpServer.create(address, 0);
        }
        catch (final IOException ex)
        {
            throw new AeronException("cannot serve metrics on " + host + ":" + port + ": " + ex.getMessage(), ex);
        }

        final MetricsEndpoint endpoint = new MetricsEndpoint(server, counters, errorHandler, memberId);
        server.start();

        return endpoint;
    }

    /**
     * @return the bound address, with the actual port.
     */
    InetSocketAddress address()
    {
        return server.getAddress();
    }

    /**
     * Stop accepting, then wait up to 5 s for a request in progress to finish. Idempotent; call from the
     * thread that closes the node.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            server.stop(0);
            executor.shutdown();
            try
            {
                if (!executor.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                {
                    executor.shutdownNow();
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The body of {@code GET /metrics}.
     *
     * @param counters     the node's counters.
     * @param errorCount   errors reported to the node's error handler since launch.
     * @param warningCount warnings reported to it since launch.
     * @param memberId     the {@code member} label.
     * @return Prometheus text, one HELP, TYPE and sample per metric.
     */
    static String prometheusText(
        final NodeCounters counters, final long errorCount, final long warningCount, final int memberId)
    {
        final StringBuilder out = new StringBuilder(4096);
        counters.appendPrometheus(out, memberId);
        if (!counters.has(NodeCounters.Metric.NODE_ERRORS))
        {
            // Their counters are not allocated yet, or gone: the handler's own counts, under the same names.
            final NodeCounters.Metric errors = NodeCounters.Metric.NODE_ERRORS;
            final NodeCounters.Metric warnings = NodeCounters.Metric.NODE_WARNINGS;
            PrometheusText.appendSample(
                out, errors.prometheusName(), "counter", errors.help(), errorCount, memberId);
            PrometheusText.appendSample(
                out, warnings.prometheusName(), "counter", warnings.help(), warningCount, memberId);
        }

        return out.toString();
    }

    /**
     * Why {@code /ruok} is not ok.
     *
     * @param counters the node's counters.
     * @return null when the node is in a term with a leader (election closed), else the reason.
     */
    static String notOkReason(final NodeCounters counters)
    {
        final ElectionState electionState = counters.electionState();
        if (null == electionState)
        {
            return "member has no consensus module counters yet";
        }
        if (ElectionState.CLOSED != electionState)
        {
            return "member is in an election (" + electionState + "), no leader yet";
        }

        return null;
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try
        {
            final String method = exchange.getRequestMethod();
            final String path = exchange.getRequestURI().getPath();
            final boolean isHead = "HEAD".equals(method);

            if (!"GET".equals(method) && !isHead)
            {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, TEXT_CONTENT_TYPE, "method not allowed\n", false);
            }
            else if (isClosed)
            {
                // The node is closing: its counters may be unmapped any moment, so they are not read.
                respond(exchange, 503, TEXT_CONTENT_TYPE, "node is closing\n", isHead);
            }
            else if (METRICS_PATH.equals(path))
            {
                final String text = prometheusText(
                    NodeCounters.read(counters), errorHandler.errorCount(), errorHandler.warningCount(), memberId);
                respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, text, isHead);
            }
            else if (RUOK_PATH.equals(path))
            {
                final String reason = notOkReason(NodeCounters.read(counters));
                // As ZooKeeper's ruok: "imok" with no newline.
                respond(exchange, null == reason ? 200 : 503, TEXT_CONTENT_TYPE,
                    null == reason ? "imok" : reason + "\n", isHead);
            }
            else
            {
                respond(exchange, 404, TEXT_CONTENT_TYPE, "not found: try " + METRICS_PATH + " or " + RUOK_PATH + "\n",
                    isHead);
            }
        }
        finally
        {
            exchange.close();
        }
    }

    private static void respond(
        final HttpExchange exchange,
        final int status,
        final String contentType,
        final String body,
        final boolean isHead) throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (isHead)
        {
            exchange.sendResponseHeaders(status, -1);
            return;
        }

        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }
}
