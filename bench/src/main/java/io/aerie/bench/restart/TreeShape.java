package io.aerie.bench.restart;

/**
 * The tree the rig loads into both systems: {@code /load}, then {@code parents} parents {@code /load/pNNNNN}, each
 * with up to {@code childrenPerParent} leaves {@code nNNNNNNN} of {@link #DATA_LENGTH} bytes; {@code znodes} leaves
 * in all, created in order, parents first.
 */
final class TreeShape
{
    /** Data of every leaf, bytes. */
    static final int DATA_LENGTH = 100;
    /** The subtree the rig creates. */
    static final String ROOT = "/load";

    private final long leaves;
    private final int childrenPerParent;
    private final byte[] data = new byte[DATA_LENGTH];

    TreeShape(final long leaves, final int childrenPerParent)
    {
        this.leaves = leaves;
        this.childrenPerParent = childrenPerParent;
        for (int i = 0; i < DATA_LENGTH; i++)
        {
            data[i] = (byte)('a' + i % 26);
        }
    }

    long leaves()
    {
        return leaves;
    }

    long parents()
    {
        return (leaves + childrenPerParent - 1) / childrenPerParent;
    }

    /**
     * @return every znode under {@link #ROOT}, what getAllChildrenNumber of it answers once all are present.
     */
    long descendants()
    {
        return leaves + parents();
    }

    /**
     * @return the znodes the rig creates: the root of the load, the parents and the leaves.
     */
    long znodes()
    {
        return 1 + descendants();
    }

    byte[] data()
    {
        return data;
    }

    String parentPath(final long parent)
    {
        return String.format("%s/p%05d", ROOT, parent);
    }

    String leafPath(final long leaf)
    {
        return String.format("%s/p%05d/n%07d", ROOT, leaf / childrenPerParent, leaf);
    }

    /**
     * @return the leaf created last: when it reads back right after a restart, everything before it is there too.
     */
    String lastLeafPath()
    {
        return leafPath(leaves - 1);
    }
}
