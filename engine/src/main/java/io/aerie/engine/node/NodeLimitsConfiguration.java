package io.aerie.engine.node;

import org.agrona.SystemUtil;

/**
 * Sizes and limits of a node, each readable from an {@code aerie.node.*} system property: concurrent client sessions,
 * term length, largest message and archive segment length (sizes take units: {@code 16m}). Checked together by
 * {@link AerieNodeContext#conclude()}.
 */
public final class NodeLimitsConfiguration
{
    /**
     * Maximum concurrent Aeron client sessions ({@code aeron.cluster.max.sessions}, Aeron's default is 10).
     */
    public static final String MAX_SESSIONS_PROP_NAME = "aerie.node.max.sessions";

    /**
     * Default maximum concurrent sessions.
     */
    public static final int MAX_SESSIONS_DEFAULT = 1024;

    /**
     * Term length of the log, ingress (as advertised to clients), egress, IPC and snapshot publications
     * (size: 16m...). The largest message is a term length / 8.
     */
    public static final String TERM_LENGTH_PROP_NAME = "aerie.node.term.length";

    /**
     * Default term length: 16 MiB, so messages up to 2 MiB (a 1 MiB znode plus headers) fit.
     */
    public static final int TERM_LENGTH_DEFAULT = 16 * 1024 * 1024;

    /**
     * The largest message the node must carry; validated against the term length.
     */
    public static final String MAX_MESSAGE_LENGTH_PROP_NAME = "aerie.node.max.message.length";

    /**
     * Default largest message: 1 MiB of znode data plus 64 KiB for the request, path and ACLs.
     */
    public static final int MAX_MESSAGE_LENGTH_DEFAULT = 1024 * 1024 + 64 * 1024;

    /**
     * Archive segment file length; a power of two and at least the term length.
     */
    public static final String ARCHIVE_SEGMENT_LENGTH_PROP_NAME = "aerie.node.archive.segment.length";

    /**
     * Default archive segment file length.
     */
    public static final int ARCHIVE_SEGMENT_LENGTH_DEFAULT = 128 * 1024 * 1024;

    private NodeLimitsConfiguration()
    {
    }

    /**
     * @return {@link #MAX_SESSIONS_PROP_NAME} or its default.
     */
    public static int maxSessions()
    {
        return Integer.getInteger(MAX_SESSIONS_PROP_NAME, MAX_SESSIONS_DEFAULT);
    }

    /**
     * @return {@link #TERM_LENGTH_PROP_NAME} in bytes or its default.
     */
    public static int termLength()
    {
        return SystemUtil.getSizeAsInt(TERM_LENGTH_PROP_NAME, TERM_LENGTH_DEFAULT);
    }

    /**
     * @return {@link #MAX_MESSAGE_LENGTH_PROP_NAME} in bytes or its default.
     */
    public static int maxMessageLength()
    {
        return SystemUtil.getSizeAsInt(MAX_MESSAGE_LENGTH_PROP_NAME, MAX_MESSAGE_LENGTH_DEFAULT);
    }

    /**
     * @return {@link #ARCHIVE_SEGMENT_LENGTH_PROP_NAME} in bytes or its default.
     */
    public static int archiveSegmentLength()
    {
        return SystemUtil.getSizeAsInt(ARCHIVE_SEGMENT_LENGTH_PROP_NAME, ARCHIVE_SEGMENT_LENGTH_DEFAULT);
    }
}
