package io.aerie.client.recipes;

/**
 * Told of a {@link SequentialNode}'s progress, on the client's polling thread, as the last action of a client
 * callback: it may make the node leave or enter again.
 */
interface QueueListener
{
    /** Gone because the session expired or was closed. */
    int SESSION_ENDED = 1;
    /** Gone because the node (or its parent) was deleted by someone else. */
    int NODE_DELETED = 2;
    /** Gone because a request failed with an error; see {@link SequentialNode#failure()}. */
    int FAILED = 3;

    /** A listener for recipes that only read the node's state. */
    QueueListener NO_OP = new QueueListener()
    {
        @Override
        public void onReady(final SequentialNode node)
        {
        }

        @Override
        public void onSuspended(final SequentialNode node)
        {
        }

        @Override
        public void onGone(final SequentialNode node, final int cause)
        {
        }
    };

    /** The node may proceed. */
    void onReady(SequentialNode node);

    /** A READY node may no longer be: the connection was lost, or the queue changed under it. */
    void onSuspended(SequentialNode node);

    /** The node is gone; {@code cause} is {@link #SESSION_ENDED}, {@link #NODE_DELETED} or {@link #FAILED}. */
    void onGone(SequentialNode node, int cause);
}
