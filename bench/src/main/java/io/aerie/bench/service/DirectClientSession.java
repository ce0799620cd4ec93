package io.aerie.bench.service;

import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.logbuffer.BufferClaim;
import io.aerie.engine.session.Principal;
import org.agrona.DirectBuffer;

import java.util.List;

/**
 * A further client session of a {@link DirectCluster}: its egress is counted on the cluster and discarded.
 */
final class DirectClientSession implements ClientSession
{
    private static final long TOKEN_BASE = 0x7E57_0000_0000_0000L;

    private final DirectCluster cluster;
    private final long id;
    private final byte[] principal;

    DirectClientSession(final DirectCluster cluster, final long id)
    {
        this.cluster = cluster;
        this.id = id;
        // What the node's authenticator would make of a client's credentials: a token and a password seed.
        this.principal = Principal.encode(token(), id, ~id, List.of(), List.of());
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
        return "aeron:ipc";
    }

    /**
     * @return the token this session authenticated with, which every request on it carries.
     */
    long token()
    {
        return TOKEN_BASE | id;
    }

    @Override
    public byte[] encodedPrincipal()
    {
        return principal;
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
