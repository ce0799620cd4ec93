package io.aerie.tools.shell;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * ZooKeeper's StatsTrack: the text of {@code zookeeper_limits} and {@code zookeeper_stats} nodes, read and written
 * exactly as zkCli 3.9 does ({@code count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1}): count and bytes first,
 * then any other key after an extra '=' (which old readers ignore), sorted. A missing key reads -1.
 */
final class QuotaText
{
    static final String COUNT = "count";
    static final String BYTES = "bytes";
    static final String COUNT_HARD_LIMIT = "countHardLimit";
    static final String BYTE_HARD_LIMIT = "byteHardLimit";

    private static final Pattern PAIRS_SEPARATOR = Pattern.compile("[,;]+");

    private final Map<String, Long> values = new TreeMap<>();

    /**
     * An empty track: every key reads -1 and none is written but count and bytes.
     */
    QuotaText()
    {
    }

    /**
     * @param data a node's data; null or empty for an empty track.
     * @throws NumberFormatException if a value is not a number, as StatsTrack.
     */
    QuotaText(final byte[] data)
    {
        final String text = null == data ? "" : new String(data, StandardCharsets.UTF_8);
        if (text.isEmpty())
        {
            return;
        }
        for (final String pair : PAIRS_SEPARATOR.split(text))
        {
            final String[] keyValue = pair.split("=");
            if (keyValue.length > 0 && !keyValue[0].isEmpty())
            {
                values.put(keyValue[0],
                    keyValue.length < 2 || keyValue[1].isEmpty() ? -1L : Long.parseLong(keyValue[1]));
            }
        }
    }

    long get(final String key)
    {
        final Long value = values.get(key);
        return null == value ? -1 : value;
    }

    QuotaText set(final String key, final long value)
    {
        values.put(key, value);
        return this;
    }

    byte[] bytes()
    {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return StatsTrack's text.
     */
    public String toString()
    {
        final StringBuilder text = new StringBuilder()
            .append(COUNT).append('=').append(get(COUNT)).append(',')
            .append(BYTES).append('=').append(get(BYTES));
        boolean first = true;
        for (final Map.Entry<String, Long> entry : values.entrySet())
        {
            if (COUNT.equals(entry.getKey()) || BYTES.equals(entry.getKey()))
            {
                continue;
            }
            if (first)
            {
                text.append('=');
                first = false;
            }
            text.append(';').append(entry.getKey()).append('=').append(entry.getValue());
        }
        return text.toString();
    }
}
