package io.aerie.tools;

import io.aerie.codecs.model.Stat;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Text forms of znode stats and data for the console, with zxids and session ids in hex as ZooKeeper prints them.
 * Used by the demo and by {@code aerie shell}; stateless, any thread.
 */
public final class StatFormat
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
    public static String summary(final Stat stat)
    {
        return "czxid=" + hex(stat.czxid()) +
            " mzxid=" + hex(stat.mzxid()) +
            " version=" + stat.version() +
            " ephemeralOwner=" + hex(stat.ephemeralOwner()) +
            " dataLength=" + stat.dataLength() +
            " numChildren=" + stat.numChildren();
    }

    /**
     * A stat as zkCli prints it (its {@code StatPrinter}): eleven {@code name = value} lines, zxids and the ephemeral
     * owner in hex, times as {@link Date#toString()} in the JVM's time zone.
     *
     * @param stat the znode's stat.
     * @return the lines, each ending in a line separator.
     */
    public static String zkCli(final Stat stat)
    {
        final String eol = System.lineSeparator();
        return "cZxid = " + hex(stat.czxid()) + eol +
            "ctime = " + new Date(stat.ctime()) + eol +
            "mZxid = " + hex(stat.mzxid()) + eol +
            "mtime = " + new Date(stat.mtime()) + eol +
            "pZxid = " + hex(stat.pzxid()) + eol +
            "cversion = " + stat.cversion() + eol +
            "dataVersion = " + stat.version() + eol +
            "aclVersion = " + stat.aversion() + eol +
            "ephemeralOwner = " + hex(stat.ephemeralOwner()) + eol +
            "dataLength = " + stat.dataLength() + eol +
            "numChildren = " + stat.numChildren() + eol;
    }

    /**
     * @param value a zxid or session id.
     * @return {@code 0x} and the value in lower-case hex.
     */
    public static String hex(final long value)
    {
        return "0x" + Long.toHexString(value);
    }

    /**
     * Data as quoted UTF-8 text, shortened when long; null and empty data as {@code ""}.
     *
     * @param data a znode's data, may be null.
     * @return the quoted text.
     */
    public static String quoted(final byte[] data)
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
