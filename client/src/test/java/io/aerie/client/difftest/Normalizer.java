package io.aerie.client.difftest;

import io.aerie.codecs.ResultCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Normalizes one system's {@link Outcome}s into {@link Result}s: one per system per run, as it holds the system's
 * zxid order and the labels of its sessions. Stats are read field by field in a fixed order (czxid, mzxid, pzxid;
 * the main Stat before the multi results, in op order), so the first appearance of a zxid is the same place in
 * both systems when their relations agree.
 */
final class Normalizer
{
    private final ZxidOrder zxids = new ZxidOrder();
    private final Map<Long, String> sessionLabels;

    Normalizer()
    {
        this(new HashMap<>());
    }

    private Normalizer(final Map<Long, String> sessionLabels)
    {
        this.sessionLabels = sessionLabels;
    }

    /**
     * @return a normalizer with the same session labels and a zxid order of its own, empty: an answer it
     * normalizes has its zxids related within itself only.
     */
    Normalizer withOwnZxids()
    {
        return new Normalizer(sessionLabels);
    }

    /**
     * Name a session: its id in an ephemeralOwner reads as the label.
     */
    void session(final long sessionId, final String label)
    {
        sessionLabels.put(sessionId, label);
    }

    /**
     * @return the zxid order, to mark and roll back.
     */
    ZxidOrder zxids()
    {
        return zxids;
    }

    /**
     * @param kind the kind of op answered: a getData's answer has data, even null data.
     */
    Result normalize(final DiffOp.Kind kind, final Outcome outcome)
    {
        final Result.NStat stat = null == outcome.stat() ? null : stat(outcome.stat());
        List<Result.Sub> subs = null;
        if (null != outcome.subs())
        {
            subs = new ArrayList<>(outcome.subs().size());
            for (final Outcome.SubOutcome sub : outcome.subs())
            {
                subs.add(new Result.Sub(
                    sub.type(), codeName(sub.code()), sub.path(), null == sub.stat() ? null : stat(sub.stat())));
            }
        }
        final boolean hasData = DiffOp.Kind.GET_DATA == kind && 0 == outcome.code();
        return new Result(codeName(outcome.code()), outcome.path(), data(outcome.data(), hasData), outcome.names(), stat,
            outcome.count(), subs, outcome.exception());
    }

    Result.NStat stat(final RawStat raw)
    {
        final int czxid = zxids.ordinal(raw.czxid());
        final int mzxid = zxids.ordinal(raw.mzxid());
        final int pzxid = zxids.ordinal(raw.pzxid());
        final String times = raw.ctime() <= raw.mtime() ? "c<=m" : "c=" + raw.ctime() + ">m=" + raw.mtime();
        return new Result.NStat(czxid, mzxid, pzxid, times, raw.version(), raw.cversion(), raw.aversion(),
            owner(raw.ephemeralOwner()), raw.dataLength(), raw.numChildren());
    }

    String owner(final long ephemeralOwner)
    {
        if (0 == ephemeralOwner)
        {
            return "0";
        }
        final String label = sessionLabels.get(ephemeralOwner);
        return null != label ? label : "raw:0x" + Long.toHexString(ephemeralOwner);
    }

    static String codeName(final int code)
    {
        if (Outcome.CLIENT_REJECTED == code)
        {
            return "CLIENT_REJECTED";
        }
        for (final ResultCode resultCode : ResultCode.values())
        {
            if (ResultCode.NULL_VAL != resultCode && resultCode.value() == code)
            {
                return resultCode.name();
            }
        }
        return "CODE(" + code + ")";
    }

    /**
     * @param hasData whether the answer carries data at all; if not, the result has none (null), else null data
     *                reads "null".
     */
    static String data(final byte[] data, final boolean hasData)
    {
        if (!hasData)
        {
            return null;
        }
        if (null == data)
        {
            return "null";
        }
        if (0 == data.length)
        {
            return "empty";
        }
        final CRC32 crc = new CRC32();
        crc.update(data);
        return data.length + "B#" + Long.toHexString(crc.getValue());
    }
}
