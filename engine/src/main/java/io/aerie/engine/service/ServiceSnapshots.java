package io.aerie.engine.service;

import io.aerie.engine.snapshot.ServiceSnapshotLoader;
import io.aerie.engine.snapshot.ServiceSnapshotTaker;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import org.agrona.concurrent.IdleStrategy;

/**
 * The service's snapshot hooks: its state handed to {@code engine.snapshot}'s taker and loader.
 */
final class ServiceSnapshots
{
    private ServiceSnapshots()
    {
    }

    /**
     * Write the service's state: the last zxid, the sessions (with their identities), the watches, the tree.
     */
    static void take(final ServiceState state, final ExclusivePublication publication, final IdleStrategy idleStrategy)
    {
        new ServiceSnapshotTaker(publication, idleStrategy)
            .snapshot(state.lastZxid, state.sessions, state.watches, state.tree);
    }

    /**
     * Replace the service's state with a snapshot's, if the service starts from one.
     *
     * @param image the snapshot, or null to start empty.
     * @throws IllegalStateException if the snapshot cannot be loaded.
     */
    static void load(final ServiceState state, final Image image, final IdleStrategy idleStrategy)
    {
        if (null != image)
        {
            state.lastZxid = new ServiceSnapshotLoader(state.sessions, state.watches, state.tree).load(image, idleStrategy);
            if (state.tree.snapshots().loadedFromCopy())
            {
                state.counters.treeCopyRestores.increment();
            }
            else if (null != state.tree.context().mapDir())
            {
                state.counters.treeCopyFallbacks.increment();
            }
        }
    }
}
