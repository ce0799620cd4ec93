package io.aerie.tools;

import io.aerie.codecs.model.Stat;

import java.nio.charset.StandardCharsets;

/**
 * Text forms of znode stats and data for the console, with zxids and session ids in hex as ZooKeeper prints them.
 */
final class StatFormat
{
    private static final int MAX_SHOWN_DATA_LENGTH = 64;

    private StatFormat()
    {
    }

    /**
     * The fields a user reads first, on one line.
     *
     * @param stat the znode's stat.
     * @return {@code czxid=0x.. mzxid=0x.. version=.. ephemeralOwner=0x.. dataLength=.. numChildren=..}.
     */
    static String summary(final Stat stat)
    {
        return "czxid=" + hex(stat.czxid()) +
            " mzxid=" + hex(stat.mzxid()) +
            " version=" + stat.version() +
            " ephemeralOwner=" + hex(stat.ephemeralOwner()) +
            " dataLength=" + stat.dataLength() +
            " numChildren=" + stat.numChildren();
    }

    /**
     * @param value a zxid or session id.
     * @return {@code 0x} and the value in lower-case hex.
     */
    static String hex(final long value)
    {
        return "0x" + Long.toHexString(value);
    }

    /**
     * Data as quoted UTF-8 text, shortened when long; null and empty data as {@code ""}.
     *
     * @param data a znode's data, may be null.
     * @return the quoted text.
     */
    static String quoted(final byte[] data)
    {
        if (null == data)
        {
            return "\"\"";
        }

        final String text = new String(data, StandardCharsets.UTF_8);
        return text.length() <= MAX_SHOWN_DATA_LENGTH ?
            '"' + text + '"' : '"' + text.substring(0, MAX_SHOWN_DATA_LENGTH) + "\"...";
    }
}
