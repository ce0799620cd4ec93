package io.aerie.client;

import java.util.concurrent.locks.LockSupport;

/**
 * A client JVM's media driver start, alone, for {@link ClientMediaDriverTest}: opens an embedded driver in the
 * directory given, prints {@code ready}, then either waits to be killed ({@code hold}) or leaves the JVM without
 * closing anything ({@code exit}), as an application that forgets to close its client.
 */
public final class EmbeddedDriverChild
{
    private EmbeddedDriverChild()
    {
    }

    /**
     * @param args the embedded driver's directory, then {@code hold} or {@code exit}.
     */
    public static void main(final String[] args)
    {
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.connection()
            .ingressEndpoints("0=localhost:1")
            .embeddedAeronDirectoryName(args[0]);
        final ClientMediaDriver driver = ClientMediaDriver.open(clientCtx
            .conclude());
        System.out.println("ready " + driver.aeronDirectoryName());
        System.out.flush();
        if ("exit".equals(args[1]))
        {
            System.exit(0);
        }
        while (true)
        {
            LockSupport.park();
        }
    }
}
