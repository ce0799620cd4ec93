package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;
import org.agrona.SystemUtil;

/**
 * Sizes and limits of a node: concurrent client sessions, term length, largest message and archive segment length.
 * {@link Configuration} names the {@code aerie.node.*} properties and defaults (sizes take units: {@code 16m});
 * {@link Context} holds one node's values, checked together by {@link Context#conclude()}. Composed by
 * {@link AerieNode.Context#limits()}.
 */
public final class NodeLimits
{
    private NodeLimits()
    {
    }

    /**
     * Property names and defaults of a node's sizes and limits, each readable from an {@code aerie.node.*} system
     * property.
     */
    public static final class Configuration
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

        private Configuration()
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

    /**
     * One node's sizes and limits. Fluent setters, same-named getters; not thread-safe: configure, then launch.
     */
    public static final class Context
    {
        private int maxSessions = Configuration.maxSessions();
        private int termLength = Configuration.termLength();
        private int maxMessageLength = Configuration.maxMessageLength();
        private int archiveSegmentLength = Configuration.archiveSegmentLength();

        /**
         * Check that a message fits a term, a term fits an archive segment and at least one session is allowed.
         * Called by {@link AerieNode.Context#conclude()}.
         *
         * @return this.
         * @throws ConfigurationException if the term length is not a power of two in 64k..1g, the largest message
         *                                does not fit the term (termLength / 8), the segment is not a power of two
         *                                between the term length and 1g, or no session is allowed.
         */
        public Context conclude()
        {
            NodeSettingsChecks.checkLengths(termLength, maxMessageLength, archiveSegmentLength);
            if (maxSessions < 1)
            {
                throw new ConfigurationException("maxSessions=" + maxSessions + " must be at least 1");
            }
            return this;
        }

        /**
         * @param maxSessions maximum concurrent Aeron client sessions.
         * @return this.
         * @see Configuration#MAX_SESSIONS_PROP_NAME
         */
        public Context maxSessions(final int maxSessions)
        {
            this.maxSessions = maxSessions;
            return this;
        }

        /** @return maximum concurrent Aeron client sessions. */
        public int maxSessions()
        {
            return maxSessions;
        }

        /**
         * @param termLength term length in bytes of log, egress, IPC and advertised ingress; a power of two.
         * @return this.
         * @see Configuration#TERM_LENGTH_PROP_NAME
         */
        public Context termLength(final int termLength)
        {
            this.termLength = termLength;
            return this;
        }

        /** @return the term length in bytes. */
        public int termLength()
        {
            return termLength;
        }

        /**
         * @param maxMessageLength the largest message the node must carry, at most a term length / 8.
         * @return this.
         * @see Configuration#MAX_MESSAGE_LENGTH_PROP_NAME
         */
        public Context maxMessageLength(final int maxMessageLength)
        {
            this.maxMessageLength = maxMessageLength;
            return this;
        }

        /** @return the largest message length in bytes. */
        public int maxMessageLength()
        {
            return maxMessageLength;
        }

        /**
         * @param archiveSegmentLength archive segment file length; a power of two, at least the term length.
         * @return this.
         * @see Configuration#ARCHIVE_SEGMENT_LENGTH_PROP_NAME
         */
        public Context archiveSegmentLength(final int archiveSegmentLength)
        {
            this.archiveSegmentLength = archiveSegmentLength;
            return this;
        }

        /** @return the archive segment file length in bytes. */
        public int archiveSegmentLength()
        {
            return archiveSegmentLength;
        }

        /**
         * {@inheritDoc}
         */
        public String toString()
        {
            return "maxSessions=" + maxSessions +
                ", termLength=" + termLength +
                ", maxMessageLength=" + maxMessageLength +
                ", archiveSegmentLength=" + archiveSegmentLength;
        }
    }
}
