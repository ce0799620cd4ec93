package io.aerie.bench.suite;

/**
 * A {@link SystemUnderTest} whose sessions can read from a chosen server, for the read rows (issue 15): ZooKeeper's
 * read model, a read served by one server's own state, beside a linearizable read. Aerie serves the first with
 * {@code ReadMode.LOCAL} from a chosen member and the second through the log; ZooKeeper the first from the server a
 * session is connected to and the second with {@code sync} then {@code getData}. Same lifecycle and thread as
 * {@link SystemUnderTest}; the methods are valid once the target is started.
 */
public interface ReadTarget
{
    /**
     * @return the servers' indexes in the order the read rows use them: the followers first (in index order), then
     * the leader; a single server for a one-node target.
     * @throws Exception if no leader can be found in time.
     */
    int[] readServers() throws Exception;

    /**
     * Open a session whose reads without a watch are answered by this server's own state: not linearizable (a
     * follower may lag), never older than what the session has seen.
     *
     * @param server index from {@link #readServers()}.
     * @return a connected client, owned by the caller.
     * @throws Exception if no session could be established in time.
     */
    LoadClient connectLocalReader(int server) throws Exception;

    /**
     * Open a session whose reads are linearizable: each sees every write acknowledged before it was sent.
     *
     * @return a connected client, owned by the caller.
     * @throws Exception if no session could be established in time.
     */
    LoadClient connectLinearizableReader() throws Exception;

    /**
     * @return reads the servers have answered from their own state so far (Aerie's {@code aerie_local_reads}
     * counters, summed), so a row can prove its reads did not fall back to another path; -1 if the target cannot
     * tell (ZooKeeper: every read without sync is local).
     */
    long localReadsServed();
}
