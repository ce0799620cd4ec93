package io.aerie.bench.suite;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CI's smoke run of the benchmark suite, so it does not rot: a handful of operations of every workload against
 * Aerie (one node process), the echo floor and, when its classes are on the class path, ZooKeeper standalone, all
 * without fsync (a shared CI disk makes fsync's latency anyone's guess, and the smoke run measures nothing);
 * every workload must produce samples and the three result files must be written.
 */
@Tag("slow")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class BenchmarkSuiteSmokeClusterTest
{
    private static final int PORT_BASE = 29800;
    private static final int PORT_STEP = 50;
    private static final List<String> AERIE_WORKLOADS = List.of(
        "write-closed", "alloc-client", "write-1k", "write-10k", "create-delete", "read-local", "read-linearizable",
        "alloc-client-read-local", "write-pipelined",
        "fanout-1", "fanout-100");
    private static final List<String> FLOOR_WORKLOADS = List.of(
        "write-closed", "alloc-client", "write-1k", "write-10k", "write-pipelined");
    private static final List<String> ZOOKEEPER_WORKLOADS = List.of(
        "write-closed", "write-1k", "write-10k", "create-delete", "read-local", "read-linearizable", "write-pipelined",
        "fanout-1",
        "fanout-100");

    @TempDir
    Path outDir;

    @Test
    void shouldRunEveryWorkloadAndWriteTheResultFiles() throws Exception
    {
        final SuiteOptions options = new SuiteOptions(
            SuiteMode.SMOKE, "aerie-1-nofsync,echo-1,zk-standalone-nofsync", outDir, PORT_BASE, PORT_STEP);
        final SuiteRun run = SuiteRun.of(options);
        final SuiteResults results = run.results;
        final String progress = run.progress;

        assertWorkloads(results, "aerie-1-nofsync", AERIE_WORKLOADS, progress);
        assertWorkloads(results, "echo-1", FLOOR_WORKLOADS, progress);
        if (Targets.zooKeeperAvailable())
        {
            assertWorkloads(results, "zk-standalone-nofsync", ZOOKEEPER_WORKLOADS, progress);
        }

        final List<Path> files = BenchmarkSuite.write(results, outDir);
        assertEquals(3, files.size());
        for (final Path file : files)
        {
            assertTrue(Files.size(file) > 0, file + " is empty");
        }
        assertTrue(Files.readString(files.get(0)).contains("\"workload\": \"write-closed\""), "JSON has the rows");
        assertTrue(Files.readString(files.get(1)).contains("## Without fsync: Aerie durability `none` vs ZooKeeper " +
            "`forceSync=no`\n\n| workload | Aerie 1 | ZK standalone | Aerie 1 ÷ ZK p50 · p99 |"),
            "Markdown has the like-for-like comparison table");
        assertTrue(Files.readString(files.get(2)).contains("<svg"), "HTML has the plots");
    }

    private static void assertWorkloads(
        final SuiteResults results, final String column, final List<String> workloads, final String progress)
    {
        final List<String> missing = new ArrayList<>();
        for (final String workload : workloads)
        {
            final Row row = results.find(workload, column);
            if (null == row)
            {
                missing.add(workload);
                continue;
            }
            assertNull(row.error(), column + " " + workload + " failed; progress:\n" + progress);
            assertTrue(row.samples() > 0, column + " " + workload + " has no samples");
            // A fixed offered rate the machine cannot serve (CI shares 2 cores) overflows the client's queue, which
            // answers TOO_MANY_REQUESTS: those rows may count failures; every other row must have none.
            if (!workload.endsWith("k"))
            {
                assertEquals(0, row.failed(), column + " " + workload + " had failed operations");
            }
        }
        assertTrue(missing.isEmpty(), column + " has no rows for " + missing + "; progress:\n" + progress);
        assertNotNull(results.targets().get(column), column + " is recorded with its configuration");
    }
}
