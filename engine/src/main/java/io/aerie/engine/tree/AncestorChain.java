package io.aerie.engine.tree;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The nodes of a snapshot load whose records are not yet written: the path from the root to the node loaded
 * last, each with its record kept on the heap while its children arrive and count themselves in.
 * <p>
 * A snapshot lists nodes depth-first, parents before children, so a node's parent is on this chain when the node
 * arrives; the chain is cut back to that parent, and every node cut off has seen all its children and is written
 * to the store once, with its final child count. Loading a million nodes this way writes each record once,
 * instead of reading and rewriting the parent's record for every child. A stream in another order still loads:
 * a parent no longer on the chain is read back from the store.
 * <p>
 * The paths of the chain are prefixes of one another, so one buffer holds the deepest path and each level keeps
 * only its length. Single-threaded; reused across loads.
 */
final class AncestorChain
{
    private final NodeStore store;
    private final ExpandableArrayBuffer path = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer records = new ExpandableArrayBuffer(64 * NodeRecord.MAX_LENGTH);
    private final UnsafeBuffer nodeView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer parentView = new UnsafeBuffer(0, 0);
    private int[] pathLengths = new int[64];
    private int depth;

    AncestorChain(final NodeStore store)
    {
        this.store = store;
    }

    /**
     * Make the node at {@code parentPath} the deepest of the chain, writing the nodes cut off to the store; read
     * it from the store if it is not on the chain.
     *
     * @return false if the store does not hold the parent either.
     */
    boolean cutTo(final DirectBuffer parentPath, final int parentLength)
    {
        while (depth > 0)
        {
            if (pathLengths[depth - 1] == parentLength && isPrefix(parentPath, parentLength))
            {
                return true;
            }
            writeDeepest();
        }
        if (!store.readRecord(parentPath, parentLength, push(parentPath, parentLength)))
        {
            depth = 0;
            return false;
        }
        return true;
    }

    /**
     * Add a node below the deepest one (its parent, after {@link #cutTo}), or as the first node of an empty chain.
     *
     * @return the buffer of its record, to be filled by the caller; written to the store when it is cut off.
     * Valid until the next push; {@link #parent()} is then its parent's.
     */
    UnsafeBuffer push(final DirectBuffer nodePath, final int nodePathLength)
    {
        if (depth == pathLengths.length)
        {
            pathLengths = java.util.Arrays.copyOf(pathLengths, depth * 2);
        }
        records.checkLimit((depth + 1) * NodeRecord.MAX_LENGTH);
        path.putBytes(0, nodePath, 0, nodePathLength);
        pathLengths[depth++] = nodePathLength;
        if (depth > 1)
        {
            wrap(parentView, depth - 2);
        }
        return wrap(nodeView, depth - 1);
    }

    /**
     * @return the record of the parent of the node pushed last, to be changed in place.
     */
    UnsafeBuffer parent()
    {
        return parentView;
    }

    /**
     * Write every node still on the chain to the store: the load has ended.
     */
    void writeAll()
    {
        while (depth > 0)
        {
            writeDeepest();
        }
    }

    /**
     * Forget the chain without writing it: the load failed.
     */
    void reset()
    {
        depth = 0;
    }

    private void writeDeepest()
    {
        store.writeRecord(path, pathLengths[depth - 1], wrap(nodeView, depth - 1));
        depth--;
    }

    private UnsafeBuffer wrap(final UnsafeBuffer view, final int level)
    {
        view.wrap(records, level * NodeRecord.MAX_LENGTH, NodeRecord.MAX_LENGTH);
        return view;
    }

    private boolean isPrefix(final DirectBuffer other, final int length)
    {
        for (int i = length - 1; i >= 0; i--)
        {
            if (path.getByte(i) != other.getByte(i))
            {
                return false;
            }
        }
        return true;
    }
}
