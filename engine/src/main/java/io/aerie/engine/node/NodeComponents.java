package io.aerie.engine.node;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aerie.engine.service.ServiceCounterTypes;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The Aeron contexts of one node, made from a concluded {@link AerieNode.Context}: media driver, archive,
 * consensus module and service container, all sharing the node's error handler, idle strategy supplier, agent
 * thread factory (which sets the profile's timer slack) and term length.
 */
final class NodeComponents
{
    /**
     * Control channel between the consensus module / service container and the local archive.
     */
    static final String LOCAL_ARCHIVE_CONTROL_CHANNEL = "aeron:ipc?term-length=64k";

    /**
     * Member to member consensus messages are small: a small term keeps memory down.
     */
    static final String CONSENSUS_CHANNEL = "aeron:udp?term-length=64k";

    private final AerieNode.Context ctx;
    private final ErrorHandler errorHandler;
    private final Supplier<IdleStrategy> idleStrategySupplier;
    private final String host;
    private final String replicationChannel;
    private final boolean isShared;
    private final IngressGuard ingressGuard;
    private final Runnable terminationHook;
    private final ThreadFactory threadFactory;

    NodeComponents(final AerieNode.Context ctx, final ErrorHandler errorHandler, final Runnable terminationHook)
    {
        this(ctx, errorHandler, terminationHook, new NodeErrorCounters());
    }

    NodeComponents(
        final AerieNode.Context ctx,
        final ErrorHandler errorHandler,
        final Runnable terminationHook,
        final NodeErrorCounters errorCounters)
    {
        this.terminationHook = terminationHook;
        this.ctx = ctx;
        this.errorHandler = errorHandler;
        this.idleStrategySupplier = ctx.agents().idleStrategySupplier();
        final ClusterMember member = ctx.transport().thisMember();
        this.host = ClusterMembers.host(member.archiveEndpoint());
        this.replicationChannel = "aeron:udp?endpoint=" + ClusterMembers.replicationEndpoint(member);
        this.isShared = NodeAgents.ThreadingMode.SHARED == ctx.agents().threadingMode();
        final long timerSlackNs = ctx.agents().profile().timerSlackNs();
        this.threadFactory = timerSlackNs > 0 ? TimerSlack.threadFactory(timerSlackNs) : Thread::new;
        this.ingressGuard = new IngressGuard(
            ClusterMembers.port(member.ingressEndpoint()), AeronCluster.Configuration.ingressStreamId(), errorHandler,
            errorCounters.paddedIngressFrames);
    }

    /**
     * The guard in front of the consensus module's ingress decoder, installed in the media driver.
     *
     * @return the guard, with its count of padded-out frames.
     */
    IngressGuard ingressGuard()
    {
        return ingressGuard;
    }

    MediaDriver.Context driverContext()
    {
        final MediaDriver.Context driver = new MediaDriver.Context()
            .aeronDirectoryName(ctx.storage().aeronDirectoryName())
            .threadingMode(isShared ? ThreadingMode.SHARED : ThreadingMode.DEDICATED)
            .termBufferSparseFile(true)
            // Egress to clients and IPC (snapshots, replays) default to the node's term length: big enough for
            // the largest message, and sparse so only touched pages cost memory.
            .publicationTermBufferLength(ctx.limits().termLength())
            .ipcTermBufferLength(ctx.limits().termLength())
            .dirDeleteOnStart(ctx.storage().deleteDirsOnStart())
            .dirDeleteOnShutdown(true)
            .receiveChannelEndpointSupplier(ingressGuard)
            .errorHandler(errorHandler);

        if (isShared)
        {
            driver.sharedIdleStrategy(idleStrategySupplier.get()).sharedThreadFactory(threadFactory);
        }
        else
        {
            driver
                .conductorThreadFactory(threadFactory)
                .senderThreadFactory(threadFactory)
                .receiverThreadFactory(threadFactory)
                .conductorIdleStrategy(idleStrategySupplier.get())
                .senderIdleStrategy(idleStrategySupplier.get())
                .receiverIdleStrategy(idleStrategySupplier.get());
        }

        return driver;
    }

    Archive.Context archiveContext()
    {
        // The archive is a client of the leader's archive when it replicates log or snapshots.
        final AeronArchive.Context replicationClient = new AeronArchive.Context()
            .controlResponseChannel("aeron:udp?endpoint=" + host + ":0")
            .errorHandler(errorHandler);

        return new Archive.Context()
            .aeronDirectoryName(ctx.storage().aeronDirectoryName())
            .archiveDir(ctx.storage().archiveDir())
            .controlChannel("aeron:udp?endpoint=" + ctx.transport().thisMember().archiveEndpoint())
            .localControlChannel(LOCAL_ARCHIVE_CONTROL_CHANNEL)
            .replicationChannel(replicationChannel)
            .archiveClientContext(replicationClient)
            .recordingEventsEnabled(false)
            .segmentFileLength(ctx.limits().archiveSegmentLength())
            .fileSyncLevel(ctx.storage().durability().fileSyncLevel())
            .catalogFileSyncLevel(ctx.storage().durability().fileSyncLevel())
            .threadingMode(archiveThreadingMode())
            .idleStrategySupplier(idleStrategySupplier)
            .threadFactory(threadFactory)
            .recorderThreadFactory(threadFactory)
            .replayerThreadFactory(threadFactory)
            .recorderIdleStrategySupplier(idleStrategySupplier)
            .replayerIdleStrategySupplier(idleStrategySupplier)
            .deleteArchiveOnStart(ctx.storage().deleteDirsOnStart())
            .errorHandler(errorHandler);
    }

    /**
     * The archive shares one thread (with its Aeron client's keepalive) only when nothing it does can block: with
     * durability the recorder forces each write to disk, and an {@code fdatasync} stalled for longer than the client
     * liveness timeout (seen: 7 s on a shared disk) made the archive's client close itself, the consensus module lose
     * its archive and the node stop. Dedicated, only the recorder waits on the disk, at the cost of two more agents.
     *
     * @return the archive's threading for this node's threading and durability.
     */
    ArchiveThreadingMode archiveThreadingMode()
    {
        return isShared && Durability.NONE == ctx.storage().durability() ?
            ArchiveThreadingMode.SHARED : ArchiveThreadingMode.DEDICATED;
    }

    ConsensusModule.Context consensusModuleContext()
    {
        final String termLengthParam = "term-length=" + ctx.limits().termLength();

        final ConsensusModule.Context consensusModule = new ConsensusModule.Context();
        // Made by the consensus module once its Aeron client is connected: the counter is allocated on it.
        consensusModule.authenticatorSupplier(() -> new AerieAuthenticator(consensusModule.aeron().addCounter(
            ServiceCounterTypes.AUTH_REJECTED, "Aerie connects rejected by the authenticator")));

        final StallAbsorbingClusterClock clock = new StallAbsorbingClusterClock(
            SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE, StallAbsorbingClusterClock.STALL_THRESHOLD_NS,
            ctx.timing().stallAbsorbMaxNs());
        // Applied once, by the consensus module agent's constructor, before its thread starts.
        consensusModule.clusterTimeConsumerSupplier(cm ->
        {
            clock.counters(
                cm.aeron().addCounter(ServiceCounterTypes.CONSENSUS_STALLS, "Aerie consensus module stalls absorbed"),
                cm.aeron().addCounter(
                    ServiceCounterTypes.CONSENSUS_LONGEST_STALL_NS, "Aerie consensus module longest stall ns"));
            return timestamp -> clock.onDutyCycleEnd();
        });

        return consensusModule
            .clusterClock(clock)
            .aeronDirectoryName(ctx.storage().aeronDirectoryName())
            .clusterMemberId(ctx.memberId())
            .clusterMembers(ctx.transport().clusterMembers())
            .ingressStreamId(ingressGuard.ingressStreamId())
            .clusterDir(ctx.storage().clusterDir())
            .ingressChannel("aeron:udp?" + termLengthParam)
            .logChannel("aeron:udp?" + termLengthParam)
            .consensusChannel(CONSENSUS_CHANNEL)
            .replicationChannel(replicationChannel)
            .archiveContext(localArchiveClient())
            .serviceCount(1)
            .fileSyncLevel(ctx.storage().durability().fileSyncLevel())
            .leaderHeartbeatTimeoutNs(ctx.timing().leaderHeartbeatTimeoutNs())
            .leaderHeartbeatIntervalNs(ctx.timing().leaderHeartbeatIntervalNs())
            .electionTimeoutNs(ctx.timing().electionTimeoutNs())
            .startupCanvassTimeoutNs(ctx.timing().startupCanvassTimeoutNs())
            .sessionTimeoutNs(ctx.timing().sessionTimeoutNs())
            .maxConcurrentSessions(ctx.limits().maxSessions())
            .idleStrategySupplier(idleStrategySupplier)
            .threadFactory(threadFactory)
            .deleteDirOnStart(ctx.storage().deleteDirsOnStart())
            .terminationHook(terminationHook)
            .errorHandler(errorHandler);
    }

    ClusteredServiceContainer.Context serviceContainerContext()
    {
        return new ClusteredServiceContainer.Context()
            .aeronDirectoryName(ctx.storage().aeronDirectoryName())
            .clusterDir(ctx.storage().clusterDir())
            .archiveContext(localArchiveClient())
            .clusteredService(ctx.service().clusteredService())
            .idleStrategySupplier(idleStrategySupplier)
            .threadFactory(threadFactory)
            .terminationHook(terminationHook)
            .errorHandler(errorHandler);
    }

    private AeronArchive.Context localArchiveClient()
    {
        return new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .aeronDirectoryName(ctx.storage().aeronDirectoryName())
            .controlRequestChannel(LOCAL_ARCHIVE_CONTROL_CHANNEL)
            .controlResponseChannel(LOCAL_ARCHIVE_CONTROL_CHANNEL)
            .errorHandler(errorHandler);
    }
}
