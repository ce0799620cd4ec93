package io.aerie.bench.suite.zookeeper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * ZooKeeper's four-letter-word commands ({@code ruok}, {@code srvr}, ...) over a plain socket to a client port:
 * the readiness and leader checks. The servers started here whitelist {@code srvr, stat, mntr, ruok}.
 */
final class FourLetterWords
{
    /** Reply of {@code ruok} from a running server. */
    static final String IM_OK = "imok";

    private static final String MODE_PREFIX = "Mode: ";

    private FourLetterWords()
    {
    }

    /**
     * Send one command and read the whole reply (the server closes the connection after it).
     *
     * @param port      client port on 127.0.0.1.
     * @param command   four letters, e.g. {@code "srvr"}.
     * @param timeoutMs connect and read timeout, ms.
     * @return the reply, possibly empty.
     * @throws IOException if the server cannot be reached or does not answer in time.
     */
    static String send(final int port, final String command, final int timeoutMs) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(ZooKeeperConfigFile.HOST, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            final OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();

            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream reply = new ByteArrayOutputStream();
            final byte[] chunk = new byte[1024];
            int read;
            while ((read = in.read(chunk)) != -1)
            {
                reply.write(chunk, 0, read);
            }

            return reply.toString(StandardCharsets.US_ASCII);
        }
    }

    /**
     * The server's role from a {@code srvr} reply.
     *
     * @param srvrReply the reply of {@code srvr}.
     * @return {@code "leader"}, {@code "follower"}, {@code "standalone"}, ... or null if the reply has no mode
     * line (the server is not serving yet, e.g. during an election).
     */
    static String mode(final String srvrReply)
    {
        final int start = srvrReply.indexOf(MODE_PREFIX);
        if (start < 0)
        {
            return null;
        }

        int end = srvrReply.indexOf('\n', start);
        if (end < 0)
        {
            end = srvrReply.length();
        }

        return srvrReply.substring(start + MODE_PREFIX.length(), end).trim();
    }
}
