package io.aerie.engine.node;

import io.aeron.AeronCounters;
import io.aeron.driver.status.SystemCounterDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * Finds a node's metrics ({@link NodeCounters.Metric}) among a media driver's counters: each allocated counter's
 * type id names its metric, except the driver's system counters, which share one type id and are told apart by
 * their key. Where several counters share a type id (a driver shared by several clusters), the first allocated one
 * wins. Reads by id, without the labels: a label is a new String, and {@code aerie local} reads the counters many
 * times a second. Any thread, while the counters stay mapped.
 */
final class NodeCounterScan
{
    private static final NodeCounters.Metric[] METRICS = NodeCounters.Metric.values();

    private NodeCounterScan()
    {
    }

    /**
     * Read every metric present.
     *
     * @param counters  the media driver's counters.
     * @param values    filled with each present metric's value, by ordinal.
     * @param isPresent set for each metric found, by ordinal.
     */
    static void scan(final CountersReader counters, final long[] values, final boolean[] isPresent)
    {
        final DirectBuffer metaData = counters.metaDataBuffer();
        for (int counterId = 0, maxId = counters.maxCounterId(); counterId <= maxId; counterId++)
        {
            final int state = counters.getCounterState(counterId);
            if (CountersReader.RECORD_UNUSED == state)
            {
                break;
            }
            if (CountersReader.RECORD_ALLOCATED == state)
            {
                final NodeCounters.Metric metric = metricOf(
                    counters.getCounterTypeId(counterId), metaData, CountersReader.metaDataOffset(counterId) +
                    CountersReader.KEY_OFFSET);
                if (null != metric && !isPresent[metric.ordinal()])
                {
                    values[metric.ordinal()] = counters.getCounterValue(counterId);
                    isPresent[metric.ordinal()] = true;
                }
            }
        }
    }

    /**
     * The metric a counter holds.
     *
     * @param typeId    the counter's type id.
     * @param keyBuffer holds the counter's key.
     * @param keyOffset where the key starts in the buffer.
     * @return the metric, or null for a counter that is not one.
     */
    static NodeCounters.Metric metricOf(final int typeId, final DirectBuffer keyBuffer, final int keyOffset)
    {
        if (AeronCounters.DRIVER_SYSTEM_COUNTER_TYPE_ID == typeId)
        {
            // The driver's system counters share one type id; the key says which one it is.
            return SystemCounterDescriptor.ERRORS.id() == keyBuffer.getInt(keyOffset) ?
                NodeCounters.Metric.DRIVER_ERRORS : null;
        }

        for (final NodeCounters.Metric metric : METRICS)
        {
            if (metric.typeId() == typeId)
            {
                return metric;
            }
        }

        return null;
    }
}
