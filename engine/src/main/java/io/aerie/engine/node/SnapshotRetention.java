package io.aerie.engine.node;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.status.RecordingPos;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.RecordingLog;
import io.aeron.exceptions.AeronException;
import io.aerie.engine.service.ServiceCounterTypes;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.TimeUnit;

import static io.aeron.archive.client.AeronArchive.NULL_POSITION;

/**
 * Keeps a node's disk bounded and shows its use: after each snapshot the node's consensus module takes (its
 * snapshot counter moves) and once at start, it deletes the snapshots older than the {@code retain} latest and
 * purges the archive's log segments below the oldest snapshot kept and below every member's log position
 * ({@link RetentionPlan}, {@link MemberLogPositions}). Every member runs its own: each snapshots and purges its own
 * archive. Between runs it refreshes the disk counters (archive bytes, snapshots kept, log since the latest
 * snapshot, log start, purge held back), which {@code aerie admin status} and {@code /metrics} show. Its client also
 * holds the node's count of in-process restarts, set once at start, and its error counts ({@link NodeErrorCounters}):
 * the only client of the node that the launching thread may allocate on (the consensus module's and the service
 * container's are driven by their agents, unlocked).
 * <p>
 * Runs on its own thread, off the service's deterministic path, with its own Aeron client driven from that thread
 * (conductor invoker): nothing here changes replicated state, and a failure is reported to the node's error
 * handler and tried again at the next snapshot.
 */
final class SnapshotRetention implements Agent
{
    private static final long STATUS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long HELD_RETRY_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long ARCHIVE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final AerieNode.Context ctx;
    private final ErrorHandler errorHandler;
    private final Aeron aeron;
    private final Aeron consensusModuleAeron;
    private final int snapshotCounterId;
    private final int electionStateCounterId;
    private final int commitPositionCounterId;
    private final MemberLogPositions memberLogPositions;
    private final Counter archiveBytes;
    private final Counter snapshotsKept;
    private final Counter logBytesSinceSnapshot;
    private final Counter logStartPosition;
    private final Counter purgeHeld;
    private final Counter selfRestarts;
    private long lastSnapshotCount = Long.MIN_VALUE;
    private long latestSnapshotPosition = NULL_POSITION;
    private long nextStatusNs;
    private boolean isPurgeHeld;
    private long heldRetryNs;

