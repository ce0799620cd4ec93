package io.aerie.engine.tree;

import io.aerie.codecs.model.NameList;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Depth-first walk of the whole tree from the root, parents before children, children in sorted order:
 * the same tree is always visited in the same order, which snapshots rely on. Not a hot path: it is used
 * for snapshots and digests.
 */
final class TreeWalker
{
    /**
     * Receives each node of a walk.
     */
    interface Visitor
    {
        /**
         * @param path       UTF-8 path bytes from offset 0.
         * @param pathLength length of the path.
         * @param record     the node's record (see {@link NodeRecord}).
         */
        void visit(DirectBuffer path, int pathLength, DirectBuffer record);
    }

    private final NodeStore store;
    private final int maxPathLength;
    private final ExpandableArrayBuffer stack = new ExpandableArrayBuffer(4096);
    private int[] stackOffsets = new int[64];
    private int stackSize;
    private final ExpandableArrayBuffer current = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[NodeRecord.MAX_LENGTH]);
    private final NameList children = new NameList();
    private final Counter counter = new Counter();

    TreeWalker(final NodeStore store, final int maxPathLength)
    {
        this.store = store;
        this.maxPathLength = maxPathLength;
    }

    void walk(final Visitor visitor)
    {
        current.putByte(0, (byte)'/');
        walk(current, 1, visitor);
    }

    /**
     * Walk the subtree under an existing node, that node first.
     */
    void walk(final DirectBuffer startPath, final int startPathLength, final Visitor visitor)
    {
        stackSize = 0;
        push(startPath, startPathLength);
        while (stackSize > 0)
        {
            final int pathLength = pop();
            store.readRecord(current, pathLength, record);
            visitor.visit(current, pathLength, record);

            children.clear();
            final long nodeId = NodeRecord.nodeId(record);
            for (int slot = 0, n = NodeRecord.numChildren(record); slot < n; slot++)
            {
                final int offset = children.reserve(maxPathLength);
                children.commit(store.members.read(MemberIndex.CHILDREN, nodeId, slot, children.mutableBuffer(), offset));
            }
            children.sort();
            // Push in reverse so the smallest child is popped, and visited, first.
            final int prefixLength = 1 == pathLength ? 0 : pathLength;
            for (int i = children.size() - 1; i >= 0; i--)
            {
                final int offset = stackOffsets[stackSize] = stackTop();
                stack.putBytes(offset + 4, current, 0, prefixLength);
                stack.putByte(offset + 4 + prefixLength, (byte)'/');
                stack.putBytes(offset + 5 + prefixLength, children.buffer(), children.offset(i), children.length(i));
                stack.putInt(offset, prefixLength + 1 + children.length(i));
                stackSize++;
                growIfFull();
            }
        }
    }

    /**
     * Count the nodes of the subtree under an existing node, that node included.
     *
     * @return the count, at least 1.
     */
    long count(final DirectBuffer startPath, final int startPathLength)
    {
        counter.count = 0;
        walk(startPath, startPathLength, counter);
        return counter.count;
    }

    private void push(final DirectBuffer path, final int length)
    {
        final int offset = stackOffsets[stackSize] = stackTop();
        stack.putInt(offset, length);
        stack.putBytes(offset + 4, path, 0, length);
        stackSize++;
        growIfFull();
    }

    private int pop()
    {
        final int offset = stackOffsets[--stackSize];
        final int length = stack.getInt(offset);
        current.putBytes(0, stack, offset + 4, length);
        return length;
    }

    private int stackTop()
    {
        if (0 == stackSize)
        {
            return 0;
        }
        final int previous = stackOffsets[stackSize - 1];
        return previous + 4 + stack.getInt(previous);
    }

    private void growIfFull()
    {
        if (stackSize == stackOffsets.length)
        {
            stackOffsets = java.util.Arrays.copyOf(stackOffsets, stackSize * 2);
        }
    }

    private static final class Counter implements Visitor
    {
        long count;

        @Override
        public void visit(final DirectBuffer path, final int pathLength, final DirectBuffer record)
        {
            count++;
        }
    }
}
