package io.aerie.reliability.nemesis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FaultKindTest
{
    @Test
    void shouldExpandGroupNames()
    {
        assertArrayEquals(new FaultKind[]{ FaultKind.KILL_LEADER, FaultKind.KILL_FOLLOWER }, FaultKind.parse("kill"));
        assertArrayEquals(new FaultKind[]{ FaultKind.PAUSE_LEADER }, FaultKind.parse("stop"));
        assertArrayEquals(
            new FaultKind[]{ FaultKind.PARTITION_LEADER, FaultKind.PARTITION_FOLLOWER }, FaultKind.parse("partition"));
    }

    @Test
    void shouldParseEachLabel()
    {
        for (final FaultKind kind : FaultKind.values())
        {
            assertArrayEquals(new FaultKind[]{ kind }, FaultKind.parse(" " + kind.label().toUpperCase() + " "));
        }
    }

    @Test
    void shouldRejectAnUnknownName()
    {
        assertThrows(IllegalArgumentException.class, () -> FaultKind.parse("flood"));
    }
}
