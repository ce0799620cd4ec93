package io.aerie.bench.suite;

import io.aerie.bench.suite.workload.ElectionWorkload;
import io.aerie.bench.suite.workload.LockWorkload;
import io.aerie.bench.suite.workload.WriteWorkload;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteOptionsTest
{
    @Test
    void shouldRunTheModesRoundsUnlessToldHowMany()
    {
        assertEquals(3, SuiteOptions.parse(new String[]{ "--quick" }).roundCount());
        assertEquals(5, SuiteOptions.parse(new String[]{ "--quick", "--rounds", "5", "--only", "aerie-1" }).roundCount());
    }

    @Test
    void shouldRefuseANegativeRoundCount()
    {
        assertThrows(IllegalArgumentException.class, () -> SuiteOptions.parse(new String[]{ "--rounds", "-1" }));
    }

    @Test
    void shouldRunEverythingQuicklyWithNoArguments()
    {
        final SuiteOptions options = SuiteOptions.parse(new String[0]);

        assertEquals(SuiteMode.QUICK, options.mode());
        assertNull(options.only());
        assertEquals(30_000, options.portBase());
        assertEquals(250, options.portStep());
        assertTrue(options.runsWorkload("failover"));
    }

    @Test
    void shouldLeaveTheRecipesWorkloadsOutUnlessNamed()
    {
        final LockWorkload lock = new LockWorkload();

        assertFalse(SuiteOptions.parse(new String[0]).runsWorkload(lock));
        assertTrue(SuiteOptions.parse(new String[0]).runsWorkload(new WriteWorkload()));
        assertTrue(SuiteOptions.parse(new String[]{ "--workloads", "election,lock" }).runsWorkload(lock));
        assertTrue(SuiteOptions.parse(new String[]{ "--workloads", "election" }).runsWorkload(new ElectionWorkload()));
        assertFalse(SuiteOptions.parse(new String[]{ "--workloads", "election" }).runsWorkload(new WriteWorkload()));
    }

    @Test
    void shouldTakeTheLastModeGiven()
    {
        assertEquals(SuiteMode.SMOKE, SuiteOptions.parse(new String[]{ "--full", "--smoke" }).mode());
        assertEquals(SuiteMode.FULL, SuiteOptions.parse(new String[]{ "--smoke", "--full" }).mode());
    }

    @Test
    void shouldReadEveryValuedOption()
    {
        final SuiteOptions options = SuiteOptions.parse(new String[]{
            "--only", "aerie-3-nofsync", "--workloads", "writes,fan-out", "--out", "/tmp/r", "--port-base", "4000",
            "--port-step", "100" });

        assertTrue(options.selects("aerie-3-nofsync"));
        assertTrue(options.runsWorkload("fan-out"));
        assertEquals(false, options.runsWorkload("reads"));
        assertEquals(Path.of("/tmp/r"), options.outDir());
        assertEquals(4000, options.portBase());
        assertEquals(100, options.portStep());
    }

    @Test
    void shouldRejectAnUnknownOptionWithTheUsage()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SuiteOptions.parse(new String[]{ "--fast" }));

        assertTrue(ex.getMessage().contains(SuiteOptions.USAGE), ex.getMessage());
    }

    @Test
    void shouldRejectAnOptionWithoutItsValue()
    {
        assertThrows(IllegalArgumentException.class, () -> SuiteOptions.parse(new String[]{ "--port-base" }));
    }
}
