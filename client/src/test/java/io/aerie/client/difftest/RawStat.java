package io.aerie.client.difftest;

/**
 * A Stat as a system reported it, before normalization: raw zxids, times and session ids.
 */
record RawStat(
    long czxid,
    long mzxid,
    long pzxid,
    long ctime,
    long mtime,
    int version,
    int cversion,
    int aversion,
    long ephemeralOwner,
    int dataLength,
    int numChildren)
{
    static RawStat of(final io.aerie.codecs.model.Stat stat)
    {
        return new RawStat(stat.czxid(), stat.mzxid(), stat.pzxid(), stat.ctime(), stat.mtime(), stat.version(),
            stat.cversion(), stat.aversion(), stat.ephemeralOwner(), stat.dataLength(), stat.numChildren());
    }

    static RawStat of(final org.apache.zookeeper.data.Stat stat)
    {
        return null == stat ? null : new RawStat(stat.getCzxid(), stat.getMzxid(), stat.getPzxid(), stat.getCtime(),
            stat.getMtime(), stat.getVersion(), stat.getCversion(), stat.getAversion(), stat.getEphemeralOwner(),
            stat.getDataLength(), stat.getNumChildren());
    }
}
