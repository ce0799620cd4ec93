package io.aerie.client.difftest;

import io.aerie.codecs.CreateMode;

import java.util.List;

/**
 * One operation of a differential run, described the same way for both systems. A multi holds its sub-ops in
 * {@link #subOps()}; the other kinds leave it empty.
 *
 * @param kind     what to do.
 * @param session  the session slot that does it.
 * @param path     the path named (the prefix for getEphemerals).
 * @param data     data of a create or setData; null stays distinct from empty.
 * @param mode     create mode of a create.
 * @param ttlMs    TTL of a create in a TTL mode, else -1.
 * @param version  expected version of a delete, setData or check; -1 for any.
 * @param withStat whether a create asks for the new node's Stat (ZooKeeper's create2).
 * @param subOps   the sub-ops of a multi.
 */
record DiffOp(
    Kind kind,
    int session,
    String path,
    byte[] data,
    CreateMode mode,
    long ttlMs,
    int version,
    boolean withStat,
    List<DiffOp> subOps)
{
    /**
     * Largest TTL ZooKeeper encodes in an ephemeralOwner, ms.
     */
    static final long MAX_TTL_MS = 0xFF_FFFF_FFFFL;

    /**
     * Kinds of operations; CHECK only inside a multi.
     */
    enum Kind
    {
        CREATE, DELETE, SET_DATA, CHECK, GET_DATA, EXISTS, GET_CHILDREN, MULTI, GET_ALL_CHILDREN_NUMBER,
        GET_EPHEMERALS, CLOSE_SESSION
    }

    static DiffOp create(
        final int session, final String path, final byte[] data, final CreateMode mode, final long ttlMs, final boolean withStat)
    {
        return new DiffOp(Kind.CREATE, session, path, data, mode, ttlMs, -1, withStat, List.of());
    }

    static DiffOp delete(final int session, final String path, final int version)
    {
        return new DiffOp(Kind.DELETE, session, path, null, null, -1, version, false, List.of());
    }

    static DiffOp setData(final int session, final String path, final byte[] data, final int version)
    {
        return new DiffOp(Kind.SET_DATA, session, path, data, null, -1, version, false, List.of());
    }

    static DiffOp check(final int session, final String path, final int version)
    {
        return new DiffOp(Kind.CHECK, session, path, null, null, -1, version, false, List.of());
    }

    static DiffOp read(final Kind kind, final int session, final String path)
    {
        return new DiffOp(kind, session, path, null, null, -1, -1, false, List.of());
    }

    static DiffOp multi(final int session, final List<DiffOp> subOps)
    {
        return new DiffOp(Kind.MULTI, session, null, null, null, -1, -1, false, List.copyOf(subOps));
    }

    static DiffOp closeSession(final int session)
    {
        return new DiffOp(Kind.CLOSE_SESSION, session, null, null, null, -1, -1, false, List.of());
    }

    /**
     * @return this create with the TTL if its mode is a TTL mode, else with -1.
     */
    DiffOp withTtlForMode(final long ttlMs)
    {
        final boolean isTtl = CreateMode.PERSISTENT_WITH_TTL == mode || CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode;
        return new DiffOp(kind, session, path, data, mode, isTtl ? ttlMs : -1, version, withStat, subOps);
    }

    /**
     * @return whether this create, or a create among this multi's sub-ops, has a TTL mode and a TTL ZooKeeper cannot
     * encode (not above 0, or above 40 bits).
     */
    boolean hasInvalidTtl()
    {
        if ((CreateMode.PERSISTENT_WITH_TTL == mode || CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode) &&
            (ttlMs <= 0 || ttlMs > MAX_TTL_MS))
        {
            return true;
        }
        for (final DiffOp subOp : subOps)
        {
            if (subOp.hasInvalidTtl())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the op in a form that can be read back by a person replaying a run: data as null, empty or length.
     */
    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder();
        out.append('s').append(session).append(' ').append(kind);
        switch (kind)
        {
            case MULTI ->
            {
                out.append(" [");
                for (int i = 0; i < subOps.size(); i++)
                {
                    final DiffOp subOp = subOps.get(i);
                    out.append(0 == i ? "" : ", ").append(subOp.toString().substring(subOp.toString().indexOf(' ') + 1));
                }
                out.append(']');
            }
            case CLOSE_SESSION ->
            {
            }
            case CREATE -> out.append(' ').append(path).append(' ').append(mode)
                .append(-1 != ttlMs ? " ttl=" + ttlMs : "").append(" data=").append(describe(data))
                .append(withStat ? " +stat" : "");
            case SET_DATA -> out.append(' ').append(path).append(" data=").append(describe(data)).append(" v=").append(version);
            case DELETE, CHECK -> out.append(' ').append(path).append(" v=").append(version);
            default -> out.append(' ').append(path);
        }
        return out.toString();
    }

    static String describe(final byte[] data)
    {
        return null == data ? "null" : 0 == data.length ? "empty" : data.length + "B";
    }
}
