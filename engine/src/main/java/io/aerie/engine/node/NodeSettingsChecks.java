package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;
import io.aeron.logbuffer.FrameDescriptor;
import org.agrona.BitUtil;

import java.util.concurrent.TimeUnit;

/**
 * The invariants {@link AerieNode.Context#conclude()} checks between a node's timing and length settings, each
 * failing with a {@link ConfigurationException} that names the settings and why they do not fit. Stateless.
 */
final class NodeSettingsChecks
{
    private static final int MAX_LENGTH = 1024 * 1024 * 1024;

    private NodeSettingsChecks()
    {
    }

    /**
     * The least default startup canvass, 2 s: members of a cluster started together (a JVM each, 0.6-1.8 s to be
     * ready, longer on a loaded machine) should find each other and elect once, not elect with the first two and
     * have the third catch up, however short the heartbeat timeout.
     */
    static final long MIN_DEFAULT_STARTUP_CANVASS_NS = TimeUnit.SECONDS.toNanos(2);

    /**
     * Check the consensus timeouts against each other.
     *
     * @param startupCanvassTimeoutNs as configured; 0 for the default, twice the leader heartbeat timeout but at least
     *                                {@link #MIN_DEFAULT_STARTUP_CANVASS_NS}.
     * @return the startup canvass timeout to use.
     * @throws ConfigurationException if the heartbeat interval is not below its timeout, a timeout is not positive,
     *                                or the startup canvass is shorter than two heartbeat timeouts (Aeron needs it).
     */
    static long startupCanvassTimeoutNs(
        final long leaderHeartbeatIntervalNs,
        final long leaderHeartbeatTimeoutNs,
        final long electionTimeoutNs,
        final long startupCanvassTimeoutNs,
        final long sessionTimeoutNs)
    {
        if (leaderHeartbeatIntervalNs <= 0 || leaderHeartbeatTimeoutNs <= leaderHeartbeatIntervalNs)
        {
            throw new ConfigurationException(
                "need 0 < leaderHeartbeatIntervalNs=" + leaderHeartbeatIntervalNs +
                " < leaderHeartbeatTimeoutNs=" + leaderHeartbeatTimeoutNs);
        }
        if (electionTimeoutNs <= 0)
        {
            throw new ConfigurationException("electionTimeoutNs=" + electionTimeoutNs + " must be > 0");
        }
        final long canvassNs = 0 == startupCanvassTimeoutNs ?
            Math.max(2 * leaderHeartbeatTimeoutNs, MIN_DEFAULT_STARTUP_CANVASS_NS) : startupCanvassTimeoutNs;
        if (canvassNs < 2 * leaderHeartbeatTimeoutNs)
        {
            throw new ConfigurationException(
                "startupCanvassTimeoutNs=" + canvassNs +
                " must be at least twice leaderHeartbeatTimeoutNs=" + leaderHeartbeatTimeoutNs);
        }
        if (sessionTimeoutNs <= 0)
        {
            throw new ConfigurationException("sessionTimeoutNs=" + sessionTimeoutNs + " must be > 0");
        }
        return canvassNs;
    }

    /**
     * Check that a message fits a term and a term fits an archive segment.
     *
     * @throws ConfigurationException if the term length is not a power of two in 64k..1g, the largest message does
     *                                not fit the term (Aeron: termLength / 8), or the segment is not a power of two
     *                                between the term length and 1g.
     */
    static void checkLengths(final int termLength, final int maxMessageLength, final int archiveSegmentLength)
    {
        if (!BitUtil.isPowerOfTwo(termLength) || termLength < 64 * 1024 || termLength > MAX_LENGTH)
        {
            throw new ConfigurationException("termLength=" + termLength + " must be a power of two in 64k..1g");
        }

        final int maxForTerm = FrameDescriptor.computeMaxMessageLength(termLength);
        if (maxMessageLength <= 0 || maxMessageLength > maxForTerm)
        {
            throw new ConfigurationException(
                "maxMessageLength=" + maxMessageLength + " does not fit termLength=" + termLength +
                " (largest message " + maxForTerm + " = termLength / 8)");
        }

        if (!BitUtil.isPowerOfTwo(archiveSegmentLength) || archiveSegmentLength < termLength ||
            archiveSegmentLength > MAX_LENGTH)
        {
            throw new ConfigurationException(
                "archiveSegmentLength=" + archiveSegmentLength +
                " must be a power of two, at least termLength=" + termLength + " and at most 1g");
        }
    }

    /**
     * Check the HTTP metrics endpoint's settings.
     *
     * @throws ConfigurationException if the port is not 0 or a TCP port, or a port is given without a host.
     */
    static void checkMetrics(final int metricsPort, final String metricsHost)
    {
        if (metricsPort < 0 || metricsPort > 65535)
        {
            throw new ConfigurationException("metricsPort=" + metricsPort + " must be 0 (disabled) or a TCP port");
        }
        if (0 != metricsPort && (null == metricsHost || metricsHost.isBlank()))
        {
            throw new ConfigurationException("metricsHost is required when metricsPort=" + metricsPort);
        }
    }
}
