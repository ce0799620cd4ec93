package io.aerie.client.recipes;

/**
 * When a node of a queue may proceed (lead, hold a lock, hold a lease), and otherwise what it waits on: the rule
 * that distinguishes the recipes built on {@link SequentialNode}.
 * <p>
 * A decision is taken on a fresh {@link QueueSnapshot}. Waiting on one node (its deletion) is what keeps a queue
 * free of the herd effect: each waiter watches a different node, and one deletion wakes one waiter.
 */
interface QueuePolicy
{
    /** The node may proceed. */
    int READY = -1;

    /** The node waits for any change of the queue's children (a child watch set by the read itself). */
    int WATCH_CHILDREN = -2;

    /**
     * @param queue    the queue's nodes in creation order.
     * @param ownIndex the deciding node's position in {@code queue}.
     * @return {@link #READY}, {@link #WATCH_CHILDREN}, or the position of the node whose deletion to wait for.
     */
    int decide(QueueSnapshot queue, int ownIndex);

    /**
     * @return true if a waiting node needs a child watch on the queue rather than a watch on one node.
     */
    default boolean watchesChildren()
    {
        return false;
    }

    /**
     * The oldest node proceeds; every other waits for the node just before it (election, mutex, write lock).
     */
    QueuePolicy OLDEST = (queue, ownIndex) -> 0 == ownIndex ? READY : ownIndex - 1;

    /**
     * A read lock: proceeds when no write node is older, waits for the youngest older write node. A write node
     * of the same lock instance (a holder downgrading from write to read) does not block it.
     */
    final class ReadPolicy implements QueuePolicy
    {
        private final int writeKind;
        private long exemptSequence = -1;

        /**
         * @param writeKind kind (prefix index) of write nodes.
         */
        ReadPolicy(final int writeKind)
        {
            this.writeKind = writeKind;
        }

        /**
         * @param sequence the sequence of this instance's held write node, or -1.
         */
        void exemptSequence(final long sequence)
        {
            exemptSequence = sequence;
        }

        @Override
        public int decide(final QueueSnapshot queue, final int ownIndex)
        {
            for (int i = ownIndex - 1; i >= 0; i--)
            {
                if (writeKind == queue.kind(i) && exemptSequence != queue.sequence(i))
                {
                    return i;
                }
            }
            return READY;
        }
    }

    /**
     * A lease of a counting semaphore: proceeds while fewer than {@code maxLeases} lease nodes are older. A node
     * admitted stays among the {@code maxLeases} oldest (new ones are younger), so at most that many are held at
     * once. Which older node leaves first is unknown, so a waiter watches the children; the semaphore lets only
     * one waiter do so at a time.
     */
    final class LeasePolicy implements QueuePolicy
    {
        private final int maxLeases;

        LeasePolicy(final int maxLeases)
        {
            this.maxLeases = maxLeases;
        }

        @Override
        public int decide(final QueueSnapshot queue, final int ownIndex)
        {
            return ownIndex < maxLeases ? READY : WATCH_CHILDREN;
        }

        @Override
        public boolean watchesChildren()
        {
            return true;
        }
    }
}
