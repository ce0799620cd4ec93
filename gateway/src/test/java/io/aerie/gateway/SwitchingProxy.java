package io.aerie.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on loopback whose target can be changed: {@link #pause()} cuts every connection and refuses new ones
 * (they are closed at once), {@link #target(int)} points new connections elsewhere. Lets a test move a ZooKeeper
 * client from one server to another, with a gap between, without the client knowing.
 */
final class SwitchingProxy implements AutoCloseable
{
    private final ServerSocket server;
    private final List<Socket> open = new ArrayList<>();
    private final Thread acceptor;
    private volatile int targetPort;

    SwitchingProxy(final int targetPort) throws IOException
    {
        this.targetPort = targetPort;
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "switching-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return server.getLocalPort();
    }

    /**
     * Cut every connection; refuse new ones until {@link #target(int)}.
     */
    synchronized void pause()
    {
        targetPort = 0;
        closeOpen();
    }

    /**
     * Send new connections to {@code port} (127.0.0.1).
     */
    synchronized void target(final int port)
    {
        targetPort = port;
    }

    public void close() throws IOException
    {
        server.close();
        synchronized (this)
        {
            closeOpen();
        }
    }

    private void accept()
    {
        while (!server.isClosed())
        {
            try
            {
                final Socket client = server.accept();
                final int port = targetPort;
                if (0 == port)
                {
                    client.close();
                    continue;
                }
                final Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port);
                synchronized (this)
                {
                    open.add(client);
                    open.add(upstream);
                }
                pipe(client, upstream);
                pipe(upstream, client);
            }
            catch (final IOException ex)
            {
                // Closed, or the target refused: the client sees its connection drop and tries again.
            }
        }
    }

    private static void pipe(final Socket from, final Socket to) throws IOException
    {
        final InputStream in = from.getInputStream();
        final OutputStream out = to.getOutputStream();
        final Thread thread = new Thread(() ->
        {
            final byte[] buffer = new byte[8192];
            try
            {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer))
                {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (final IOException ex)
            {
                // One side closed.
            }
            finally
            {
                quietClose(from);
                quietClose(to);
            }
        }, "switching-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeOpen()
    {
        open.forEach(SwitchingProxy::quietClose);
        open.clear();
    }

    private static void quietClose(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            // Already closed.
        }
    }
}
