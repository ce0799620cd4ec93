package io.aerie.client.difftest;

import java.util.List;

/**
 * What one system answered to a {@link DiffOp}, before normalization. Fields an answer does not carry are null
 * (or -1 for the count).
 *
 * @param code     ZooKeeper's numeric result code (Aerie uses the same numbers), or {@link #CLIENT_REJECTED}.
 * @param path     the created path of a create.
 * @param data     data of a getData; null data stays null.
 * @param names    children of a getChildren, paths of a getEphemerals.
 * @param stat     the Stat the answer carries.
 * @param count    descendant count of a getAllChildrenNumber, else -1.
 * @param subs     per-op results of a multi.
 * @param exception simple name of the exception class the client threw, or null.
 */
record Outcome(
    int code, String path, byte[] data, List<String> names, RawStat stat, long count, List<SubOutcome> subs,
    String exception)
{
    /**
     * ZooKeeper's NONODE, as the code of an exists that found nothing (both clients answer null, not an exception).
     */
    static final int NO_NODE = -101;

    /**
     * Code for a request a client library refused before sending it (ZooKeeper's client validates paths).
     */
    static final int CLIENT_REJECTED = Integer.MIN_VALUE;

    static Outcome code(final int code)
    {
        return new Outcome(code, null, null, null, null, -1, null, null);
    }

    static Outcome error(final int code, final String exception)
    {
        return new Outcome(code, null, null, null, null, -1, null, exception);
    }

    static Outcome ok()
    {
        return code(0);
    }

    static Outcome stat(final RawStat stat)
    {
        return new Outcome(0, null, null, null, stat, -1, null, null);
    }

    /**
     * One sub-op's result in a multi.
     *
     * @param type OK results: CREATE, DELETE, SET_DATA or CHECK; a failed multi's results: ERROR.
     * @param code the sub-op's code: OK before the failing op, its error, RUNTIME_INCONSISTENCY after it.
     * @param path the created path of a create, else null.
     * @param stat the Stat the result carries, or null.
     */
    record SubOutcome(String type, int code, String path, RawStat stat)
    {
    }
}
