package io.aerie.reliability;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.node.NodeCounters;
import io.aerie.reliability.checker.Anomaly;
import io.aerie.reliability.cluster.NetworkNamespaces;
import io.aerie.reliability.cluster.NodeCluster;
import io.aerie.reliability.history.History;
import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;
import io.aerie.reliability.nemesis.Fault;
import io.aerie.reliability.nemesis.FaultKind;
import io.aerie.reliability.nemesis.Nemesis;
import io.aerie.reliability.report.ExpiryResult;
import io.aerie.reliability.report.FaultStats;
import io.aerie.reliability.report.Reports;
import io.aerie.reliability.report.RunResult;
import io.aerie.reliability.report.WorkloadResult;
import io.aerie.reliability.workload.ClientFactory;
import io.aerie.reliability.workload.CounterWorkload;
import io.aerie.reliability.workload.CreateWorkload;
import io.aerie.reliability.workload.ElectionWorkload;
import io.aerie.reliability.workload.RegisterWorkload;
import io.aerie.reliability.workload.Workload;
import io.aerie.reliability.workload.WorkloadRunner;
import io.aeron.cluster.ElectionState;
import org.agrona.CloseHelper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One run: start three node processes (on loopback or in network namespaces), set the workloads up, run their
 * processes while the nemesis injects the chosen faults in turn, stop, heal everything, check every history, the
 * nodes' digests and (optionally) that sessions abandoned during a flood expire, and write the results.
 */
public final class JepsenRun
{
    private static final long STARTUP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    private static final long DIGEST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private static final long REQUEST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int CHECK_ATTEMPTS = 5;

    private final JepsenOptions options;
    private final List<String> notes = new ArrayList<>();
    private final List<String> notRejoined = new ArrayList<>();
    private List<Workload> workloads = List.of();
    private final AutoCloseable[] toCloseOnExit = new AutoCloseable[2];

    /**
     * @param options what to do.
     */
    public JepsenRun(final JepsenOptions options)
    {
        this.options = options;
    }

