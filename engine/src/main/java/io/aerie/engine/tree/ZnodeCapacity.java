package io.aerie.engine.tree;

/**
 * How full a tree is against its znode limit, {@link ZnodeTreeContext#maxZnodes()}: the znodes clients created
 * (the root and the reserved {@code /zookeeper} nodes aside), whether that is near the limit, and how many creates
 * the limit, or a store out of space, refused. A metric of this replica: nothing the state machine decides reads
 * the refusal count. Not thread safe: the tree's thread reads it and publishes the values.
 */
public final class ZnodeCapacity
{
    private final NodeStore store;
    private final long maxZnodes;
    private final long warningZnodes;
    private long limitHits;

    ZnodeCapacity(final NodeStore store, final long maxZnodes)
    {
        this.store = store;
        this.maxZnodes = maxZnodes;
        this.warningZnodes = Math.max(1, maxZnodes / 100 * ZnodeTreeConfiguration.ZNODE_CAPACITY_WARNING_PERCENT +
            maxZnodes % 100 * ZnodeTreeConfiguration.ZNODE_CAPACITY_WARNING_PERCENT / 100);
    }

    /**
     * @return the most znodes clients may create, {@link ZnodeTreeContext#maxZnodes()}.
     */
    public long limit()
    {
        return maxZnodes;
    }

    /**
     * @return znodes clients created: every znode but the root and the three reserved ones.
     */
    public long used()
    {
        return store.nodeCount() - 1 - ReservedNodes.COUNT;
    }

    /**
     * @return true once {@link #used()} reaches {@link ZnodeTreeConfiguration#ZNODE_CAPACITY_WARNING_PERCENT} of
     * {@link #limit()}: creates still succeed, but not for long.
     */
    public boolean isNearLimit()
    {
        return used() >= warningZnodes;
    }

    /**
     * @return creates refused with ZNODE_LIMIT since the tree was built: at the limit, or the off-heap store out of
     * space first (large data, or sizing hints far from the real tree).
     */
    public long limitHits()
    {
        return limitHits;
    }

    /**
     * Whether a create must be refused because clients hold {@link #limit()} znodes already; a refusal is counted.
     */
    boolean refuseCreate()
    {
        if (used() >= maxZnodes)
        {
            limitHits++;
            return true;
        }
        return false;
    }

    /**
     * Count a create refused because the store ran out of space.
     */
    void storeFull()
    {
        limitHits++;
    }
}
