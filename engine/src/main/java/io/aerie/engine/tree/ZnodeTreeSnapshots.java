package io.aerie.engine.tree;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * The tree's persistence, apart from its operations: its part of the service snapshot ({@code TreeHeader}, then a
 * {@code Znode} per node, written and loaded by the service's snapshot taker and loader) and the copies of its maps
 * kept beside snapshots when the maps are files ({@link ZnodeTreeContext#mapDir()}), which a restart from the same
 * snapshot maps back instead of inserting every node. Obtained from {@link ZnodeTree#snapshots()}; one per tree.
 * <p>
 * Not thread safe: the tree's thread (the clustered service's).
 */
public final class ZnodeTreeSnapshots
{
    private final TreeSnapshot snapshot;
    private final TreeCopies copies;
    private final NodeStore store;

    ZnodeTreeSnapshots(final TreeSnapshot snapshot, final TreeCopies copies, final NodeStore store)
    {
        this.snapshot = snapshot;
        this.copies = copies;
        this.store = store;
    }

    /**
     * Write the whole tree as snapshot messages: a {@code TreeHeader}, then a {@code Znode} per node, parents first.
     *
     * @param out receives each encoded message (template id, buffer, offset 0, length); the buffer is reused.
     */
    public void write(final MessageHandler out)
    {
        snapshot.write(out);
    }

    /**
     * Keep a copy of the maps beside the snapshot just written by {@link #write}, for a restart from it to map back;
     * does nothing when the maps are in memory. A copy that cannot be written is reported to the error handler and
     * the snapshot stands alone (a restart from it loads it).
     *
     * @param snapshotPosition log position of that snapshot.
     * @param snapshotTime     log time of that snapshot ({@code cluster.time()}).
     */
    public void saveCopy(final long snapshotPosition, final long snapshotTime)
    {
        copies.save(snapshotPosition, snapshotTime, store);
    }

    /**
     * @return true if the current or last snapshot load adopted the copy of the maps kept with that snapshot instead
     * of inserting its nodes: once true (at the snapshot's {@code TreeHeader}) the tree holds the whole snapshot and
     * the load needs only {@link #endLoad()}; the {@code Znode} messages after it may be left unread.
     */
    public boolean loadedFromCopy()
    {
        return snapshot.adoptedCopy();
    }

    /**
     * Load one snapshot message written by {@link #write} (a {@code TreeHeader} empties the tree or adopts the
     * restored copy, each {@code Znode} adds a node unless the copy was adopted), given its body's offset, block
     * length and schema version from its header.
     *
     * @throws IllegalStateException if the message is corrupt or out of order: {@link #abortLoad()} then.
     */
    public void load(
        final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        snapshot.load(templateId, buffer, offset, blockLength, version);
    }

    /**
     * Complete a load; a tree saved before the reserved nodes existed gains them, alike on every replica.
     *
     * @throws IllegalStateException if it held other than the nodes it declared: {@link #abortLoad()} then.
     */
    public void endLoad()
    {
        snapshot.endLoad();
    }

    /**
     * Give up a load that failed: the tree is reset to the root and the reserved nodes alone.
     */
    public void abortLoad()
    {
        copies.discardRestored(); // A copy that failed its check against the snapshot must not be tried again.
        snapshot.abortLoad();
    }
}
