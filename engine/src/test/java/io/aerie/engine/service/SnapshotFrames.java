package io.aerie.engine.service;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A service snapshot as the messages the cluster would archive, and the IPC stream (on an embedded media driver)
 * to take one from a service and to load one into a service. Saved to a file as the messages in order, each as a
 * little-endian int32 length and its bytes: the form of the committed fixtures under {@code snapshots/}.
 */
final class SnapshotFrames implements AutoCloseable
{
    private static final int STREAM_ID = 7;
    private static int nextStreamOffset;

    private final MediaDriver driver;
    private final Aeron aeron;

    SnapshotFrames(final File dir)
    {
        this(dir, 4 * 1024 * 1024);
    }

    /**
     * @param ipcTermLength term length of the streams: an eighth of it is the longest message they take.
     */
    SnapshotFrames(final File dir, final int ipcTermLength)
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(new File(dir, "aeron").getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .ipcTermBufferLength(ipcTermLength)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    /**
     * @return the messages of the service's snapshot, in order.
     */
    List<byte[]> take(final AerieClusteredService service)
    {
        final int streamId = STREAM_ID + nextStreamOffset++;
        try (Subscription subscription = aeron.addSubscription("aeron:ipc", streamId);
            ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", streamId))
        {
            awaitConnected(subscription, publication);
            final Image image = subscription.imageAtIndex(0);
            service.onTakeSnapshot(publication);
            publication.close();
            final List<byte[]> messages = new ArrayList<>();
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final byte[] message = new byte[length];
                buffer.getBytes(offset, message);
                messages.add(message);
            });
            while (!image.isEndOfStream())
            {
                if (0 == image.poll(assembler, 100))
                {
                    Thread.yield();
                }
            }
            return messages;
        }
    }

    /**
     * Offer the messages on a new stream and end it.
     *
     * @return the image holding them, ended: valid until this is closed.
     */
    Image replay(final List<byte[]> messages)
    {
        final int streamId = STREAM_ID + nextStreamOffset++;
        final Subscription subscription = aeron.addSubscription("aeron:ipc", streamId);
        try (ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", streamId))
        {
            awaitConnected(subscription, publication);
            for (final byte[] message : messages)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(message);
                long result;
                while ((result = publication.offer(buffer)) < 0)
                {
                    if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
                    {
                        throw new IllegalStateException(Publication.errorString(result));
                    }
                    Thread.yield();
                }
            }
            return subscription.imageAtIndex(0);
        }
    }

    static void write(final Path file, final List<byte[]> messages) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer length = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (final byte[] message : messages)
        {
            out.write(length.clear().putInt(message.length).array());
            out.write(message);
        }
        Files.write(file, out.toByteArray());
    }

    static List<byte[]> read(final byte[] file)
    {
        final ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        final List<byte[]> messages = new ArrayList<>();
        while (in.hasRemaining())
        {
            final byte[] message = new byte[in.getInt()];
            in.get(message);
            messages.add(message);
        }
        return messages;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    private static void awaitConnected(final Subscription subscription, final ExclusivePublication publication)
    {
        while (!publication.isConnected() || 0 == subscription.imageCount())
        {
            Thread.yield();
        }
    }
}
