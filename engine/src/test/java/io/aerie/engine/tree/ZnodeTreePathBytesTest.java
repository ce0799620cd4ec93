package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tree's byte entry points: a path is taken as UTF-8 bytes at an offset in a larger buffer (as a request
 * carries it), checked without being decoded, and the created path is given back as bytes.
 */
class ZnodeTreePathBytesTest
{
    private final TreeFixture f = new TreeFixture();
    private final Stat stat = new Stat();

    @AfterEach
    void close()
    {
        f.close();
    }

    @Test
    void shouldCreateAndReadANodeWhosePathIsInTheMiddleOfABuffer()
    {
        final UnsafeBuffer request = bytes("xx/caf\u00e9yy");
        assertEquals(ResultCode.OK, f.tree.create(f.nextZxid(), 1, TreeFixture.SESSION, request, 2, 6,
            null, 0, 0, TreeFixture.OPEN, CreateMode.PERSISTENT, 0, stat));

        assertEquals(ResultCode.OK, f.tree.exists("/caf\u00e9", stat), "the same node as the text form names");
        assertEquals(ResultCode.OK, f.tree.exists(request, 2, 6, stat));
        assertEquals("/caf\u00e9", createdPath());
    }

    @Test
    void shouldGiveBackTheSequentialPathCreatedAsBytes()
    {
        f.tree.create(f.nextZxid(), 1, TreeFixture.SESSION, "/q", null, 0, 0, TreeFixture.OPEN, CreateMode.PERSISTENT, 0,
            null, stat);
        final UnsafeBuffer prefix = bytes("/q/job-");
        f.tree.create(f.nextZxid(), 1, TreeFixture.SESSION, prefix, 0, 7,
            null, 0, 0, TreeFixture.OPEN, CreateMode.PERSISTENT_SEQUENTIAL, 0, stat);
        assertEquals(ResultCode.OK, f.tree.create(f.nextZxid(), 1, TreeFixture.SESSION, prefix, 0, 7,
            null, 0, 0, TreeFixture.OPEN, CreateMode.PERSISTENT_SEQUENTIAL, 0, stat));

        assertEquals("/q/job-0000000001", createdPath());
    }

    @Test
    void shouldRefuseMalformedUtf8AsAnInvalidPathAndChangeNothing()
    {
        final long nodes = f.tree.nodeCount();
        final UnsafeBuffer overlongSlash = new UnsafeBuffer(new byte[]{ '/', 'a', (byte)0xC0, (byte)0xAF, 'b' });

        assertEquals(ResultCode.INVALID_PATH, f.tree.create(f.nextZxid(), 1, TreeFixture.SESSION, overlongSlash, 0, 5,
            null, 0, 0, TreeFixture.OPEN, CreateMode.PERSISTENT, 0, stat));
        assertEquals(ResultCode.INVALID_PATH, f.tree.setData(f.nextZxid(), 1, overlongSlash, 0, 5, null, 0, 0, -1, stat));
        assertEquals(nodes, f.tree.nodeCount());
        assertEquals(0, f.tree.createdPathLength());
    }

    @Test
    void shouldRefuseAPathLongerThanTheLimitBeforeCopyingIt()
    {
        final byte[] longPath = new byte[f.tree.context().maxPathLength() + 1];
        java.util.Arrays.fill(longPath, (byte)'a');
        longPath[0] = '/';

        assertEquals(ResultCode.INVALID_PATH, f.tree.create(f.nextZxid(), 1, TreeFixture.SESSION,
            new UnsafeBuffer(longPath), 0, longPath.length, null, 0, 0, TreeFixture.OPEN, CreateMode.PERSISTENT, 0, stat));
        assertEquals(ResultCode.INVALID_PATH, f.tree.exists(new UnsafeBuffer(longPath), 0, longPath.length, stat));
    }

    private String createdPath()
    {
        final byte[] bytes = new byte[f.tree.createdPathLength()];
        f.tree.createdPath().getBytes(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
