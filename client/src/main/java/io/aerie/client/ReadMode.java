package io.aerie.client;

/**
 * How a client's reads that leave no watch are served (README "Reads"). Reads that leave a watch, and sync, always
 * go through the log.
 */
public enum ReadMode
{
    /**
     * Through the cluster's log, as writes: each read sees every write acknowledged before it was sent, by any
     * client (linearizable). Costs a consensus round, and every read takes the leader's and the log's capacity.
     */
    LINEARIZABLE,

    /**
     * ZooKeeper's read model: answered by one node (the client's local one if it has one) from its own state,
     * beside the log, never older than anything this client has seen (read-your-writes, monotonic reads, across
     * nodes and failover); another client's newer write may not be visible yet. {@code sync(path)} then a read is
     * linearizable.
     */
    LOCAL
}
