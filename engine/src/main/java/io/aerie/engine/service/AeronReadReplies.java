package io.aerie.engine.service;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.exceptions.RegistrationException;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * {@link ReadReplies} over the service container's Aeron client: each client read connection gets an exclusive
 * publication, added without blocking the service thread (the driver answers while the node keeps applying the log).
 */
final class AeronReadReplies implements ReadReplies
{
    private final Aeron aeron;

    AeronReadReplies(final Aeron aeron)
    {
        this.aeron = aeron;
    }

    @Override
    public Channel open(final String channel, final int streamId)
    {
        return new AeronChannel(aeron, aeron.asyncAddExclusivePublication(channel, streamId));
    }

    private static final class AeronChannel implements Channel
    {
        private final Aeron aeron;
        private final long registrationId;
        private ExclusivePublication publication;
        private boolean failed;

        AeronChannel(final Aeron aeron, final long registrationId)
        {
            this.aeron = aeron;
            this.registrationId = registrationId;
        }

        @Override
        public boolean isConnected()
        {
            if (null == publication && !failed)
            {
                try
                {
                    publication = aeron.getExclusivePublication(registrationId);
                }
                catch (final RegistrationException ex)
                {
                    // A channel the driver refuses (bad URI, port clash): the connection never opens and is dropped.
                    failed = true;
                }
            }
            return null != publication && publication.isConnected();
        }

        @Override
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            return null == publication ? Publication.NOT_CONNECTED : publication.offer(buffer, offset, length);
        }

        @Override
        public void close()
        {
            if (null != publication)
            {
                CloseHelper.quietClose(publication);
            }
            else if (!failed)
            {
                aeron.asyncRemovePublication(registrationId);
            }
            failed = true;
        }
    }
}
