package io.aerie.codecs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks of {@link SchemaLayoutFreezeTest} on small layouts: what they refuse and what they let through.
 */
class SchemaLayoutTest
{
    private static final List<String> FROZEN = List.of(
        "message 20 :: name=CreateRequest sinceVersion=0",
        "message 20 field 1 :: name=correlationId offset=0 type=INT64 length=8 presence=REQUIRED sinceVersion=0",
        "message 20 field 2 :: name=ttlMs offset=8 type=INT64 length=8 presence=REQUIRED sinceVersion=0",
        "enum ResultCode value OK :: value=0 sinceVersion=0");

    @Test
    void shouldAcceptTheSameLayout()
    {
        assertTrue(SchemaLayout.changed(FROZEN, FROZEN).isEmpty());
        assertTrue(SchemaLayout.addedAtOrBelow(2, FROZEN, FROZEN).isEmpty());
    }

    @Test
    void shouldAcceptFieldsAndMessagesAppendedWithAHigherSinceVersion()
    {
        final List<String> current = List.of(
            FROZEN.get(0), FROZEN.get(1), FROZEN.get(2), FROZEN.get(3),
            "message 20 field 3 :: name=flags offset=16 type=INT32 length=4 presence=REQUIRED sinceVersion=3",
            "message 90 :: name=ReadRequest sinceVersion=3",
            "enum ResultCode value NOT_READONLY :: value=-300 sinceVersion=3");

        assertTrue(SchemaLayout.changed(FROZEN, current).isEmpty());
        assertTrue(SchemaLayout.addedAtOrBelow(2, FROZEN, current).isEmpty());
    }

    @Test
    void shouldReportFieldsThatMovedOrChangedTypeOrWentAway()
    {
        final List<String> current = List.of(
            FROZEN.get(0),
            "message 20 field 1 :: name=correlationId offset=8 type=INT64 length=8 presence=REQUIRED sinceVersion=0",
            FROZEN.get(3));

        final List<String> changed = SchemaLayout.changed(FROZEN, current);

        assertEquals(2, changed.size());
        assertTrue(changed.get(0).contains("offset=8"), changed.get(0));
        assertTrue(changed.get(1).contains("(missing)"), changed.get(1));
    }

    @Test
    void shouldReportAnElementAddedWithoutASinceVersionAboveTheFrozenOne()
    {
        final String unversioned =
            "message 20 field 3 :: name=flags offset=16 type=INT32 length=4 presence=REQUIRED sinceVersion=0";
        final List<String> current = List.of(FROZEN.get(0), FROZEN.get(1), FROZEN.get(2), FROZEN.get(3), unversioned);

        assertEquals(List.of("  " + unversioned), SchemaLayout.addedAtOrBelow(2, FROZEN, current));
    }

    @Test
    void shouldAcceptTheFieldsOfAMessageAddedWithAHigherSinceVersion()
    {
        final List<String> current = List.of(
            FROZEN.get(0), FROZEN.get(1), FROZEN.get(2), FROZEN.get(3),
            "message 90 :: name=ReadRequest sinceVersion=3",
            "message 90 field 1 :: name=correlationId offset=0 type=INT64 length=8 presence=REQUIRED sinceVersion=0");

        assertTrue(SchemaLayout.addedAtOrBelow(2, FROZEN, current).isEmpty());
    }
}
