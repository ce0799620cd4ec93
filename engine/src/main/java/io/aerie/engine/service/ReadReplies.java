package io.aerie.engine.service;

import org.agrona.DirectBuffer;

/**
 * Where a node's answers to local reads go: one {@link Channel} per client read connection, opened on the client's
 * declared response channel. A seam so service tests capture answers without a media driver. Service thread only.
 */
interface ReadReplies
{
    /**
     * Start opening a channel to a client's read subscription; it is usable once {@link Channel#isConnected()}.
     *
     * @param channel  Aeron channel the client declared, already checked.
     * @param streamId stream id the client declared.
     * @return the channel, possibly not yet connected.
     */
    Channel open(String channel, int streamId);

    /**
     * One client's answer channel.
     */
    interface Channel
    {
        /**
         * @return true once the client's subscription is connected and answers can be offered.
         */
        boolean isConnected();

        /**
         * Offer once, as {@link io.aeron.Publication#offer(DirectBuffer, int, int)}.
         *
         * @return the new position, or a negative Publication status.
         */
        long offer(DirectBuffer buffer, int offset, int length);

        /**
         * Release the channel; safe to call twice.
         */
        void close();
    }
}
