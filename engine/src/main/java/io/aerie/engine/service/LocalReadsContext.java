package io.aerie.engine.service;

import java.util.concurrent.TimeUnit;

/**
 * Configuration of a node's local read path (docs/local-reads.md): where the service listens for reads beside the
 * log, how many it holds while it catches up with a client, and for how long. Defaults from {@code aerie.read.*}
 * system properties; the node sets {@link #channel} from its member's read endpoint ({@code aerie.node.read.*}).
 */
public final class LocalReadsContext
{
    /** Aeron channel the service subscribes to for local reads; unset: no local reads on this node. */
    public static final String CHANNEL_PROP_NAME = "aerie.read.channel";
    /** Stream id of the read channel, and of the answers a client subscribes to by default. */
    public static final String STREAM_ID_PROP_NAME = "aerie.read.stream.id";
    /** Default for {@link #STREAM_ID_PROP_NAME}. */
    public static final int STREAM_ID_DEFAULT = 1300;
    /** Most reads a node holds while it catches up; one more is refused THROTTLED. */
    public static final String MAX_HELD_PROP_NAME = "aerie.read.max.held";
    /** Default for {@link #MAX_HELD_PROP_NAME}. */
    public static final int MAX_HELD_DEFAULT = 1024;
    /** How long a read is held before it is answered REQUEST_TIMEOUT (the client then asks another node), ms. */
    public static final String HOLD_TIMEOUT_PROP_NAME = "aerie.read.hold.timeout.ms";
    /** Default for {@link #HOLD_TIMEOUT_PROP_NAME}. */
    public static final long HOLD_TIMEOUT_DEFAULT = 2000;
    /** Most client read connections a node keeps open; a ReadOpenRequest beyond it is refused unanswered. */
    public static final String MAX_CONNECTIONS_PROP_NAME = "aerie.read.max.connections";
    /** Default for {@link #MAX_CONNECTIONS_PROP_NAME}. */
    public static final int MAX_CONNECTIONS_DEFAULT = 1024;
    /** How long a read connection may stay unconnected (opening, or its client gone) before it is closed, ms. */
    public static final String CONNECT_TIMEOUT_PROP_NAME = "aerie.read.connect.timeout.ms";
    /** Default for {@link #CONNECT_TIMEOUT_PROP_NAME}. */
    public static final long CONNECT_TIMEOUT_DEFAULT = 5000;

    /**
     * Whether the node also takes local reads over {@code aeron:ipc} on its own media driver, offered to clients on
     * its host (docs/local-reads.md); true by default.
     */
    public static final String IPC_PROP_NAME = "aerie.read.ipc";

    private String channel = System.getProperty(CHANNEL_PROP_NAME);
    private boolean ipc = Boolean.parseBoolean(System.getProperty(IPC_PROP_NAME, "true"));
    private int streamId = Integer.getInteger(STREAM_ID_PROP_NAME, STREAM_ID_DEFAULT);
    private int maxHeld = Integer.getInteger(MAX_HELD_PROP_NAME, MAX_HELD_DEFAULT);
    private long holdTimeoutMs = Long.getLong(HOLD_TIMEOUT_PROP_NAME, HOLD_TIMEOUT_DEFAULT);
    private int maxConnections = Integer.getInteger(MAX_CONNECTIONS_PROP_NAME, MAX_CONNECTIONS_DEFAULT);
    private long connectTimeoutMs = Long.getLong(CONNECT_TIMEOUT_PROP_NAME, CONNECT_TIMEOUT_DEFAULT);
    private ReadReplies replies;

    /**
     * Check invariants once.
     *
     * @return this.
     * @throws IllegalArgumentException on a value out of range.
     */
    public LocalReadsContext conclude()
    {
        if (maxHeld < 1 || maxConnections < 1 || holdTimeoutMs < 1 || connectTimeoutMs < 1)
        {
            throw new IllegalArgumentException("local reads need maxHeld, maxConnections, holdTimeoutMs and " +
                "connectTimeoutMs >= 1: " + maxHeld + ", " + maxConnections + ", " + holdTimeoutMs + ", " +
                connectTimeoutMs);
        }
        return this;
    }

    /** @return the read channel, or null for no local reads. */
    public String channel()
    {
        return channel;
    }

    /** @param channel the Aeron channel to take local reads on, null for none. @return this. */
    public LocalReadsContext channel(final String channel)
    {
        this.channel = channel;
        return this;
    }

    /** @return true if clients on this host are offered reads over IPC. */
    public boolean ipc()
    {
        return ipc;
    }

    /** @param ipc whether clients on this host are offered reads over IPC (with a read channel set). @return this. */
    public LocalReadsContext ipc(final boolean ipc)
    {
        this.ipc = ipc;
        return this;
    }

    /** @return stream id of the read channel. */
    public int streamId()
    {
        return streamId;
    }

    /** @param streamId stream id of the read channel. @return this. */
    public LocalReadsContext streamId(final int streamId)
    {
        this.streamId = streamId;
        return this;
    }

    /** @return most reads held at once. */
    public int maxHeld()
    {
        return maxHeld;
    }

    /** @param maxHeld most reads held at once. @return this. */
    public LocalReadsContext maxHeld(final int maxHeld)
    {
        this.maxHeld = maxHeld;
        return this;
    }

    /** @return how long a read is held, ms. */
    public long holdTimeoutMs()
    {
        return holdTimeoutMs;
    }

    /** @param holdTimeoutMs how long a read is held before REQUEST_TIMEOUT, ms. @return this. */
    public LocalReadsContext holdTimeoutMs(final long holdTimeoutMs)
    {
        this.holdTimeoutMs = holdTimeoutMs;
        return this;
    }

    /** @return most read connections open at once. */
    public int maxConnections()
    {
        return maxConnections;
    }

    /** @param maxConnections most read connections open at once. @return this. */
    public LocalReadsContext maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /** @return how long a read connection may stay unconnected, ms. */
    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /** @param connectTimeoutMs how long a read connection may stay unconnected, ms. @return this. */
    public LocalReadsContext connectTimeoutMs(final long connectTimeoutMs)
    {
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    long holdTimeoutNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(holdTimeoutMs);
    }

    long connectTimeoutNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
    }

    /** Tests answer through their own channels; null: the service's Aeron client. */
    ReadReplies replies()
    {
        return replies;
    }

    LocalReadsContext replies(final ReadReplies replies)
    {
        this.replies = replies;
        return this;
    }
}
