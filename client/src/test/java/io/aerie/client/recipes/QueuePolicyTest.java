package io.aerie.client.recipes;

import io.aerie.codecs.model.NameList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The queue rules without a cluster: children parsed and ordered by sequence across prefixes, foreign names
 * ignored, and who waits on whom for each recipe.
 */
class QueuePolicyTest
{
    @Test
    void shouldOrderNodesBySequenceAcrossPrefixesAndIgnoreForeignNames()
    {
        final QueueSnapshot queue = new QueueSnapshot("read-", "write-");
        queue.load(names("read-0000000003", "read-0000000000", "write-0000000001", "write-0000000004",
            "lock-0000000002", "read-000000005", "write-00000000x6", "other"));

        assertEquals(4, queue.size());
        assertEquals("read-0000000000", queue.name(0));
        assertEquals("write-0000000001", queue.name(1));
        assertEquals("read-0000000003", queue.name(2));
        assertEquals("write-0000000004", queue.name(3));
        assertEquals(1, queue.kind(1));
        assertEquals(3, queue.sequence(2));
        assertEquals(2, queue.indexOf(3));
        assertEquals(-1, queue.indexOf(2));
    }

    @Test
    void shouldParseTheSequenceOfAPath()
    {
        assertEquals(42, QueueSnapshot.sequenceOf("/election/latch-0000000042"));
        assertEquals(-1, QueueSnapshot.sequenceOf("/election/latch-00000000x2"));
        assertEquals(-1, QueueSnapshot.sequenceOf("/a"));
    }

    @Test
    void shouldLetTheOldestProceedAndOthersWaitOnTheirPredecessor()
    {
        final QueueSnapshot queue = new QueueSnapshot("latch-");
        queue.load(names("latch-0000000007", "latch-0000000002", "latch-0000000005"));

        assertEquals(QueuePolicy.READY, QueuePolicy.OLDEST.decide(queue, 0));
        assertEquals(0, QueuePolicy.OLDEST.decide(queue, 1));
        assertEquals(1, QueuePolicy.OLDEST.decide(queue, 2));
    }

    @Test
    void shouldLetReadersPassOlderReadersButWaitOnTheYoungestOlderWriter()
    {
        final QueueSnapshot queue = new QueueSnapshot("read-", "write-");
        queue.load(names("read-0000000000", "write-0000000001", "read-0000000002", "write-0000000003",
            "read-0000000004", "read-0000000005"));
        final QueuePolicy.ReadPolicy read = new QueuePolicy.ReadPolicy(1);

        assertEquals(QueuePolicy.READY, read.decide(queue, 0));
        assertEquals(1, read.decide(queue, 2));
        assertEquals(3, read.decide(queue, 5), "the youngest older writer, not the predecessor");
        read.exemptSequence(3);
        assertEquals(1, read.decide(queue, 5), "its own write node does not block a downgrading reader");
        assertEquals(4, QueuePolicy.OLDEST.decide(queue, 5), "a writer waits on its predecessor, reader or not");
    }

    @Test
    void shouldAdmitLeasesAmongTheOldestAndWatchChildrenOtherwise()
    {
        final QueueSnapshot queue = new QueueSnapshot("lease-");
        queue.load(names("lease-0000000001", "lease-0000000002", "lease-0000000003"));
        final QueuePolicy leases = new QueuePolicy.LeasePolicy(2);

        assertEquals(QueuePolicy.READY, leases.decide(queue, 1));
        assertEquals(QueuePolicy.WATCH_CHILDREN, leases.decide(queue, 2));
    }

    private static NameList names(final String... names)
    {
        final NameList list = new NameList();
        for (final String name : names)
        {
            final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            list.add(new UnsafeBuffer(bytes), 0, bytes.length);
        }
        return list;
    }
}
