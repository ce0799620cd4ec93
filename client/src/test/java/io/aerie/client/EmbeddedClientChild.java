package io.aerie.client;

import java.util.concurrent.locks.LockSupport;

/**
 * A client JVM for {@link AerieClientMediaDriverClusterTest}: connects an {@link AerieClient} that embeds its
 * driver in the directory given, prints {@code connected}, then polls until it is killed.
 */
public final class EmbeddedClientChild
{
    private EmbeddedClientChild()
    {
    }

    /**
     * @param args ingress endpoints, ingress channel, egress channel, the embedded driver's directory.
     * @throws AerieException if the session cannot be opened.
     */
    public static void main(final String[] args) throws AerieException
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.connection()
            .ingressEndpoints(args[0])
            .ingressChannel(args[1])
            .egressChannel(args[2])
            .embeddedAeronDirectoryName(args[3]);
        final AerieClient client = AerieClient.connect(clientCtx);
        System.out.printf("connected 0x%x%n", client.sessionId());
        System.out.flush();
        while (true)
        {
            client.poll();
            LockSupport.parkNanos(1_000_000);
        }
    }
}