    private SnapshotRetention(
        final AerieNode.Context ctx,
        final ConsensusModule.Context cmCtx,
        final ErrorHandler errorHandler,
        final long selfRestartCount,
        final NodeErrorCounters errorCounters)
    {
        this.ctx = ctx;
        this.errorHandler = errorHandler;
        this.consensusModuleAeron = cmCtx.aeron();
        // The consensus module's counters are read by id through this agent's own Aeron client: the consensus
        // module's client may close (and unmap the CnC file) between any check here and a read through its mapping.
        this.snapshotCounterId = cmCtx.snapshotCounter().id();
        this.electionStateCounterId = cmCtx.electionStateCounter().id();
        this.commitPositionCounterId = cmCtx.commitPositionCounter().id();
        this.aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(ctx.storage().aeronDirectoryName())
            .useConductorAgentInvoker(true)
            .clientLock(NoOpLock.INSTANCE)
            .errorHandler(errorHandler)
            // Run before the client unmaps the driver's counters, also when the driver closes it on a timeout.
            .closeHandler(errorCounters::release)
            .clientName("aerie-retention-" + ctx.memberId()));
        try
        {
            this.archiveBytes = aeron.addCounter(ServiceCounterTypes.DISK_ARCHIVE_BYTES, "Aerie archive bytes");
            this.snapshotsKept = aeron.addCounter(ServiceCounterTypes.DISK_SNAPSHOTS, "Aerie snapshots kept");
            this.logBytesSinceSnapshot = aeron.addCounter(
                ServiceCounterTypes.DISK_LOG_BYTES_SINCE_SNAPSHOT, "Aerie log bytes since snapshot");
            this.logStartPosition = aeron.addCounter(ServiceCounterTypes.DISK_LOG_START_POSITION, "Aerie log start");
            this.purgeHeld = aeron.addCounter(ServiceCounterTypes.DISK_PURGE_HELD, "Aerie log purge held back");
            this.selfRestarts = aeron.addCounter(ServiceCounterTypes.NODE_SELF_RESTARTS, "Aerie node self-restarts");
            selfRestarts.setRelease(selfRestartCount);
            errorCounters.allocate(aeron);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(aeron);
            throw ex;
        }
        this.memberLogPositions = new MemberLogPositions(
            aeron,
            ClusterMembers.parse(ctx.transport().clusterMembers()),
            ClusterMembers.host(ctx.transport().thisMember().archiveEndpoint()),
            cmCtx.logStreamId(),
            ARCHIVE_TIMEOUT_NS);
    }

    /**
     * Start the retention thread of a launched node.
     *
     * @param ctx          the node's concluded context.
     * @param cmCtx        its running consensus module's context (snapshot, election and commit counters).
     * @param errorHandler the node's error handler.
     * @param selfRestarts times the node was launched again in this process before ({@code aerie_node_self_restarts}).
     * @param errorCounters the node's error counts, given their counters on this agent's client.
     * @return the runner, to be closed before the consensus module.
     */
    static AgentRunner start(
        final AerieNode.Context ctx,
        final ConsensusModule.Context cmCtx,
        final ErrorHandler errorHandler,
        final long selfRestarts,
        final NodeErrorCounters errorCounters)
    {
        // Its work blocks on files and archive queries: a close that outwaits it interrupts the thread, and the
        // interrupted read is the close, not an error of the node.
        final ErrorHandler unlessInterrupted = (throwable) ->
        {
            if (!Thread.currentThread().isInterrupted() && !isInterruption(throwable))
            {
                errorHandler.onError(throwable);
            }
        };
        final AgentRunner runner = new AgentRunner(
            new SleepingMillisIdleStrategy(100), unlessInterrupted, null,
            new SnapshotRetention(ctx, cmCtx, unlessInterrupted, selfRestarts, errorCounters));
        AgentRunner.startOnThread(runner);
        return runner;
    }

    static boolean isInterruption(final Throwable throwable)
    {
        for (Throwable cause = throwable; null != cause; cause = cause.getCause())
        {
            if (cause instanceof ClosedByInterruptException || cause instanceof InterruptedException)
            {
                return true;
            }
        }
        return false;
    }

    public int doWork()
    {
        // The counters read and written here live in the media driver's CnC file, mapped by this agent's own Aeron
        // client (its conductor runs on this thread, so it cannot close between this check and a read). A client
        // closed by a driver timeout unmaps it, and touching a counter after that is a SIGSEGV of the whole JVM,
        // not an exception: stop first; and stop with the node's consensus module.
        if (aeron.isClosed() || consensusModuleAeron.isClosed())
        {
            throw new AgentTerminationException("snapshot retention: an Aeron client of the node is closed");
        }
        int work = aeron.conductorAgentInvoker().invoke();
        final long nowNs = System.nanoTime();
        final long snapshots = aeron.countersReader().getCounterValue(snapshotCounterId);
        // The first run waits for the node to join a term: the consensus module has replayed its log by then. A
        // purge a member held back is tried again every few seconds, not only at the next snapshot.
        if ((snapshots != lastSnapshotCount || (isPurgeHeld && nowNs - heldRetryNs >= 0)) &&
            ElectionState.CLOSED.code() == aeron.countersReader().getCounterValue(electionStateCounterId))
        {
            lastSnapshotCount = snapshots;
            if (0 != ctx.storage().snapshotRetain())
            {
                purge();
            }
            refreshSnapshots();
            nextStatusNs = nowNs;
            work++;
        }

        if (nowNs - nextStatusNs >= 0)
        {
            nextStatusNs = nowNs + STATUS_INTERVAL_NS;
            refreshStatus();
            work++;
        }
        return work;
    }

    public void onClose()
    {
        CloseHelper.quietClose(aeron);
    }

    public String roleName()
    {
        return "aerie-retention-" + ctx.memberId();
    }

    private void purge()
    {
        final RetentionPlan plan;
        final long logRecordingId;
        try (RecordingLog recordingLog = new RecordingLog(ctx.storage().clusterDir(), false))
        {
            plan = RetentionPlan.of(recordingLog.entries(), ctx.storage().snapshotRetain());
            logRecordingId = recordingLog.findLastTermRecordingId();
        }

        try (AeronArchive archive = AeronArchive.connect(localArchive()))
        {
            purgeLog(archive, plan, logRecordingId);
            // Invalid first, deleted second: a restart never finds a valid entry whose recording is gone.
            RecordingLogInvalidator.invalidate(
                ctx.storage().clusterDir(), plan.expiredSnapshots(), ctx.storage().durability().fileSyncLevel());
            for (final RecordingLog.Entry entry : plan.expiredSnapshots())
            {
                archive.purgeRecording(entry.recordingId);
            }
        }
        catch (final IOException ex)
        {
            errorHandler.onError(new UncheckedIOException("snapshot retention: cannot update recording.log", ex));
        }
        catch (final AeronException ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void purgeLog(final AeronArchive archive, final RetentionPlan plan, final long logRecordingId)
    {
        if (RecordingPos.NULL_RECORDING_ID == logRecordingId)
        {
            return;
        }

        final long[] descriptor = new long[3];
        archive.listRecording(logRecordingId,
            (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
            stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId,
            strippedChannel, originalChannel, sourceIdentity) ->
            {
                descriptor[0] = startPosition;
                descriptor[1] = termBufferLength;
                descriptor[2] = segmentFileLength;
            });

        final long floor = memberLogPositions.floor();
        final boolean isHeld = NULL_POSITION == floor ||
            (NULL_POSITION != plan.oldestKeptPosition() && floor < plan.oldestKeptPosition());
        purgeHeld.setRelease(isHeld ? 1 : 0);
        isPurgeHeld = isHeld;
        heldRetryNs = System.nanoTime() + HELD_RETRY_NS;

        final long newStart = plan.purgePosition(
            floor, descriptor[0], (int)descriptor[1], (int)descriptor[2], ctx.storage().snapshotRetain());
        if (NULL_POSITION != newStart)
        {
            archive.purgeSegments(logRecordingId, newStart);
        }
        logStartPosition.setRelease(NULL_POSITION != newStart ? newStart : descriptor[0]);
    }

    private void refreshStatus()
    {
        final File[] files = ctx.storage().archiveDir().listFiles();
        long bytes = 0;
        if (null != files)
        {
            for (final File file : files)
            {
                bytes += file.length();
            }
        }
        archiveBytes.setRelease(bytes);

        final long commitPosition = aeron.countersReader().getCounterValue(commitPositionCounterId);
        final long since = NULL_POSITION == latestSnapshotPosition ? commitPosition : commitPosition - latestSnapshotPosition;
        logBytesSinceSnapshot.setRelease(Math.max(0, since));
    }

    private void refreshSnapshots()
    {
        try (RecordingLog recordingLog = new RecordingLog(ctx.storage().clusterDir(), false))
        {
            final RetentionPlan plan = RetentionPlan.of(recordingLog.entries(), 0);
            snapshotsKept.setRelease(plan.snapshotsKept());
            latestSnapshotPosition = plan.latestSnapshotPosition();
        }
    }

    private AeronArchive.Context localArchive()
    {
        return new AeronArchive.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .controlRequestChannel(NodeComponents.LOCAL_ARCHIVE_CONTROL_CHANNEL)
            .controlResponseChannel(NodeComponents.LOCAL_ARCHIVE_CONTROL_CHANNEL)
            .messageTimeoutNs(ARCHIVE_TIMEOUT_NS);
    }
}
