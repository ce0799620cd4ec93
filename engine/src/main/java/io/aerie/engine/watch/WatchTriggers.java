package io.aerie.engine.watch;

import io.aerie.codecs.EventType;
import io.aerie.engine.tree.TreeChanges;
import org.agrona.DirectBuffer;

import static io.aerie.engine.watch.WatchRegistry.CHILD;
import static io.aerie.engine.watch.WatchRegistry.DATA;
import static io.aerie.engine.watch.WatchRegistry.PERSISTENT;

/**
 * ZooKeeper's rules for which watches a node change fires (its DataTree and WatchManager):
 * <ul>
 *     <li>created P: NODE_CREATED to data and persistent watches on P and recursive ones on P or an ancestor,
 *     then NODE_CHILDREN_CHANGED to child and persistent watches on P's parent;</li>
 *     <li>deleted P: NODE_DELETED to data, child and persistent watches on P and recursive ones on P or an
 *     ancestor, then NODE_CHILDREN_CHANGED to child and persistent watches on the parent;</li>
 *     <li>data changed P: NODE_DATA_CHANGED to data and persistent watches on P and recursive ones on P or an
 *     ancestor.</li>
 * </ul>
 * One-time watches are taken from the registry as they fire; persistent and recursive ones stay. Recursive
 * watches never see NODE_CHILDREN_CHANGED. A session hears of one change at most once per event.
 */
public final class WatchTriggers
{
    private final WatchRegistry registry;
    private final SessionIds recipients = new SessionIds();

    /**
     * @param registry the watches to fire.
     */
    public WatchTriggers(final WatchRegistry registry)
    {
        this.registry = registry;
    }

    /**
     * Fire the watches for every change of the last committed tree operation, in order.
     *
     * @param changes what the operation changed.
     * @param sink    told of each event with its recipients.
     */
    public void fire(final TreeChanges changes, final WatchEventSink sink)
    {
        if (0 == registry.watchCount())
        {
            return;
        }
        final DirectBuffer paths = changes.buffer();
        for (int i = 0, n = changes.size(); i < n; i++)
        {
            fire(changes.type(i), paths, changes.offset(i), changes.length(i), sink);
        }
    }

    /**
     * Fire the watches for one change.
     *
     * @param changeType {@link TreeChanges#CREATED}, {@link TreeChanges#DELETED} or {@link TreeChanges#DATA_CHANGED}.
     */
    public void fire(
        final byte changeType, final DirectBuffer path, final int offset, final int length, final WatchEventSink sink)
    {
        switch (changeType)
        {
            case TreeChanges.CREATED:
                fireNode(EventType.NODE_CREATED, path, offset, length, DATA | PERSISTENT, DATA, sink);
                fireParent(path, offset, length, sink);
                break;
            case TreeChanges.DELETED:
                fireNode(EventType.NODE_DELETED, path, offset, length, DATA | CHILD | PERSISTENT, DATA | CHILD, sink);
                fireParent(path, offset, length, sink);
                break;
            case TreeChanges.DATA_CHANGED:
                fireNode(EventType.NODE_DATA_CHANGED, path, offset, length, DATA | PERSISTENT, DATA, sink);
                break;
            default:
                throw new IllegalArgumentException("unknown change type " + changeType);
        }
    }

    private void fireNode(
        final EventType type,
        final DirectBuffer path,
        final int offset,
        final int length,
        final int matchKinds,
        final int clearKinds,
        final WatchEventSink sink)
    {
        recipients.clear();
        registry.collect(path, offset, length, matchKinds, clearKinds, recipients);
        registry.collectRecursive(path, offset, length, recipients);
        send(type, path, offset, length, sink);
    }

    private void fireParent(final DirectBuffer path, final int offset, final int length, final WatchEventSink sink)
    {
        final int parentLength = parentLength(path, offset, length);
        recipients.clear();
        registry.collect(path, offset, parentLength, CHILD | PERSISTENT, CHILD, recipients);
        send(EventType.NODE_CHILDREN_CHANGED, path, offset, parentLength, sink);
    }

    private void send(
        final EventType type, final DirectBuffer path, final int offset, final int length, final WatchEventSink sink)
    {
        if (recipients.sortDistinct() > 0)
        {
            sink.onEvent(type, path, offset, length, recipients);
        }
    }

    /**
     * @return length of the parent's path: the bytes before the last '/', or 1 for a child of the root.
     */
    static int parentLength(final DirectBuffer path, final int offset, final int length)
    {
        for (int i = length - 1; i > 0; i--)
        {
            if ('/' == path.getByte(offset + i))
            {
                return i;
            }
        }
        return 1;
    }
}
