package io.aerie.gateway;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four-letter words on a gateway with no cluster behind it (none is needed to answer them), before and after its
 * Aeron client closes, as it does by itself when its media driver goes away: the gateway, and the node it may run
 * beside, must then answer as a ZooKeeper server that is not serving, not read the client's unmapped counters.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FourLetterWordsTest
{
    @TempDir
    File tempDir;

    private ZooKeeperGateway gateway;

    @BeforeEach
    void launch()
    {
        gateway = ZooKeeperGateway.launch(new ZooKeeperGateway.Context()
            .host("127.0.0.1")
            .port(0)
            .ingressEndpoints("0=localhost:1")
            .embeddedAeronDirectoryName(new File(tempDir, "aeron").getPath())
            .fourLetterWords("ruok,srvr,stat,mntr"));
    }

    @AfterEach
    void close()
    {
        CloseHelper.close(gateway);
    }

    @Test
    void shouldAnswerWithTheGatewaysFigures() throws IOException
    {
        assertEquals("imok", ask("ruok"));
        final String srvr = ask("srvr");
        assertTrue(srvr.startsWith("Zookeeper version: " + FourLetterWords.VERSION + "\n"), srvr);
        assertTrue(srvr.contains("\nMode: standalone\n"), srvr);
    }

    @Test
    void shouldAnswerAsAServerNotServingOnceItsAeronClientHasClosed() throws IOException
    {
        gateway.aeron().close();

        assertEquals("This ZooKeeper instance is not currently serving requests\n", ask("srvr"));
        assertEquals("This ZooKeeper instance is not currently serving requests\n", ask("mntr"));
        assertEquals("", ask("ruok"));
        assertEquals("dump is not executed because it is not in the whitelist.\n", ask("dump"));
    }

    private String ask(final String word) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream answer = new ByteArrayOutputStream();
            final byte[] chunk = new byte[4096];
            for (int read = in.read(chunk); read > 0; read = in.read(chunk))
            {
                answer.write(chunk, 0, read);
            }
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }
}
