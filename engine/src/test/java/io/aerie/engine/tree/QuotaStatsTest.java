package io.aerie.engine.tree;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The StatsTrack text of quota nodes, read as ZooKeeper's StatsTrack reads it.
 */
class QuotaStatsTest
{
    private final QuotaStats stats = new QuotaStats();

    @Test
    void shouldReadZkClisLimitsText()
    {
        assertTrue(parse("count=5,bytes=100=;byteHardLimit=7;countHardLimit=-1"));

        assertEquals(5, stats.count);
        assertEquals(100, stats.bytes);
        assertEquals(7, stats.byteHardLimit);
        assertEquals(-1, stats.countHardLimit);
    }

    @Test
    void shouldReadMissingAndEmptyValuesAsMinusOne()
    {
        assertTrue(parse("bytes=;;other=3"));

        assertEquals(-1, stats.count);
        assertEquals(-1, stats.bytes);
        assertEquals(-1, stats.byteHardLimit);
    }

    @Test
    void shouldRefuseValueThatIsNotANumber()
    {
        assertFalse(parse("count=x,bytes=1"));
    }

    @Test
    void shouldWriteStatsAsZooKeeperDoes()
    {
        stats.count = 12;
        stats.bytes = -3;
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(8);

        final int length = stats.formatStats(out, 0);

        assertEquals("count=12,bytes=-3", out.getStringWithoutLengthAscii(0, length));
    }

    private boolean parse(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return stats.parse(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
