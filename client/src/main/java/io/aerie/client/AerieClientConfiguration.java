package io.aerie.client;

import java.util.concurrent.TimeUnit;

/**
 * The client's {@code aerie.client.*} properties: names ({@code *_PROP_NAME}), defaults ({@code *_DEFAULT}) and
 * readers of the system properties, which {@link AerieClientContext} takes its defaults from.
 */
public final class AerieClientConfiguration
{
    /**
     * Cluster members' ingress endpoints, "0=host:port,1=host:port,...", optionally followed by a chroot as in
     * ZooKeeper's connect string: "0=host:port,1=host:port/app".
     */
    public static final String INGRESS_ENDPOINTS_PROP_NAME = "aerie.client.ingress.endpoints";
    /** Ingress channel; the term length must fit the largest request (1 MiB data: 16 MiB terms). */
    public static final String INGRESS_CHANNEL_PROP_NAME = "aerie.client.ingress.channel";
    /** Default for {@link #INGRESS_CHANNEL_PROP_NAME}. */
    public static final String INGRESS_CHANNEL_DEFAULT = "aeron:udp?term-length=16m|sparse=true";
    /** Egress channel the cluster answers on. */
    public static final String EGRESS_CHANNEL_PROP_NAME = "aerie.client.egress.channel";
    /** Default for {@link #EGRESS_CHANNEL_PROP_NAME}. */
    public static final String EGRESS_CHANNEL_DEFAULT = "aeron:udp?endpoint=localhost:0|term-length=16m";
    /** Requested session timeout, ms (the cluster clamps it to its bounds). */
    public static final String SESSION_TIMEOUT_PROP_NAME = "aerie.client.session.timeout.ms";
    /** Default for {@link #SESSION_TIMEOUT_PROP_NAME}. */
    public static final int SESSION_TIMEOUT_DEFAULT = 10_000;
    /** How long a blocking call or a connect waits, ns. */
    public static final String REQUEST_TIMEOUT_PROP_NAME = "aerie.client.request.timeout.ns";
    /** Default for {@link #REQUEST_TIMEOUT_PROP_NAME}: 10 s. */
    public static final long REQUEST_TIMEOUT_DEFAULT = TimeUnit.SECONDS.toNanos(10);
    /**
     * Most requests in flight (sent, not answered); more wait in order and go out from poll(). Keep it at most
     * the cluster's {@code aerie.session.remembered.writes}, so every write resent after a failover gets its
     * original answer.
     */
    public static final String MAX_IN_FLIGHT_PROP_NAME = "aerie.client.max.in.flight";
    /** Default for {@link #MAX_IN_FLIGHT_PROP_NAME}: the cluster's default remembered writes. */
    public static final int MAX_IN_FLIGHT_DEFAULT = 16;
    /**
     * Most requests pending (in flight and waiting their turn behind {@link #MAX_IN_FLIGHT_PROP_NAME}); an
     * asynchronous request made past it is not sent and is answered TOO_MANY_REQUESTS at the next poll.
     */
    public static final String MAX_PENDING_PROP_NAME = "aerie.client.max.pending";
    /** Default for {@link #MAX_PENDING_PROP_NAME}. */
    public static final int MAX_PENDING_DEFAULT = 4096;
    /**
     * Digest credentials presented at connect, {@code user:password}, as ZooKeeper's
     * {@code addAuthInfo("digest", ...)}; unset for none.
     */
    public static final String DIGEST_AUTH_PROP_NAME = "aerie.client.auth.digest";
    /**
     * Directory of an external media driver to connect through (shared with the application and other clients);
     * unset, the client embeds its own driver. See {@link AerieClientContext#aeronDirectoryName(String)}.
     */
    public static final String AERON_DIRECTORY_PROP_NAME = "aerie.client.aeron.dir";
    /** Directory of the embedded media driver, when there is one. See {@link AerieClientContext#embeddedAeronDirectoryName(String)}. */
    public static final String EMBEDDED_AERON_DIRECTORY_PROP_NAME = "aerie.client.embedded.aeron.dir";
    /** How long a media driver may be silent before it counts as dead, ms. See {@link AerieClientContext#driverTimeoutMs(long)}. */
    public static final String DRIVER_TIMEOUT_PROP_NAME = "aerie.client.driver.timeout.ms";
    /** Default for {@link #DRIVER_TIMEOUT_PROP_NAME}: Aeron's {@code aeron.driver.timeout}, 10 s unless set. */
    public static final long DRIVER_TIMEOUT_DEFAULT = io.aeron.CommonContext.DRIVER_TIMEOUT_MS;
    /**
     * True for invoker mode: no conductor thread, one application thread drives the client with
     * {@link AerieClient#poll()}; false (the default) runs a conductor thread.
     */
    public static final String USE_CONDUCTOR_INVOKER_PROP_NAME = "aerie.client.use.conductor.invoker";

