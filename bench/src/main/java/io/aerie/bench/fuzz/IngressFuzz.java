package io.aerie.bench.fuzz;

import io.aerie.bench.RigCommandLine;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import org.agrona.IoUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;

/**
 * The long run of the ingress fuzzer (issue 12): starts a one-node cluster in a temporary directory, sends random
 * and mutated frames at both layers, prints frames per layer, outcome counts and the oracles' verdicts, and exits 1
 * if an oracle failed.
 * <p>
 * Usage: {@code bench/bin/fuzz [--frames 1000000] [--seed 1] [--raw-percent 50] [--probe-every 2000]
 * [--port-base 17500]}.
 */
public final class IngressFuzz
{
    /** The tree's data limit on the fuzzed cluster: small, so data over it is cheap to send. */
    static final int MAX_DATA_LENGTH = 4096;
    /** The tree's path limit on the fuzzed cluster. */
    static final int MAX_PATH_LENGTH = 256;
    /** Aeron's session timeout on the fuzzed cluster. */
    static final long SESSION_TIMEOUT_NS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private IngressFuzz()
    {
    }

    @Command(name = "IngressFuzz", mixinStandardHelpOptions = true,
        description = "Fuzzes a one-node cluster's ingress.")
    static final class Options
    {
        @Option(names = "--frames", defaultValue = "1000000", description = "frames to send (${DEFAULT-VALUE})")
        long frames;
        @Option(names = "--seed", defaultValue = "1", description = "random seed (${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--raw-percent", defaultValue = "50", description = "percent of raw frames (${DEFAULT-VALUE})")
        int rawPercent;
        @Option(names = "--probe-every", defaultValue = "2000",
            description = "frames between liveness probes (${DEFAULT-VALUE})")
        int probeEvery;
        @Option(names = "--port-base", defaultValue = "17500", description = "UDP port base (${DEFAULT-VALUE})")
        int portBase;
    }

    /**
     * @param args see the class comment.
     * @throws Exception if the cluster cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = RigCommandLine.parse(new Options(), args);

        final File dir = Files.createTempDirectory("aerie-fuzz").toFile();
        final FuzzErrors errors = new FuzzErrors();
        final FuzzReport report;
        try (LocalCluster cluster = launch(options.portBase, new File(dir, "cluster"), errors))
        {
            System.out.printf("fuzzing a one-node cluster on port base %d: seed %d, %,d frames%n",
                options.portBase, options.seed, options.frames);
            report = new IngressFuzzer(cluster, errors, options.seed, options.frames, options.rawPercent,
                options.probeEvery, MAX_DATA_LENGTH, MAX_PATH_LENGTH, System.out).run(new File(dir, "fuzz-driver"));
        }
        finally
        {
            IoUtil.delete(dir, true);
        }
        System.out.print(report);
        if (null != report.stopped)
        {
            report.stopped.printStackTrace(System.out);
        }
        for (final Throwable error : errors.kept())
        {
            error.printStackTrace(System.out);
        }
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    /**
     * A one-node cluster as the fuzzer expects it: small tree limits, errors to the given handler.
     *
     * @param portBase of the node's ports.
     * @param dir      of the node.
     * @param errors   the node's error handler.
     * @return the running cluster.
     */
    static LocalCluster launch(final int portBase, final File dir, final FuzzErrors errors)
    {
        return LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(portBase)
            .dir(dir)
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .minSessionTimeoutMs(100)
                .treeContext(new ZnodeTreeContext()
                    .maxZnodes(20_000)
                    .maxDataLength(MAX_DATA_LENGTH)
                    .maxPathLength(MAX_PATH_LENGTH)
                    .largeDataCapacity(16L * 1024 * 1024)))
            // Pending sessions of the raw layer's well-formed connect requests (their response channel never
            // connects) count against aeron.cluster.max.sessions until this timeout: at Aeron's 10 s they filled the
            // node's 1,024 and legitimate connects were refused ("concurrent session limit"). Shorter here so the
            // run goes on; the finding stands (README, trust boundary).
            .nodeConfigurator((node, memberId) -> node.timing().sessionTimeoutNs(SESSION_TIMEOUT_NS))
            .errorHandler(errors));
    }
}
