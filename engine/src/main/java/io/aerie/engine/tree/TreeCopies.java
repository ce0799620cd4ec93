package io.aerie.engine.tree;

import java.io.IOException;

/**
 * The copies of a tree's maps kept beside its snapshots, when the maps are files ({@link ZnodeTreeContext#mapDir()}):
 * at start, the copy kept with the snapshot about to be loaded is mapped back (the load then verifies it instead of
 * inserting every node), or, with no usable copy, the maps start empty; after a snapshot is written, a copy of the
 * maps is saved beside it; a copy that failed its check against its snapshot is discarded. With the maps in memory
 * there are no copies and each of these does nothing. A copy that cannot be written or opened is reported to the
 * tree's error handler, and the snapshot stands alone. The tree's thread.
 */
final class TreeCopies
{
    private final ZnodeTreeContext ctx;
    private final MappedTreeFiles files;
    private MappedTreeFiles.CopyTag restoredTag;

    TreeCopies(final ZnodeTreeContext ctx)
    {
        this.ctx = ctx;
        this.files = null == ctx.mapDir() ? null : new MappedTreeFiles(ctx.mapDir());
    }

    /**
     * Open the tree's store: on the copy kept with that snapshot if there is one that opens (maps a copy was made
     * with other sizes cannot), else on empty maps.
     *
     * @param snapshotPosition log position of the snapshot about to be loaded, or -1 for none.
     * @return the store.
     */
    NodeStore openStore(final long snapshotPosition)
    {
        final MappedTreeFiles.CopyTag restored = restoreFiles(snapshotPosition);
        if (null != restored)
        {
            try
            {
                final NodeStore restoredStore = new NodeStore(ctx, files);
                restoredTag = restored;
                return restoredStore;
            }
            catch (final RuntimeException ex)
            {
                ctx.errorHandler().onError(ex);
                files.discardWork();
            }
        }
        return new NodeStore(ctx, files);
    }

    /**
     * @return the tag of the copy the store was opened on, or null if it was opened empty.
     */
    MappedTreeFiles.CopyTag restoredTag()
    {
        return restoredTag;
    }

    /**
     * Keep a copy of the maps beside the snapshot just written.
     *
     * @param snapshotPosition log position of that snapshot.
     * @param snapshotDigest   digest of what was written.
     * @param store            the tree's store, which describes its maps in the tag.
     */
    void save(final long snapshotPosition, final long snapshotDigest, final NodeStore store)
    {
        if (null == files)
        {
            return;
        }
        final MappedTreeFiles.CopyTag tag = new MappedTreeFiles.CopyTag();
        tag.snapshotPosition = snapshotPosition;
        tag.snapshotDigest = snapshotDigest;
        store.describe(tag);
        try
        {
            files.save(tag);
        }
        catch (final IOException | RuntimeException ex)
        {
            ctx.errorHandler().onError(ex);
        }
    }

    /**
     * The load from the restored copy failed: that copy must not be tried again.
     */
    void discardRestored()
    {
        if (null != restoredTag && null != files)
        {
            files.discardCopy(restoredTag.snapshotPosition);
        }
        restoredTag = null;
    }

    private MappedTreeFiles.CopyTag restoreFiles(final long snapshotPosition)
    {
        if (null == files)
        {
            return null;
        }
        if (snapshotPosition < 0)
        {
            files.discardWork();
            return null;
        }
        return files.restore(snapshotPosition);
    }
}
