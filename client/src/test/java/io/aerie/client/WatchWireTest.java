package io.aerie.client;

import io.aerie.codecs.AddWatchRequestDecoder;
import io.aerie.codecs.AddWatchResponseDecoder;
import io.aerie.codecs.AddWatchResponseEncoder;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.ExistsRequestDecoder;
import io.aerie.codecs.KeepAliveResponseEncoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.RemoveWatchesRequestDecoder;
import io.aerie.codecs.RemoveWatchesResponseDecoder;
import io.aerie.codecs.RemoveWatchesResponseEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watch messages the client encodes and decodes.
 */
class WatchWireTest
{
    private final RequestEncoder encoder = new RequestEncoder();
    private final ResponseDecoder decoder = new ResponseDecoder();
    private final Response response = new Response();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @Test
    void shouldEncodeWatchFlagOfExists()
    {
        encoder.exists(5, "/a", true);

        final ExistsRequestDecoder request = new ExistsRequestDecoder().wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header);
        assertEquals(BooleanType.TRUE, request.watch());
        assertEquals("/a", request.path());
    }

    @Test
    void shouldEncodeAddWatch()
    {
        encoder.addWatch(7, "/a/b", WatchMode.PERSISTENT_RECURSIVE);

        final AddWatchRequestDecoder request = new AddWatchRequestDecoder().wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header);
        assertEquals(7, request.correlationId());
        assertEquals(WatchMode.PERSISTENT_RECURSIVE, request.mode());
        assertEquals("/a/b", request.path());
    }

    @Test
    void shouldEncodeRemoveWatches()
    {
        encoder.removeWatches(8, "/c", WatcherType.ANY, true);

        final RemoveWatchesRequestDecoder request =
            new RemoveWatchesRequestDecoder().wrapAndApplyHeader(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH, header);
        assertEquals(8, request.correlationId());
        assertEquals(WatcherType.ANY, request.watcherType());
        assertEquals(BooleanType.TRUE, request.local());
        assertEquals("/c", request.path());
    }

    @Test
    void shouldDecodeAddWatchResponse()
    {
        new AddWatchResponseEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).correlationId(3).code(ResultCode.OK).zxid(11);

        assertTrue(decoder.decode(buffer, 0, response));
        assertEquals(AddWatchResponseDecoder.TEMPLATE_ID, response.templateId());
        assertEquals(3, response.correlationId());
        assertEquals(ResultCode.OK, response.code());
        assertEquals(11, response.zxid());
    }

    @Test
    void shouldDecodeRemoveWatchesResponseWithNoWatcher()
    {
        new RemoveWatchesResponseEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(4).code(ResultCode.NO_WATCHER).zxid(12);

        assertTrue(decoder.decode(buffer, 0, response));
        assertEquals(RemoveWatchesResponseDecoder.TEMPLATE_ID, response.templateId());
        assertEquals(4, response.correlationId());
        assertEquals(ResultCode.NO_WATCHER, response.code());
    }

    @Test
    void shouldDecodeEventSequenceOfKeepAlive()
    {
        new KeepAliveResponseEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(5).code(ResultCode.OK).zxid(13).eventSequence(99);

        assertTrue(decoder.decode(buffer, 0, response));
        assertEquals(99, response.eventSequence);
    }
}
