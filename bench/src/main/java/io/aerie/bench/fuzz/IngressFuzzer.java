package io.aerie.bench.fuzz;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.codecs.SessionMessageHeaderDecoder;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.model.SessionCredentials;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fuzzes a running one-node cluster at both layers and checks the oracles; see {@link IngressFuzz}.
 * <p>
 * Each frame is, by a seeded choice, either a raw Aeron Cluster ingress message (from {@link ClusterIngressSeeds},
 * mutated) offered by a raw publication straight to the node's ingress port, or an Aerie request (from
 * {@link AerieRequestSeeds}, mutated) sent in the fuzzer's own valid cluster session. Frame contents follow only
 * from the seed and the session ids, so a seed replays a run. Mutations that still decode as writes are kept inside
 * the sandbox {@link AerieRequestSeeds#SANDBOX} ({@link SandboxFilter}); the digest oracle compares the tree outside
 * it ({@link SandboxDigest}). Raw frames name a victim: a third session, whose answers to forged requests are
 * counted and which is connected again when a forged close ends it. Forged session messages name any session, the
 * probe's included: the node must refuse them (they lack the connection's token). Raw Aeron-level messages (close,
 * keepalive, challenge, admin) naming the probe's or the fuzz session's cluster session are not sent: Aeron closes a
 * session on a forged close from any host, and the client does not hear of it.
 */
final class IngressFuzzer
{
    static final String SANDBOX_ROOT = "/fuzz";
    static final String PROBE_ROOT = "/probe";
    private static final long STEP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int CAPACITY = 64 * 1024;
    private static final int WINDOW = 256;
    private static final long STALL_NS = TimeUnit.SECONDS.toNanos(2);

