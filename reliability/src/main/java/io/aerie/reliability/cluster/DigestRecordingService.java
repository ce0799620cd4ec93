package io.aerie.reliability.cluster;

import io.aerie.engine.service.AerieClusteredService;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * The Aerie service, unchanged, plus a window for the suite: each time this replica applies a DigestRequest (any
 * client's {@code digest()}), it writes {@code <count> <zxid> <digest>} to {@link #DIGEST_FILE_PROP_NAME}, from its
 * background work, off the log's path. So the suite compares every node's own digest at one log position, which the
 * client's {@code digest()} (the leader's answer) cannot show. Run by a node with
 * {@code aerie.node.service.class=io.aerie.reliability.cluster.DigestRecordingService}.
 */
public final class DigestRecordingService implements ClusteredService
{
    /** Where to write the last digest taken. */
    public static final String DIGEST_FILE_PROP_NAME = "aerie.reliability.digest.file";

    private final AerieClusteredService service = new AerieClusteredService();
    private final Path file = Path.of(System.getProperty(DIGEST_FILE_PROP_NAME, "digest.txt"));
    private long written;

    /**
     * A service configured from {@code aerie.*} system properties, as {@link AerieClusteredService}'s.
     */
    public DigestRecordingService()
    {
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        service.onStart(cluster, snapshotImage);
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        service.onSessionOpen(session, timestamp);
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        service.onSessionClose(session, timestamp, closeReason);
    }

    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        service.onSessionMessage(session, timestamp, buffer, offset, length, header);
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        service.onTimerEvent(correlationId, timestamp);
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        service.onTakeSnapshot(snapshotPublication);
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        service.onRoleChange(newRole);
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        service.onTerminate(cluster);
    }

    @Override
    public void onNewLeadershipTermEvent(
        final long leadershipTermId,
        final long logPosition,
        final long timestamp,
        final long termBaseLogPosition,
        final int leaderMemberId,
        final int logSessionId,
        final TimeUnit timeUnit,
        final int appVersion)
    {
        service.onNewLeadershipTermEvent(
            leadershipTermId, logPosition, timestamp, termBaseLogPosition, leaderMemberId, logSessionId, timeUnit,
            appVersion);
    }

    @Override
    public int doBackgroundWork(final long nowNs)
    {
        final int work = service.doBackgroundWork(nowNs);
        final long taken = service.digestsTaken();
        if (taken != written)
        {
            written = taken;
            write(taken + " " + service.lastDigestZxid() + " " + service.lastDigest());
            return work + 1;
        }
        return work;
    }

    private void write(final String line)
    {
        try
        {
            final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, line, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