    /**
     * Run, write the results into a new directory under {@link JepsenOptions#outDir()}, and return them.
     *
     * @param log progress lines (the command prints them; tests may drop them).
     * @return the results; {@link RunResult#isValid()} says whether all checks passed.
     * @throws Exception if the run cannot be set up or its files written.
     */
    public RunResult run(final Consumer<String> log) throws Exception
    {
        final String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        final File resultDir = new File(options.outDir(), "run-" + stamp);
        final Path work = Files.createTempDirectory("aerie-jepsen-");
        final double loadStart = loadAverage();
        NetworkNamespaces namespaces = null;
        NodeCluster cluster = null;
        ClientFactory clients = null;
        // Ctrl-C or SIGTERM: no node process or namespace outlives the run.
        final Thread cleanup = new Thread(this::closeOnExit, "jepsen-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try
        {
            if (options.netns())
            {
                namespaces = new NetworkNamespaces(3);
                toCloseOnExit[1] = namespaces;
                namespaces.create();
                notes.add("network: namespaces " + NetworkNamespaces.namespace(0) + ".., bridge " +
                    NetworkNamespaces.BRIDGE + ", partition = " + namespaces.partitionKind() + ", slow link = " +
                    namespaces.slowLinkKind());
            }
            cluster = new NodeCluster(
                3, options.portBase(), work.resolve("nodes").toFile(), namespaces, options.nodeProperties());
            toCloseOnExit[0] = cluster;
            cluster.start();
            log.accept("leader " + cluster.awaitStableLeader(STARTUP_TIMEOUT_NS) + "; nodes at " + cluster.ingressEndpoints());
            clients = new ClientFactory(cluster.ingressEndpoints(), cluster.clientHost(),
                "/dev/shm/aerie-jepsen-clients-" + ProcessHandle.current().pid(), SESSION_TIMEOUT_MS, REQUEST_TIMEOUT_NS);

            final RunResult result = runWorkloads(cluster, namespaces, clients, log, stamp, loadStart);
            final List<Op> ops = new ArrayList<>();
            log.accept("writing " + resultDir);
            Reports.write(resultDir, result, allOps(ops));
            return result;
        }
        finally
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down: the hook does the rest
            }
            if (null != clients)
            {
                clients.close();
            }
            if (null != cluster)
            {
                cluster.close();
                cluster.copyLogs(new File(resultDir, "logs"));
            }
            if (null != namespaces)
            {
                namespaces.close();
            }
            deleteWork(work);
        }
    }

    private RunResult runWorkloads(
        final NodeCluster cluster,
        final NetworkNamespaces namespaces,
        final ClientFactory clients,
        final Consumer<String> log,
        final String stamp,
        final double loadStart) throws Exception
    {
        workloads = List.of(
            new RegisterWorkload(options.registerOpsPerKey()), new CreateWorkload(), new CounterWorkload(),
            new ElectionWorkload());
        final AerieClient setup = clients.connect(STARTUP_TIMEOUT_NS);
        try
        {
            for (final Workload workload : workloads)
            {
                workload.setUp(setup);
            }
        }
        finally
        {
            ClientFactory.closeQuietly(setup);
        }

        final WorkloadRunner runner = new WorkloadRunner(clients, TimeUnit.MILLISECONDS.toNanos(options.thinkMs()));
        final long startNs = System.nanoTime();
        for (final Workload workload : workloads)
        {
            runner.start(workload, options.processes());
        }
        final QuietElections quietElections = new QuietElections(cluster);
        final List<Fault> faults = injectFaults(cluster, namespaces, log, startNs, quietElections);
        runner.stop(TimeUnit.SECONDS.toMillis(30));
        final long endNs = System.nanoTime();

        healAll(cluster, namespaces);
        try
        {
            cluster.awaitStableLeader(STARTUP_TIMEOUT_NS);
        }
        catch (final IllegalStateException ex)
        {
            // A member that never rejoins is a finding, not the end of the run: check what the majority holds.
            notRejoined.add("after healing: " + ex.getMessage());
            log.accept("after healing: " + ex.getMessage());
            rescueStuckMembers(cluster, log);
            awaitStableLeaderQuietly(cluster, log);
        }
        final ExpiryResult expiry = options.expiryCheck() > 0 ?
            new ExpiryCheck(cluster, clients, options.expiryCheck(), log).run() : null;

        final AerieClient checker = clients.connect(STARTUP_TIMEOUT_NS);
        final List<WorkloadResult> results = new ArrayList<>();
        final List<long[]> digests = new ArrayList<>();
        final boolean digestsEqual;
        try
        {
            for (final Workload workload : workloads)
            {
                results.add(check(workload, checker));
                log.accept(workload.name() + ": " + results.get(results.size() - 1));
            }
            digestsEqual = checkDigestsWithRetries(clients, cluster, digests);
        }
        finally
        {
            ClientFactory.closeQuietly(checker);
        }
        final List<Op> ops = allOps(new ArrayList<>());
        final Map<String, long[]> recoveries = new LinkedHashMap<>();
        for (final FaultKind kind : FaultKind.values())
        {
            final long[] values = faults.stream().filter(f -> f.kind() == kind)
                .mapToLong(f -> FaultStats.recoveryNs(f, ops) / 1_000_000).toArray();
            if (values.length > 0)
            {
                recoveries.put(kind.label(), values);
            }
        }
        notes.add("logical processes used: " + runner.processesUsed());
        notes.add("leadership term id at the end (terms since the start, elections included): " + termIds(cluster));
        final Map<String, Object> settings = settings();
        final String title = "3 node processes on " + (null == namespaces ? "loopback" : "network namespaces") +
            ", faults " + Reports.counts(faults) + ", " + options.processes() + " processes per workload";
        return new RunResult(title, stamp, loadStart, loadAverage(), startNs, endNs, settings, results, faults,
            recoveries, digests, digestsEqual, cluster.unexpectedExits(), notRejoined, expiry,
            quietElections.elections(), quietElections.quietMs(), notes);
    }

    private List<Fault> injectFaults(
        final NodeCluster cluster,
        final NetworkNamespaces namespaces,
        final Consumer<String> log,
        final long startNs,
        final QuietElections quietElections)
    {
        final List<Fault> faults = new ArrayList<>();
        final Nemesis nemesis = new Nemesis(cluster, namespaces, new Random(options.seed()));
        final long endNs = startNs + TimeUnit.SECONDS.toNanos(options.durationS());
        int next = 0;
        quietElections.settled();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(options.quietMs()));
        while (System.nanoTime() - endNs < 0 && !isEveryKindDone(faults))
        {
            final long quietElectionCount = quietElections.endQuiet();
            if (quietElectionCount > 0)
            {
                log.accept(String.format("%6.1f s %d election(s) with no fault in effect", (System.nanoTime() - startNs) /
                    1e9, quietElectionCount));
            }
            if (options.faults().isEmpty())
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            final FaultKind kind = options.faults().get(next++ % options.faults().size());
            try
            {
                final Fault fault = nemesis.run(kind);
                faults.add(fault);
                log.accept(String.format("%6.1f s %s on node %d: healed after %d ms, stable after %d ms, " +
                    "caught up after %d ms", (fault.startNs() - startNs) / 1e9, kind.label(), fault.target(),
                    (fault.healNs() - fault.startNs()) / 1_000_000, sinceStartMs(fault, fault.stableNs()),
                    sinceStartMs(fault, fault.caughtUpNs())));
                if (fault.caughtUpNs() < 0)
                {
                    notes.add(kind.label() + " at " + (fault.startNs() - startNs) / 1_000_000 + " ms: the cluster did " +
                        "not settle or a member did not catch up within the nemesis's wait");
                }
            }
            catch (final RuntimeException ex)
            {
                notes.add("nemesis " + kind.label() + " failed: " + ex.getMessage());
                log.accept("nemesis " + kind.label() + " failed: " + ex.getMessage());
                healAll(cluster, namespaces);
                rescueStuckMembers(cluster, log);
            }
            if (!cluster.unexpectedExits().isEmpty())
            {
                log.accept("unexpected node exit: " + cluster.unexpectedExits());
                restartStopped(cluster);
            }
            quietElections.settled();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(options.quietMs()));
        }
        quietElections.endQuiet();
        nemesis.rejoinStates().describe().forEach((kind, line) ->
            notes.add(kind.label() + ": the target's time from the heals to the settling, by election state: " + line));
        return faults;
    }

    private boolean isEveryKindDone(final List<Fault> faults)
    {
        if (options.eventsPerKind() <= 0 || options.faults().isEmpty())
        {
            return false;
        }
        final Map<String, Integer> counts = Reports.counts(faults);
        for (final FaultKind kind : options.faults())
        {
            if (counts.getOrDefault(kind.label(), 0) < options.eventsPerKind())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * A member that never closes its election (seen: hung in Aeron's join of the live log, the consensus module
     * waiting for its service's ack and the service for a log image that had gone, neither with a timeout) stops every
     * later fault from starting. It is a finding (the run is invalid: a member did not rejoin), and the rig kills and
     * restarts it so the run goes on measuring the other faults.
     */
    private void rescueStuckMembers(final NodeCluster cluster, final Consumer<String> log)
    {
        final long newestTermId = cluster.newestTermId();
        for (int i = 0; i < cluster.nodes(); i++)
        {
            final NodeCounters counters = cluster.isRunning(i) ? cluster.counters(i) : null;
            if (null == counters)
            {
                continue;
            }
            final ElectionState state = counters.electionState();
            final long termId = counters.value(NodeCounters.Metric.LEADERSHIP_TERM_ID, -1);
            if (ElectionState.CLOSED != state || termId < newestTermId)
            {
                final String finding = "node " + i + " stuck in election state " + state + " at term " + termId +
                    " (newest " + newestTermId + "): killed and restarted by the rig";
                notRejoined.add(finding);
                log.accept(finding);
                cluster.kill(i);
                try
                {
                    cluster.start(i);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    private static void awaitStableLeaderQuietly(final NodeCluster cluster, final Consumer<String> log)
    {
        try
        {
            cluster.awaitStableLeader(STARTUP_TIMEOUT_NS);
        }
        catch (final IllegalStateException ex)
        {
            log.accept("after the rescue: " + ex.getMessage());
        }
    }

    private static long sinceStartMs(final Fault fault, final long ns)
    {
        return ns < 0 ? -1 : (ns - fault.startNs()) / 1_000_000;
    }

    private static void healAll(final NodeCluster cluster, final NetworkNamespaces namespaces)
    {
        if (null != namespaces)
        {
            namespaces.heal();
        }
        for (int i = 0; i < cluster.nodes(); i++)
        {
            cluster.resume(i);
        }
        restartStopped(cluster);
    }

    private static void restartStopped(final NodeCluster cluster)
    {
        for (int i = 0; i < cluster.nodes(); i++)
        {
            if (!cluster.isRunning(i))
            {
                try
                {
                    cluster.start(i);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    private static WorkloadResult check(final Workload workload, final AerieClient client) throws AerieException
    {
        final History history = workload.history();
        final List<Anomaly> anomalies = checkWithRetries(workload, client);
        return new WorkloadResult(workload.name(), history.size(), history.count(Outcome.OK),
            history.count(Outcome.FAIL), history.count(Outcome.INFO), workload.summary(), anomalies);
    }

    /**
     * A check only reads; a read that timed out (a getChildren of tens of thousands of znodes timed out at load
     * average 65, which ended a 15-minute run without results) is read again, up to {@link #CHECK_ATTEMPTS} times.
     */
    private static List<Anomaly> checkWithRetries(final Workload workload, final AerieClient client)
        throws AerieException
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return workload.check(client);
            }
            catch (final AerieException.OperationTimeoutException | AerieException.ConnectionLossException ex)
            {
                if (attempt >= CHECK_ATTEMPTS)
                {
                    throw ex;
                }
            }
        }
    }

    /**
     * The digest check on a client of its own, connected again if its session is lost: the checker's session expired
     * while the register histories were being checked (minutes of CPU at load 45), and the exception ended a 40-minute
     * run whose every other check had passed without writing its results.
     */
    private static boolean checkDigestsWithRetries(
        final ClientFactory clients, final NodeCluster cluster, final List<long[]> digests) throws AerieException
    {
        for (int attempt = 1; ; attempt++)
        {
            final AerieClient client = clients.connect(STARTUP_TIMEOUT_NS);
            try
            {
                return checkDigests(client, cluster, digests);
            }
            catch (final AerieException.SessionExpiredException | AerieException.OperationTimeoutException |
                AerieException.ConnectionLossException ex)
            {
                if (attempt >= CHECK_ATTEMPTS)
                {
                    throw ex;
                }
            }
            finally
            {
                ClientFactory.closeQuietly(client);
            }
        }
    }

    /**
     * Every node applies a DigestRequest at the same log position; wait until all have and compare.
     */
    private static boolean checkDigests(final AerieClient client, final NodeCluster cluster, final List<long[]> digests)
        throws AerieException
    {
        client.create("/jepsen-digest-", null, AclList.openAclUnsafe(),
            CreateMode.PERSISTENT_SEQUENTIAL, -1);
        final long leaderDigest = client.digest();
        final long deadlineNs = System.nanoTime() + DIGEST_TIMEOUT_NS;
        while (true)
        {
            digests.clear();
            long zxid = Long.MIN_VALUE;
            boolean isSameZxid = true;
            boolean hasLeaderDigest = false;
            for (int i = 0; i < cluster.nodes(); i++)
            {
                final long[] digest = cluster.lastDigest(i);
                digests.add(digest);
                isSameZxid &= null != digest && (Long.MIN_VALUE == zxid || zxid == digest[1]);
                zxid = null == digest ? zxid : digest[1];
                hasLeaderDigest |= null != digest && digest[2] == leaderDigest;
            }
            if (isSameZxid && hasLeaderDigest)
            {
                return digests.stream().allMatch(d -> d[2] == leaderDigest);
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private void closeOnExit()
    {
        for (final AutoCloseable closeable : toCloseOnExit)
        {
            CloseHelper.quietClose(closeable);
        }
    }

    private List<Op> allOps(final List<Op> into)
    {
        for (final Workload workload : workloads)
        {
            into.addAll(workload.history().ops());
        }
        into.sort(Comparator.comparingLong(Op::invokeNs));
        return into;
    }

    private Map<String, Object> settings()
    {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("durationS", options.durationS());
        settings.put("eventsPerKind", options.eventsPerKind());
        settings.put("nodeProperties", options.nodeProperties());
        settings.put("faults", options.faults().stream().map(FaultKind::label).toList());
        settings.put("netns", options.netns());
        settings.put("processesPerWorkload", options.processes());
        settings.put("thinkMs", options.thinkMs());
        settings.put("quietMs", options.quietMs());
        settings.put("seed", options.seed());
        settings.put("portBase", options.portBase());
        settings.put("clientSessionTimeoutMs", SESSION_TIMEOUT_MS);
        settings.put("clientRequestTimeoutMs", TimeUnit.NANOSECONDS.toMillis(REQUEST_TIMEOUT_NS));
        settings.put("durability", System.getProperty("aerie.node.durability", "none"));
        settings.put("cpus", Runtime.getRuntime().availableProcessors());
        return settings;
    }

    private static String termIds(final NodeCluster cluster)
    {
        final StringBuilder ids = new StringBuilder();
        for (int i = 0; i < cluster.nodes(); i++)
        {
            final NodeCounters counters = cluster.counters(i);
            ids.append(i > 0 ? ", " : "").append("node ").append(i).append(' ')
                .append(null == counters ? "?" : counters.value(
                    NodeCounters.Metric.LEADERSHIP_TERM_ID, -1));
        }
        return ids.toString();
    }

    static double loadAverage()
    {
        try
        {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    private static void deleteWork(final Path work)
    {
        try (var paths = Files.walk(work))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            // leave it: it is under the temporary directory
        }
    }
}
