package io.aerie.engine.node;

import io.aerie.engine.node.NodeCounters.Metric;
import io.aerie.engine.service.ServiceCounterTypes;
import io.aeron.AeronCounters;
import io.aeron.cluster.ElectionState;
import io.aeron.exceptions.AeronException;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP endpoint over a counters buffer of this process (no node): paths, status codes, bodies, and that it is
 * gone once closed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetricsEndpointTest
{
    // A bound for a broken endpoint, not a timing: at load average 20 on 2 cores a loopback connect took over 5 s.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[8 * 1024]));
    private final CountingErrorHandler errorHandler = new CountingErrorHandler((throwable) -> {});
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private AtomicCounter electionState;
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start()
    {
        counters.newCounter("znodes", ServiceCounterTypes.ZNODES).set(12);
        counters.newCounter("watch events", ServiceCounterTypes.WATCH_EVENTS).set(40);
        electionState = counters.newCounter("election state", AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID);
        electionState.set(ElectionState.CLOSED.code());
        endpoint = MetricsEndpoint.start("127.0.0.1", 0, counters, errorHandler, 4);
    }

    @AfterEach
    void close()
    {
        endpoint.close();
    }

    @Test
    void shouldServeTheCountersAsPrometheusText() throws Exception
    {
        errorHandler.onError(new IllegalStateException("an error"));

        final HttpResponse<String> response = get("/metrics");

        assertAll(response.body(),
            () -> assertEquals(200, response.statusCode()),
            () -> assertEquals(MetricsEndpoint.PROMETHEUS_CONTENT_TYPE,
                response.headers().firstValue("Content-Type").orElse("")),
            () -> assertTrue(response.body().contains("\naerie_znodes{member=\"4\"} 12\n")),
            () -> assertTrue(response.body().contains("\naerie_watch_events_total{member=\"4\"} 40\n")),
            () -> assertTrue(response.body().contains("\naerie_node_errors_total{member=\"4\"} 1\n")),
            () -> assertTrue(response.body().contains("\naerie_node_warnings_total{member=\"4\"} 0\n")));
    }

    @Test
    void shouldAnswerImokWhenInATermWithALeader() throws Exception
    {
        final HttpResponse<String> response = get("/ruok");

        assertAll(response.body(),
            () -> assertEquals(200, response.statusCode()),
            () -> assertEquals("imok", response.body()));
    }

    @Test
    void shouldAnswerServiceUnavailableWithTheReasonDuringAnElection() throws Exception
    {
        electionState.set(ElectionState.CANVASS.code());

        final HttpResponse<String> response = get("/ruok");

        assertAll(response.body(),
            () -> assertEquals(503, response.statusCode()),
            () -> assertEquals("member is in an election (CANVASS), no leader yet\n", response.body()));
    }

    @Test
    void shouldAnswerNotFoundForAnyOtherPath() throws Exception
    {
        final HttpResponse<String> response = get("/status");

        assertAll(response.body(),
            () -> assertEquals(404, response.statusCode()),
            () -> assertTrue(response.body().contains("/metrics")));
    }

    @Test
    void shouldRefuseMethodsOtherThanGetAndHead() throws Exception
    {
        final HttpResponse<String> response = http.send(
            request("/metrics").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertAll(response.body(),
            () -> assertEquals(405, response.statusCode()),
            () -> assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse("")));
    }

    @Test
    void shouldRefuseConnectionsOnceClosed()
    {
        endpoint.close();

        final IOException ex = assertThrows(IOException.class, () -> get("/metrics"));
        assertTrue(ex instanceof ConnectException || ex.getCause() instanceof ConnectException, ex.toString());
    }

    @Test
    void shouldFailToStartOnAPortInUse()
    {
        final int port = endpoint.address().getPort();

        assertThrows(AeronException.class,
            () -> MetricsEndpoint.start("127.0.0.1", port, counters, errorHandler, 5));
    }

    @Test
    void shouldSayWhyNotOkWithoutConsensusModuleCounters()
    {
        assertEquals("member has no consensus module counters yet",
            MetricsEndpoint.notOkReason(NodeCounters.of(new Metric[0], new long[0])));
    }

    @Test
    void shouldBeOkInATermWithALeader()
    {
        assertNull(MetricsEndpoint.notOkReason(NodeCounters.of(
            new Metric[]{ Metric.ELECTION_STATE }, new long[]{ ElectionState.CLOSED.code() })));
    }

    private HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(final String path)
    {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path))
            .timeout(REQUEST_TIMEOUT);
    }
}
