package io.aerie.reliability;

import io.aerie.reliability.cluster.NetworkNamespaces;
import io.aerie.reliability.nemesis.FaultKind;
import io.aerie.reliability.report.Reports;
import io.aerie.reliability.report.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code reliability/bin/jepsen}: the long run, by command. Exit status 0 if every check passed, 1 if a check
 * failed (anomaly, unequal digests, a node that died of a fault not its own, sessions that did not expire), 2 on a
 * usage error.
 */
@Command(
    name = "jepsen",
    mixinStandardHelpOptions = true,
    description = "Run Aerie's Jepsen-style suite: three node processes, four workloads with real clients, " +
        "faults injected in turn, histories checked.")
public final class JepsenMain implements Callable<Integer>
{
    @Option(names = "--minutes", description = "How long to run the workloads under faults (default ${DEFAULT-VALUE}).")
    double minutes = 2;

    @Option(names = "--nemesis", split = ",", description = "Faults, in turn: kill (leader and follower), " +
        "kill-leader, kill-follower, stop (SIGSTOP of the leader), kill-all, partition (leader and follower), " +
        "partition-leader, partition-follower, slow (leader's link), all; network ones need --netns. " +
        "Default: kill,stop,kill-all.")
    List<String> nemesis = List.of("kill", "stop", "kill-all");

    @Option(names = "--netns", description = "Nodes in their own network namespaces (root only): aerie-jn-0..2 at " +
        "10.77.0.1-3 unless AERIE_JAVA_OPTS sets -Daerie.reliability.netns.prefix=... and " +
        "-Daerie.reliability.netns.subnet=a.b.c, as two runs on one machine must.")
    boolean netns;

    @Option(names = "--processes", description = "Concurrent processes per workload (default ${DEFAULT-VALUE}).")
    int processes = 3;

    @Option(names = "--think-ms", description = "Pause between a process's operations (default ${DEFAULT-VALUE}).")
    long thinkMs = 5;

    @Option(names = "--quiet-ms", description = "Pause between faults (default ${DEFAULT-VALUE}).")
    long quietMs = 3_000;

    @Option(names = "--seed", description = "Seed of the nemesis's choices (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--expiry-sessions", description = "Sessions abandoned during a flood at the end; 0 skips " +
        "the check (default ${DEFAULT-VALUE}).")
    int expirySessions = 200;

    @Option(names = "--ops-per-key", description = "Register operations per key (default ${DEFAULT-VALUE}).")
    int opsPerKey = 200;

    @Option(names = "--events-per-kind", description = "End once every fault kind has been injected this often " +
        "(the issue's target is 100); --minutes still bounds the run. 0: run for --minutes (default ${DEFAULT-VALUE}).")
    int eventsPerKind;

    @Option(names = "--node-property", description = "A further aerie.* or aeron.* property for every node, " +
        "key=value, repeatable (for example aeron.client.liveness.timeout=60s where whole node processes starve " +
        "for longer than Aeron's 10 s client liveness timeout); recorded in the results.")
    Map<String, String> nodeProperties = new LinkedHashMap<>();

    @Option(names = "--port-base", description = "First port of member 0 (default ${DEFAULT-VALUE}).")
    int portBase = JepsenOptions.DEFAULT_PORT_BASE;

    @Option(names = "--out", description = "Where the run's directory goes (default ${DEFAULT-VALUE}).")
    File out = new File("reliability/results");

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new JepsenMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final Set<FaultKind> kinds = new LinkedHashSet<>();
        for (final String name : nemesis)
        {
            if ("all".equalsIgnoreCase(name.trim()))
            {
                kinds.addAll(List.of(FaultKind.values()));
            }
            else if (!"none".equalsIgnoreCase(name.trim()))
            {
                kinds.addAll(List.of(FaultKind.parse(name)));
            }
        }
        for (final FaultKind kind : kinds)
        {
            if (kind.needsNamespaces() && !netns)
            {
                System.err.println(kind.label() + " needs --netns");
                return 2;
            }
        }
        if (netns && null != NetworkNamespaces.unavailableReason())
        {
            System.err.println("--netns: " + NetworkNamespaces.unavailableReason());
            return 2;
        }
        final JepsenOptions options = new JepsenOptions((long)(minutes * 60), new ArrayList<>(kinds), netns, portBase,
            out, processes, thinkMs, quietMs, seed, expirySessions, opsPerKey, eventsPerKind,
            nodeProperties);
        final RunResult result = new JepsenRun(options).run(System.out::println);
        System.out.println();
        System.out.println(Reports.markdown(result));
        return result.isValid() ? 0 : 1;
    }
}
