package io.aerie.client.difftest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one system's raw zxids into their order of first appearance in that system's answers, so two systems whose
 * zxids differ in value (ZooKeeper spends zxids on sessions and failed writes, Aerie does not) are compared by
 * relation: the same zxid, a changed one, a later one. Zxid 0, the initial tree's, is always 0; the others count
 * from 1. Registrations since a {@link #mark()} can be undone, for answers whose difference was accepted whole.
 */
final class ZxidOrder
{
    private final Map<Long, Integer> ordinals = new HashMap<>();
    private final List<Long> inOrder = new ArrayList<>();

    /**
     * @return the ordinal of the zxid, registering it if it is new.
     */
    int ordinal(final long zxid)
    {
        if (0 == zxid)
        {
            return 0;
        }
        final Integer known = ordinals.get(zxid);
        if (null != known)
        {
            return known;
        }
        inOrder.add(zxid);
        ordinals.put(zxid, inOrder.size());
        return inOrder.size();
    }

    /**
     * @return a mark to {@link #rollback(int)} to.
     */
    int mark()
    {
        return inOrder.size();
    }

    /**
     * Forget the zxids registered since the mark.
     */
    void rollback(final int mark)
    {
        while (inOrder.size() > mark)
        {
            ordinals.remove(inOrder.remove(inOrder.size() - 1));
        }
    }
}
