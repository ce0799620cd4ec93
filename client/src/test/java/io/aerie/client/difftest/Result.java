package io.aerie.client.difftest;

import java.util.List;

/**
 * An {@link Outcome} normalized so that the two systems' answers compare with {@code equals}: codes by name, data
 * as null, empty or its bytes' digest, zxids as their {@link ZxidOrder} ordinals, session ids as session labels,
 * times as a relation. Fields an answer does not carry are null (or -1 for the count).
 *
 * @param code  the result code's name.
 * @param path  the created path of a create.
 * @param data  "null", "empty" or "&lt;length&gt;B#&lt;crc32&gt;".
 * @param names children or ephemeral paths, sorted.
 * @param stat  the Stat the answer carries.
 * @param count descendant count, else -1.
 * @param subs  per-op results of a multi.
 * @param exception simple name of the exception class the client threw ("NoNodeException" from both clients), or
 *                  null.
 */
record Result(
    String code, String path, String data, List<String> names, NStat stat, long count, List<Sub> subs, String exception)
{
    Result withPath(final String path)
    {
        return new Result(code, path, data, names, stat, count, subs, exception);
    }

    Result withStat(final NStat stat)
    {
        return new Result(code, path, data, names, stat, count, subs, exception);
    }

    Result withData(final String data)
    {
        return new Result(code, path, data, names, stat, count, subs, exception);
    }

    Result withSubs(final List<Sub> subs)
    {
        return new Result(code, path, data, names, stat, count, subs, exception);
    }

    /**
     * A normalized Stat.
     *
     * @param czxid          ordinal of the creating zxid.
     * @param mzxid          ordinal of the last data change's zxid.
     * @param pzxid          ordinal of the last child change's zxid.
     * @param times          "c<=m" when ctime is not after mtime, else both raw values.
     * @param version        data version.
     * @param cversion       child version as clients see it.
     * @param aversion       ACL version.
     * @param owner          "0", the owning session's label, or "raw:0x..." for an id that is no session's.
     * @param dataLength     data length.
     * @param numChildren    number of children.
     */
    record NStat(
        int czxid,
        int mzxid,
        int pzxid,
        String times,
        int version,
        int cversion,
        int aversion,
        String owner,
        int dataLength,
        int numChildren)
    {
        NStat withCversion(final int cversion)
        {
            return new NStat(czxid, mzxid, pzxid, times, version, cversion, aversion, owner, dataLength, numChildren);
        }

        NStat withOwner(final String owner)
        {
            return new NStat(czxid, mzxid, pzxid, times, version, cversion, aversion, owner, dataLength, numChildren);
        }
    }

    /**
     * A normalized per-op result of a multi.
     *
     * @param type CREATE, DELETE, SET_DATA, CHECK or ERROR.
     * @param code the sub-op's code name.
     * @param path created path of a create, else null.
     * @param stat the result's Stat, or null.
     */
    record Sub(String type, String code, String path, NStat stat)
    {
        Sub withStat(final NStat stat)
        {
            return new Sub(type, code, path, stat);
        }
    }
}
