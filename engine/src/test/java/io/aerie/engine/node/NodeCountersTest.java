package io.aerie.engine.node;

import io.aerie.engine.node.NodeCounters.Metric;
import io.aerie.engine.service.ServiceCounterTypes;
import io.aeron.AeronCounters;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.aeron.driver.status.SystemCounterDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeCountersTest
{
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[8 * 1024]));

    @Test
    void shouldReadTheServiceCountersByTheirPublicTypeIds()
    {
        counter(ServiceCounterTypes.ZNODES, 12);
        counter(ServiceCounterTypes.SESSIONS, 3);
        counter(ServiceCounterTypes.WATCHES, 5);
        counter(ServiceCounterTypes.WATCH_EVENTS, 40);

        final NodeCounters read = NodeCounters.read(counters);

        assertAll(read.toString(),
            () -> assertEquals(12, read.value(Metric.ZNODES, -1)),
            () -> assertEquals(3, read.value(Metric.SESSIONS, -1)),
            () -> assertEquals(5, read.value(Metric.WATCHES, -1)),
            () -> assertEquals(40, read.value(Metric.WATCH_EVENTS, -1)),
            () -> assertTrue(read.hasServiceCounters()));
    }

    @Test
    void shouldLeaveMetricsWithoutACounterAbsentRatherThanZero()
    {
        counter(ServiceCounterTypes.ZNODES, 1);

        final NodeCounters read = NodeCounters.read(counters);

        assertAll(read.toString(),
            () -> assertFalse(read.has(Metric.SESSIONS)),
            () -> assertEquals(-7, read.value(Metric.SESSIONS, -7)),
            () -> assertFalse(read.hasServiceCounters()),
            () -> assertNull(read.role()),
            () -> assertNull(read.electionState()));
    }

    @Test
    void shouldDecodeRoleAndElectionStateFromTheConsensusModuleCounters()
    {
        counter(AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID, Cluster.Role.LEADER.code());
        counter(AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID, ElectionState.CLOSED.code());

        final NodeCounters read = NodeCounters.read(counters);

        assertAll(read.toString(),
            () -> assertEquals(Cluster.Role.LEADER, read.role()),
            () -> assertEquals(ElectionState.CLOSED, read.electionState()));
    }

    @Test
    void shouldGiveNoRoleForAnUnknownCode()
    {
        final NodeCounters read = NodeCounters.of(new Metric[]{ Metric.CLUSTER_ROLE }, new long[]{ 99 });

        assertNull(read.role());
    }

    @Test
    void shouldTakeTheFirstCounterOfATypeId()
    {
        counter(AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID, 1024);
        counter(AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID, 2048);

        assertEquals(1024, NodeCounters.read(counters).value(Metric.COMMIT_POSITION, -1));
    }

    @Test
    void shouldReadTheDriverErrorsSystemCounterOnlyAmongSystemCounters()
    {
        systemCounter(SystemCounterDescriptor.BYTES_SENT, 1_000_000);
        systemCounter(SystemCounterDescriptor.ERRORS, 2);

        final NodeCounters read = NodeCounters.read(counters);

        assertEquals(2, read.value(Metric.DRIVER_ERRORS, -1), read.toString());
    }

    @Test
    void shouldIgnoreCountersOfOtherTypes()
    {
        counter(9999, 5);

        assertEquals("NodeCounters{}", NodeCounters.read(counters).toString());
    }

    @Test
    void shouldWriteCountersWithTotalSuffixAndGaugesWithoutInPrometheusText()
    {
        final NodeCounters read = NodeCounters.of(
            new Metric[]{ Metric.WATCH_EVENTS, Metric.ZNODES }, new long[]{ 40, 12 });
        final StringBuilder out = new StringBuilder();

        read.appendPrometheus(out, 2);

        assertEquals(
            "# HELP aerie_watch_events_total " + Metric.WATCH_EVENTS.help() + "\n" +
            "# TYPE aerie_watch_events_total counter\n" +
            "aerie_watch_events_total{member=\"2\"} 40\n" +
            "# HELP aerie_znodes " + Metric.ZNODES.help() + "\n" +
            "# TYPE aerie_znodes gauge\n" +
            "aerie_znodes{member=\"2\"} 12\n",
            out.toString());
    }

    @Test
    void shouldNameEveryMetricUniquelyForPrometheus()
    {
        final Set<String> names = new HashSet<>();
        for (final Metric metric : Metric.values())
        {
            assertTrue(metric.prometheusName().matches("aerie_[a-z_]+"), metric.prometheusName());
            assertTrue(names.add(metric.prometheusName()), metric.prometheusName());
        }
    }

    @Test
    void shouldRefuseMetricsAndValuesOfDifferentLengths()
    {
        assertThrows(IllegalArgumentException.class,
            () -> NodeCounters.of(new Metric[]{ Metric.ZNODES }, new long[]{ 1, 2 }));
    }

    private void counter(final int typeId, final long value)
    {
        final AtomicCounter counter = counters.newCounter("test " + typeId, typeId);
        counter.set(value);
    }

    private void systemCounter(final SystemCounterDescriptor descriptor, final long value)
    {
        final int counterId = counters.allocate(
            descriptor.label(), AeronCounters.DRIVER_SYSTEM_COUNTER_TYPE_ID, (key) -> key.putInt(0, descriptor.id()));
        counters.setCounterValue(counterId, value);
    }
}
