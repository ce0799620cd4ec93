package io.aerie.bench.suite;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
