package io.aerie.engine.watch;

import io.aerie.codecs.snapshot.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.aerie.engine.watch.WatchRegistry.CHILD;
import static io.aerie.engine.watch.WatchRegistry.DATA;
import static io.aerie.engine.watch.WatchRegistry.PERSISTENT;
import static io.aerie.engine.watch.WatchRegistry.RECURSIVE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchRegistryTest
{
    private final WatchRegistry registry = new WatchRegistry();
    private final SessionIds out = new SessionIds();

    @Test
    void shouldKeepOneEntryPerSessionAndPathWithItsKinds()
    {
        assertTrue(add(1, "/a", DATA));
        assertFalse(add(1, "/a", DATA));
        assertTrue(add(1, "/a", CHILD));

        assertEquals(DATA | CHILD, kinds(1, "/a"));
        assertEquals(2, registry.watchCount());
        assertEquals(1, registry.pathCount());
        assertEquals(1, registry.sessionCount());
    }

    @Test
    void shouldCountEachSessionsWatchesThroughAddFireAndSessionEnd()
    {
        add(1, "/a", DATA | CHILD);
        add(1, "/b", PERSISTENT);
        add(2, "/a", DATA);

        registry.collect(bytes("/a"), 0, length("/a"), DATA, DATA, out);

        assertEquals(2, registry.watchCount(1), "the fired one-time data watch no longer counts");
        assertEquals(0, registry.watchCount(2));
        registry.removeSession(1);
        assertEquals(0, registry.watchCount(1));
    }

    @Test
    void shouldRemoveOnlyTheKindsAskedAndReportThem()
    {
        add(1, "/a", DATA | PERSISTENT);

        assertEquals(0, remove(1, "/a", CHILD));
        assertEquals(DATA, remove(1, "/a", DATA | CHILD));
        assertEquals(PERSISTENT, kinds(1, "/a"));
        assertEquals(PERSISTENT, remove(1, "/a", WatchRegistry.ALL));
        assertEquals(0, registry.pathCount());
        assertEquals(0, registry.sessionCount());
        assertEquals(0, remove(2, "/missing", WatchRegistry.ALL));
    }

    @Test
    void shouldCollectMatchingSessionsAndClearOneTimeKinds()
    {
        add(3, "/a", DATA);
        add(1, "/a", PERSISTENT);
        add(2, "/a", CHILD);

        registry.collect(bytes("/a"), 0, length("/a"), DATA | PERSISTENT, DATA, out);

        assertArrayEquals(new long[]{ 1, 3 }, sorted());
        assertEquals(0, kinds(3, "/a"));
        assertEquals(PERSISTENT, kinds(1, "/a"));
        assertEquals(CHILD, kinds(2, "/a"));
    }

    @Test
    void shouldCollectRecursiveWatchesOnThePathAndEveryAncestor()
    {
        add(1, "/", RECURSIVE);
        add(2, "/a", RECURSIVE);
        add(3, "/a/b", RECURSIVE);
        add(4, "/a/bc", RECURSIVE);
        add(5, "/a/b/c/d", RECURSIVE);
        add(6, "/a", PERSISTENT);

        registry.collectRecursive(bytes("/a/b/c"), 0, length("/a/b/c"), out);

        assertArrayEquals(new long[]{ 1, 2, 3 }, sorted());
    }

    @Test
    void shouldCollectRecursiveWatchOnTheRootForTheRoot()
    {
        add(1, "/", RECURSIVE);

        registry.collectRecursive(bytes("/"), 0, 1, out);

        assertArrayEquals(new long[]{ 1 }, sorted());
    }

    @Test
    void shouldDropEverythingOfAnEndedSession()
    {
        add(1, "/a", DATA);
        add(1, "/b", RECURSIVE);
        add(2, "/a", CHILD);

        registry.removeSession(1);

        assertEquals(0, kinds(1, "/a"));
        assertEquals(CHILD, kinds(2, "/a"));
        assertEquals(1, registry.watchCount());
        assertEquals(1, registry.pathCount());
        registry.collectRecursive(bytes("/b/x"), 0, length("/b/x"), out);
        assertEquals(0, out.size());
    }

    @Test
    void shouldRoundTripThroughASnapshot()
    {
        add(2, "/a/ü", DATA | CHILD);
        add(1, "/b", RECURSIVE);
        add(1, "/a", PERSISTENT);
        final byte[] first = snapshot(registry);

        final WatchRegistry loaded = load(first);

        assertEquals(DATA | CHILD, loaded.kinds(2, bytes("/a/ü"), 0, length("/a/ü")));
        assertEquals(RECURSIVE, loaded.kinds(1, bytes("/b"), 0, 2));
        assertEquals(registry.watchCount(), loaded.watchCount());
        assertArrayEquals(first, snapshot(loaded), "a loaded registry writes the same snapshot");
    }

    @Test
    void shouldAgreeWithAModelUnderRandomChurn()
    {
        final Random random = new Random(42);
        final Map<String, Integer> model = new TreeMap<>();
        final List<String> paths = new ArrayList<>();
        for (int i = 0; i < 3_000; i++)
        {
            paths.add("/n" + (i % 50) + "/p" + i);
        }
        for (int step = 0; step < 200_000; step++)
        {
            final long session = 1 + random.nextInt(20);
            final String path = paths.get(random.nextInt(paths.size()));
            final int kinds = 1 << random.nextInt(4);
            final String key = session + " " + path;
            switch (random.nextInt(4))
            {
                case 0, 1 ->
                {
                    add(session, path, kinds);
                    model.merge(key, kinds, (a, b) -> a | b);
                }
                case 2 ->
                {
                    final int had = model.getOrDefault(key, 0);
                    assertEquals(had & kinds, remove(session, path, kinds), key);
                    if (0 == (had & ~kinds))
                    {
                        model.remove(key);
                    }
                    else
                    {
                        model.put(key, had & ~kinds);
                    }
                }
                default ->
                {
                    if (random.nextInt(100) == 0)
                    {
                        registry.removeSession(session);
                        model.keySet().removeIf(k -> k.startsWith(session + " "));
                    }
                }
            }
        }
        long watches = 0;
        for (final Map.Entry<String, Integer> entry : model.entrySet())
        {
            final String[] parts = entry.getKey().split(" ");
            assertEquals(entry.getValue(), kinds(Long.parseLong(parts[0]), parts[1]), entry.getKey());
            watches += Integer.bitCount(entry.getValue());
        }
        assertEquals(watches, registry.watchCount());
        for (final String path : paths)
        {
            for (long session = 1; session <= 20; session++)
            {
                assertEquals(model.getOrDefault(session + " " + path, 0), kinds(session, path));
            }
        }
    }

    private boolean add(final long session, final String path, final int kinds)
    {
        return registry.add(session, bytes(path), 0, length(path), kinds);
    }

    private int remove(final long session, final String path, final int kinds)
    {
        return registry.remove(session, bytes(path), 0, length(path), kinds);
    }

    private int kinds(final long session, final String path)
    {
        return registry.kinds(session, bytes(path), 0, length(path));
    }

    private long[] sorted()
    {
        final long[] ids = new long[out.sortDistinct()];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = out.get(i);
        }
        return ids;
    }

    /**
     * @return the registry's snapshot messages, each as a little-endian int32 length and its bytes.
     */
    private static byte[] snapshot(final WatchRegistry registry)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        registry.writeSnapshot((msgTypeId, buffer, index, length) ->
        {
            bytes.writeBytes(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array());
            final byte[] message = new byte[length];
            buffer.getBytes(index, message);
            bytes.writeBytes(message);
        });
        return bytes.toByteArray();
    }

    private static WatchRegistry load(final byte[] snapshot)
    {
        final WatchRegistry loaded = new WatchRegistry();
        final UnsafeBuffer buffer = new UnsafeBuffer(snapshot);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (int offset = 0; offset < snapshot.length; offset += Integer.BYTES + buffer.getInt(offset))
        {
            header.wrap(buffer, offset + Integer.BYTES);
            loaded.loadSnapshot(header.templateId(), buffer, offset + Integer.BYTES + MessageHeaderDecoder.ENCODED_LENGTH,
                header.blockLength(), header.version());
        }
        return loaded;
    }

    private static UnsafeBuffer bytes(final String path)
    {
        return new UnsafeBuffer(path.getBytes(StandardCharsets.UTF_8));
    }

    private static int length(final String path)
    {
        return path.getBytes(StandardCharsets.UTF_8).length;
    }
}
