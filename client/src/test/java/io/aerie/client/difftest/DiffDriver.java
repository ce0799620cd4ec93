package io.aerie.client.difftest;

import io.aerie.codecs.CreateMode;

import java.util.List;

/**
 * The operations the differential test runs, over one coordination service: ZooKeeper's client API reduced to
 * what both systems have. Each call is synchronous and answers an {@link Outcome} (errors as codes, never thrown).
 * Sessions live in numbered slots; closing a slot ends its session (its ephemerals go) and opens a new one.
 */
interface DiffDriver extends AutoCloseable
{
    /**
     * @return name of the system, for reports.
     */
    String name();

    /**
     * Open a session in a free slot.
     *
     * @throws Exception if the session could not be opened.
     */
    void openSession(int slot) throws Exception;

    /**
     * Close the slot's session and wait until the service has ended it.
     *
     * @throws Exception if the session could not be closed.
     */
    void closeSession(int slot) throws Exception;

    /**
     * @return the session id of the slot's open session.
     */
    long sessionId(int slot);

    Outcome create(int slot, String path, byte[] data, CreateMode mode, long ttlMs, boolean withStat);

    Outcome delete(int slot, String path, int version);

    Outcome setData(int slot, String path, byte[] data, int version);

    Outcome getData(int slot, String path);

    /**
     * @return NO_NODE's code when the node does not exist, as for the other reads.
     */
    Outcome exists(int slot, String path);

    /**
     * @return the children, sorted, and the parent's Stat.
     */
    Outcome getChildren(int slot, String path);

    /**
     * @param ops sub-ops of kinds CREATE, DELETE, SET_DATA and CHECK.
     */
    Outcome multi(int slot, List<DiffOp> ops);

    Outcome getAllChildrenNumber(int slot, String path);

    /**
     * @return the slot's session's ephemeral paths starting with the prefix, sorted.
     */
    Outcome getEphemerals(int slot, String prefix);

    @Override
    void close();
}
