package io.aerie.gateway;

import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;

/**
 * ZooKeeper's wire protocol spoken by hand, for requests the ZooKeeper Java client has no method for (a lone check,
 * checkWatches of a watch it does not hold): jute records over a socket, one request and its reply at a time.
 */
final class RawZooKeeperConnection implements AutoCloseable
{
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int nextXid = 1;

    /**
     * A reply: its header, and the bytes of its body (empty when the server sent none).
     */
    record Reply(int xid, int err, byte[] body)
    {
        public String toString()
        {
            return "xid=" + xid + " err=" + err + " body=" + body.length + " bytes";
        }
    }

    /**
     * Connect and open a new session.
     */
    RawZooKeeperConnection(final String host, final int port, final int sessionTimeoutMs) throws IOException
    {
        socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
        write(null, new ConnectRequest(0, 0, sessionTimeoutMs, 0, new byte[16], false));
        final ConnectResponse response = new ConnectResponse();
        response.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(readFrame())), "connect");
        if (0 == response.getSessionId())
        {
            throw new IOException("no session");
        }
    }

    /**
     * Send one request and read frames until its reply (watch notifications, xid -1, are skipped).
     */
    Reply call(final int type, final Record request) throws IOException
    {
        final int xid = nextXid++;
        write(new RequestHeader(xid, type), request);
        while (true)
        {
            final byte[] frame = readFrame();
            final ByteArrayInputStream bytes = new ByteArrayInputStream(frame);
            final ReplyHeader header = new ReplyHeader();
            header.deserialize(BinaryInputArchive.getArchive(bytes), "header");
            if (header.getXid() == xid)
            {
                return new Reply(xid, header.getErr(), Arrays.copyOfRange(frame, frame.length - bytes.available(),
                    frame.length));
            }
        }
    }

    /**
     * @return true if the server closes the connection (nothing more to read) within the socket's timeout; false if
     * it sends anything more.
     */
    boolean isClosedByPeer() throws IOException
    {
        try
        {
            return -1 == in.read();
        }
        catch (final java.net.SocketException ex)
        {
            // A reset is a close too.
            return true;
        }
    }

    public void close() throws IOException
    {
        socket.close();
    }

    private void write(final RequestHeader header, final Record request) throws IOException
    {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final BinaryOutputArchive archive = BinaryOutputArchive.getArchive(buffer);
        if (null != header)
        {
            header.serialize(archive, "header");
        }
        request.serialize(archive, "request");
        out.writeInt(buffer.size());
        buffer.writeTo(out);
        out.flush();
    }

    private byte[] readFrame() throws IOException
    {
        final byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return frame;
    }
}
