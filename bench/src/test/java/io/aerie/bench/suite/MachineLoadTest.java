package io.aerie.bench.suite;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MachineLoadTest
{
    @Test
    void shouldCountOnlyOtherProcessesCpuAgainstTheRound()
    {
        final MachineLoad.Sample start = new MachineLoad.Sample(0, 1.0, 10_000, 2_000);
        final MachineLoad.Sample end = new MachineLoad.Sample(TimeUnit.SECONDS.toNanos(10), 2.0, 12_000, 3_500);

        final MachineLoad.Round round = MachineLoad.between(1, "aerie-3", start, end);

        assertEquals(0.5, round.othersCores(), 1e-9, "(2,000 - 1,500) ticks over 10 s at 100 ticks/s");
        assertFalse(round.busy(), "exactly the threshold is not busy");
    }

    @Test
    void shouldFlagARoundWhereOthersUsedMoreThanHalfACore()
    {
        final MachineLoad.Sample start = new MachineLoad.Sample(0, 1.0, 10_000, 2_000);
        final MachineLoad.Sample end = new MachineLoad.Sample(TimeUnit.SECONDS.toNanos(10), 7.0, 13_000, 3_000);

        assertTrue(MachineLoad.between(1, "aerie-3", start, end).busy());
    }

    @Test
    void shouldReadThisMachinesLoad()
    {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "a Linux /proc");
        final MachineLoad.Sample sample = MachineLoad.sample();

        assertTrue(sample.busyTicks() >= 0, "/proc/stat read");
        assertTrue(sample.ownTicks() >= 0, "/proc/self/stat read");
    }
}