    /** How reads without a watch are served: {@link ReadMode} name; see README "Reads". */
    public static final String READ_MODE_PROP_NAME = "aerie.client.read.mode";
    /**
     * Members' read endpoints for {@link ReadMode#LOCAL}, "0=host:port,1=host:port,..."; unset: each member's
     * ingress host and ingress port + 7, the node's default ({@code aerie.node.read.endpoint}).
     */
    public static final String READ_ENDPOINTS_PROP_NAME = "aerie.client.read.endpoints";
    /** Member to read from first in {@link ReadMode#LOCAL}; unset (-1): a node on this host, else any, round robin. */
    public static final String READ_MEMBER_PROP_NAME = "aerie.client.read.member";
    /** How long a local read waits for its node before it is sent to another (and the node counts as down), ms. */
    public static final String READ_TIMEOUT_PROP_NAME = "aerie.client.read.timeout.ms";
    /** Default for {@link #READ_TIMEOUT_PROP_NAME}. */
    public static final long READ_TIMEOUT_DEFAULT = 1000;
    /**
     * Whether {@link ReadMode#LOCAL} reads from a node on this host go through that node's own media driver over
     * {@code aeron:ipc} when it offers it (true, the default), or always over UDP (false).
     */
    public static final String READ_IPC_PROP_NAME = "aerie.client.read.ipc";

    private AerieClientConfiguration()
    {
    }

    /** @return {@link #READ_MODE_PROP_NAME} or {@link ReadMode#LINEARIZABLE}. */
    public static ReadMode readMode()
    {
        return ReadMode.valueOf(System.getProperty(READ_MODE_PROP_NAME, ReadMode.LINEARIZABLE.name()));
    }

    /** @return {@link #READ_ENDPOINTS_PROP_NAME}, or null for the members' ingress hosts and ports + 7. */
    public static String readEndpoints()
    {
        return System.getProperty(READ_ENDPOINTS_PROP_NAME);
    }

    /** @return {@link #READ_MEMBER_PROP_NAME}, or -1 for a node on this host, else any. */
    public static int readMember()
    {
        return Integer.getInteger(READ_MEMBER_PROP_NAME, -1);
    }

    /** @return {@link #READ_IPC_PROP_NAME}, true unless set to false. */
    public static boolean readIpc()
    {
        return Boolean.parseBoolean(System.getProperty(READ_IPC_PROP_NAME, "true"));
    }

    /** @return {@link #READ_TIMEOUT_PROP_NAME} or its default, in ns. */
    public static long readTimeoutNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(Long.getLong(READ_TIMEOUT_PROP_NAME, READ_TIMEOUT_DEFAULT));
    }

    /** @return {@link #INGRESS_ENDPOINTS_PROP_NAME}, or null. */
    public static String ingressEndpoints()
    {
        return System.getProperty(INGRESS_ENDPOINTS_PROP_NAME);
    }

    /** @return {@link #INGRESS_CHANNEL_PROP_NAME} or its default. */
    public static String ingressChannel()
    {
        return System.getProperty(INGRESS_CHANNEL_PROP_NAME, INGRESS_CHANNEL_DEFAULT);
    }

    /** @return {@link #EGRESS_CHANNEL_PROP_NAME} or its default. */
    public static String egressChannel()
    {
        return System.getProperty(EGRESS_CHANNEL_PROP_NAME, EGRESS_CHANNEL_DEFAULT);
    }

    /** @return {@link #SESSION_TIMEOUT_PROP_NAME} or its default, ms. */
    public static int sessionTimeoutMs()
    {
        return Integer.getInteger(SESSION_TIMEOUT_PROP_NAME, SESSION_TIMEOUT_DEFAULT);
    }

    /** @return {@link #REQUEST_TIMEOUT_PROP_NAME} or its default, ns. */
    public static long requestTimeoutNs()
    {
        return Long.getLong(REQUEST_TIMEOUT_PROP_NAME, REQUEST_TIMEOUT_DEFAULT);
    }

    /** @return {@link #AERON_DIRECTORY_PROP_NAME}, or null to embed a driver. */
    public static String aeronDirectoryName()
    {
        return System.getProperty(AERON_DIRECTORY_PROP_NAME);
    }

    /** @return {@link #EMBEDDED_AERON_DIRECTORY_PROP_NAME}, or null for a new one per client. */
    public static String embeddedAeronDirectoryName()
    {
        return System.getProperty(EMBEDDED_AERON_DIRECTORY_PROP_NAME);
    }

    /** @return {@link #DRIVER_TIMEOUT_PROP_NAME} or its default, ms. */
    public static long driverTimeoutMs()
    {
        return Long.getLong(DRIVER_TIMEOUT_PROP_NAME, DRIVER_TIMEOUT_DEFAULT);
    }

    /** @return {@link #MAX_IN_FLIGHT_PROP_NAME} or its default. */
    public static int maxInFlight()
    {
        return Integer.getInteger(MAX_IN_FLIGHT_PROP_NAME, MAX_IN_FLIGHT_DEFAULT);
    }

    /** @return {@link #MAX_PENDING_PROP_NAME} or its default. */
    public static int maxPending()
    {
        return Integer.getInteger(MAX_PENDING_PROP_NAME, MAX_PENDING_DEFAULT);
    }

    /** @return {@link #DIGEST_AUTH_PROP_NAME}, or null for none. */
    public static String digestAuth()
    {
        return System.getProperty(DIGEST_AUTH_PROP_NAME);
    }

    /** @return {@link #USE_CONDUCTOR_INVOKER_PROP_NAME}, false unless {@code true}. */
    public static boolean useConductorInvoker()
    {
        return Boolean.getBoolean(USE_CONDUCTOR_INVOKER_PROP_NAME);
    }
}
