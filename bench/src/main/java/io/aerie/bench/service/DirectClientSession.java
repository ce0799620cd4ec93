package io.aerie.bench.service;

import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;

/**
 * A further client session of a {@link DirectCluster}: its egress is counted on the cluster and discarded.
 */
final class DirectClientSession implements ClientSession
{
    private final DirectCluster cluster;
    private final long id;

    DirectClientSession(final DirectCluster cluster, final long id)
    {
        this.cluster = cluster;
        this.id = id;
    }

    @Override
    public long id()
    {
        return id;
    }

    @Override
    public int responseStreamId()
    {
        return 0;
    }

    @Override
    public String responseChannel()
    {
        return "";
    }

    @Override
    public byte[] encodedPrincipal()
    {
        return new byte[0];
    }

    @Override
    public void close()
    {
    }

    @Override
    public boolean isClosing()
    {
        return false;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return ++cluster.egressMessages;
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        return ++cluster.egressMessages;
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        throw new UnsupportedOperationException();
    }
}