    private final LocalCluster cluster;
    private final FuzzErrors errors;
    private final long seed;
    private final long frames;
    private final int rawPercent;
    private final int probeEvery;
    private final PrintStream progress;
    private final FuzzReport report;
    private final Seed seedFrame = new Seed();
    private final UnsafeBuffer seedBuffer = new UnsafeBuffer(new byte[CAPACITY]);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[CAPACITY]);
    private final SandboxFilter filter = new SandboxFilter();
    private final AerieRequestSeeds requestSeeds;
    private final ClusterIngressSeeds ingressSeeds;
    private FuzzProbe probe;
    private FuzzSession session;
    private FuzzSession victim;
    private ExclusivePublication raw;
    private long protectedSessionId = Long.MIN_VALUE;

    /**
     * @param cluster    a running one-node cluster whose tree limits are {@code maxDataLength}, {@code maxPathLength}.
     * @param errors     the cluster's error handler.
     * @param seed       of the run.
     * @param frames     to send, both layers together.
     * @param rawPercent share of raw ingress frames, 0 to 100.
     * @param probeEvery frames between the probe's round trips.
     * @param progress   where to print progress every 100,000 frames, or null.
     */
    IngressFuzzer(
        final LocalCluster cluster,
        final FuzzErrors errors,
        final long seed,
        final long frames,
        final int rawPercent,
        final int probeEvery,
        final int maxDataLength,
        final int maxPathLength,
        final PrintStream progress)
    {
        this.cluster = cluster;
        this.errors = errors;
        this.seed = seed;
        this.frames = frames;
        this.rawPercent = rawPercent;
        this.probeEvery = probeEvery;
        this.progress = progress;
        this.report = new FuzzReport(seed, frames);
        this.requestSeeds = new AerieRequestSeeds(maxDataLength, maxPathLength);
        this.ingressSeeds = new ClusterIngressSeeds(requestSeeds, "aeron:udp?endpoint=localhost:9|term-length=64k");
    }

    /**
     * Run the fuzz and check the oracles.
     *
     * @param aeronDir a fresh directory for the fuzzer's own media driver.
     * @return the report; its failures are empty when every oracle held.
     */
    FuzzReport run(final File aeronDir)
    {
        final AerieNode node = cluster.findLeader(System.nanoTime() + STEP_TIMEOUT_NS);
        long startNs = System.nanoTime();
        long paddedBefore = node.paddedIngressFrames();
        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(aeronDir.getAbsolutePath())
                .threadingMode(ThreadingMode.SHARED)
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            final AerieClient.Context clientCtx = new AerieClient.Context();
            clientCtx.connection()
                .ingressEndpoints(cluster.ingressEndpoints())
                .ingressChannel(cluster.ingressChannel())
                .egressChannel(cluster.egressChannel())
                .aeronDirectoryName(driver.aeronDirectoryName());
            clientCtx.requests().requestTimeoutNs(STEP_TIMEOUT_NS);
            probe = new FuzzProbe(AerieClient.connect(clientCtx));
            session = new FuzzSession(new AeronCluster.Context()
                .ingressEndpoints(cluster.ingressEndpoints())
                .ingressChannel(cluster.ingressChannel())
                .egressChannel(cluster.egressChannel())
                .aeronDirectoryName(driver.aeronDirectoryName()), seed * 31 + 3);
            session.ensureConnected(STEP_TIMEOUT_NS);
            // Aeron numbers cluster sessions in order: the probe connected just before the fuzz session.
            protectedSessionId = session.clusterSessionId() - 1;
            victim = new FuzzSession(new AeronCluster.Context()
                .ingressEndpoints(cluster.ingressEndpoints())
                .ingressChannel(cluster.ingressChannel())
                .egressChannel(cluster.egressChannel())
                .aeronDirectoryName(driver.aeronDirectoryName()), seed * 31 + 4);
            victim.ensureConnected(STEP_TIMEOUT_NS);
            raw = aeron.addExclusivePublication(
                "aeron:udp?endpoint=" + ingressEndpoint(node) + "|term-length=256k",
                AeronCluster.Configuration.ingressStreamId());
            await("the raw publication to reach the ingress", () -> raw.isConnected());

            probe.prepareTree();
            report.nodeErrorsBefore = node.errorCount();
            paddedBefore = node.paddedIngressFrames();
            report.outsideDigestBefore = probe.outsideDigest(report);
            startNs = System.nanoTime();
            fuzz();
            drain();
            report.elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            CloseHelper.quietCloseAll(session, victim);
            probe.roundTrip(report);
            report.outsideDigestAfter = probe.outsideDigest(report);
            report.paddedByGuard = node.paddedIngressFrames() - paddedBefore;
            checkNode(node);
        }
        catch (final AerieException | RuntimeException ex)
        {
            report.failures.add("fuzz stopped at frame " + (report.rawSent + report.requestSent) + ": " + ex);
            report.stopped = ex;
            report.elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            report.paddedByGuard = node.paddedIngressFrames() - paddedBefore;
            checkNode(node);
        }
        finally
        {
            CloseHelper.quietCloseAll(session, victim, probe, raw, aeron, driver);
        }
        return report;
    }


    private void fuzz() throws AerieException
    {
        final SplittableRandom layers = new SplittableRandom(seed);
        final FrameMutator rawMutator = new FrameMutator(seed * 31 + 1, ClusterIngressSeeds.TEMPLATE_IDS);
        final FrameMutator requestMutator = new FrameMutator(seed * 31 + 2, AerieRequestSeeds.TEMPLATE_IDS);
        for (long i = 0; i < frames; i++)
        {
            if (session.isBroken())
            {
                session.ensureConnected(STEP_TIMEOUT_NS);
                report.reconnects++;
            }
            if (layers.nextInt(100) < rawPercent)
            {
                sendRaw(rawMutator, i);
            }
            else
            {
                sendRequest(requestMutator, i);
            }
            session.poll();
            victim.poll();
            probe.client().poll();
            if ((i + 1) % 500 == 0)
            {
                victim.heartbeat(STEP_TIMEOUT_NS);
            }
            if ((i + 1) % probeEvery == 0)
            {
                probe.roundTrip(report);
            }
            if (null != progress && (i + 1) % Long.getLong("fuzz.progress", 100_000) == 0)
            {
                progress.printf("  %,d frames, %,d answers, %,d padded, broken %s, fresh %d%n", i + 1, session.answers(),
                    cluster.node(0).paddedIngressFrames(), session.isBroken(), report.reconnects);
            }
        }
    }

    private void sendRaw(final FrameMutator mutator, final long index)
    {
        ingressSeeds.encode(mutator.random(), seedFrame.reset("raw"), seedBuffer,
            victim.clusterSessionId(), victim.leadershipTermId(), index);
        frame.putBytes(0, seedBuffer, 0, seedFrame.length);
        final int length = mutator.mutate(seedFrame, frame, CAPACITY / 2);
        report.count(mutator.lastKind(), true);
        final long namedSessionId = length >= ClusterIngressSeeds.CLUSTER_SESSION_ID_OFFSET + 8 ?
            frame.getLong(ClusterIngressSeeds.CLUSTER_SESSION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) : 0;
        final boolean isSessionMessage = length >= 4 &&
            SessionMessageHeaderDecoder.TEMPLATE_ID == (frame.getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF);
        if (!isSessionMessage && (protectedSessionId == namedSessionId || session.clusterSessionId() == namedSessionId))
        {
            report.rawSkippedProbe++;
            return;
        }
        if (isSessionMessage && (escapes(AeronCluster.SESSION_HEADER_LENGTH, length) ||
            escapes(AeronCluster.SESSION_HEADER_LENGTH + SessionCredentials.SESSION_HEADER_LENGTH, length)))
        {
            report.rawSkippedEscape++;
            return;
        }
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        while (raw.offer(frame, 0, length) < 0)
        {
            awaitNs(deadlineNs, "offer a raw frame");
            session.poll();
        }
        report.rawSent++;
    }

    private boolean escapes(final int offset, final int length)
    {
        return length > offset && filter.escapes(frame, offset, length - offset);
    }

    private void sendRequest(final FrameMutator mutator, final long index)
    {
        requestSeeds.encode(mutator.random(), seedFrame.reset("request"), seedBuffer, 0, index);
        frame.putBytes(0, seedBuffer, 0, seedFrame.length);
        final int length = mutator.mutate(seedFrame, frame, CAPACITY / 2);
        report.count(mutator.lastKind(), false);
        if (filter.escapes(frame, 0, length))
        {
            report.requestSkippedEscape++;
            return;
        }
        if (length > session.maxRequestLength())
        {
            report.requestTooLong++;
            return;
        }
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        while (session.offer(frame, 0, length) < 0)
        {
            if (session.isBroken())
            {
                session.ensureConnected(STEP_TIMEOUT_NS);
                report.reconnects++;
            }
            awaitNs(deadlineNs, "offer a request");
            session.poll();
        }
        report.requestSent++;
        session.awaitWindow(WINDOW, STALL_NS);
    }

    private void drain()
    {
        // Answers trickle in after the last frame: poll until a quiet half second.
        long quietSinceNs = System.nanoTime();
        final long deadlineNs = quietSinceNs + STEP_TIMEOUT_NS;
        while (System.nanoTime() - quietSinceNs < TimeUnit.MILLISECONDS.toNanos(500) && System.nanoTime() < deadlineNs)
        {
            if (session.poll() > 0)
            {
                quietSinceNs = System.nanoTime();
            }
            else
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        report.answers = session.answers();
        report.answersByCode = Arrays.copyOf(session.answersByCode(), session.answersByCode().length);
        report.watchEvents = session.watchEvents();
        report.sessionEvents = session.sessionEvents();
        report.foreignMessages = session.foreignMessages();
        report.stalls = session.stalls();
        report.victimAnswers = victim.answers();
        report.victimStalls = victim.stalls();
        report.refusedConnects = session.refusedConnects() + victim.refusedConnects();
    }




    private void checkNode(final AerieNode node)
    {
        report.nodeErrorsAfter = node.errorCount();
        report.guardReports = errors.guardReports();
        report.warnings = errors.warnings();
        report.responseChannelsRefused = errors.responseChannelsRefused();
        report.unexpectedErrors = errors.unexpected();
        report.nodeState = (node.isClosed() ? "CLOSED" : "running") + ", " + node.role() +
            (null == node.fatalError() ? ", no fatal error" : ", fatal " + node.fatalError());
        if (node.isClosed() || null != node.fatalError() || !node.isLeader())
        {
            report.failures.add("node not running as leader: " + report.nodeState);
        }
        if (errors.unexpected() > 0)
        {
            report.failures.add(errors.unexpected() + " unexpected error(s) reported by the node, first: " +
                errors.kept());
        }
        if (report.outsideDigestBefore != report.outsideDigestAfter)
        {
            report.failures.add("the tree outside the sandbox changed");
        }
    }

    private void await(final String what, final java.util.function.BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + STEP_TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            awaitNs(deadlineNs, what);
            probe.client().poll();
        }
    }

    private static void awaitNs(final long deadlineNs, final String what)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            throw new IllegalStateException("timed out: " + what);
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
    }

    private String ingressEndpoint(final AerieNode node)
    {
        for (final String member : cluster.ingressEndpoints().split(","))
        {
            final int equals = member.indexOf('=');
            if (Integer.parseInt(member.substring(0, equals)) == node.memberId())
            {
                return member.substring(equals + 1);
            }
        }
        throw new IllegalStateException("no ingress endpoint for member " + node.memberId());
    }
}
