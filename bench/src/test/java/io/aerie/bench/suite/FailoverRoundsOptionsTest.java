package io.aerie.bench.suite;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverRoundsOptionsTest
{
    @Test
    void shouldTakeTheDefaultsOfPositionalsNotGiven()
    {
        final FailoverRounds.Options options = parse("3");

        assertEquals(3, options.rounds);
        assertEquals("both", options.which);
        assertEquals(12700, options.aeriePortBase);
        assertEquals(12960, options.zkPortBase);
        assertFalse(options.fsync);
    }

    @Test
    void shouldTakeEveryPositionalInOrder()
    {
        final FailoverRounds.Options options = parse("5", "aerie", "4000", "4200", "true");

        assertEquals(5, options.rounds);
        assertEquals("aerie", options.which);
        assertEquals(4000, options.aeriePortBase);
        assertEquals(4200, options.zkPortBase);
        assertTrue(options.fsync);
    }

    @Test
    void shouldRejectANumberThatIsNot()
    {
        assertThrows(CommandLine.ParameterException.class, () -> parse("ten"));
    }

    private static FailoverRounds.Options parse(final String... args)
    {
        final FailoverRounds.Options options = new FailoverRounds.Options();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
