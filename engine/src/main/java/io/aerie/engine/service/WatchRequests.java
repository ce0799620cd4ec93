package io.aerie.engine.service;

import io.aerie.codecs.AddWatchRequestDecoder;
import io.aerie.codecs.AddWatchResponseEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.RemoveWatchesRequestDecoder;
import io.aerie.codecs.RemoveWatchesResponseEncoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.codecs.model.Paths;
import io.aerie.engine.watch.WatchRegistry;
import io.aerie.engine.session.Session;
import io.aeron.cluster.service.ClientSession;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * addWatch and removeWatches, and the watches reads leave. Watches change replicated state but no znode, so
 * they take no zxid; the answers are remembered like writes', so a resend after a failover gets the answer
 * the first application gave (a second removal would otherwise say NO_WATCHER).
 */
final class WatchRequests
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final ServiceState state;
    private final AddWatchRequestDecoder addDecoder = new AddWatchRequestDecoder();
    private final AddWatchResponseEncoder addEncoder = new AddWatchResponseEncoder();
    private final RemoveWatchesRequestDecoder removeDecoder = new RemoveWatchesRequestDecoder();
    private final RemoveWatchesResponseEncoder removeEncoder = new RemoveWatchesResponseEncoder();
    private final UnsafeBuffer path = new UnsafeBuffer(0, 0);

    WatchRequests(final ServiceState state)
    {
        this.state = state;
    }

    void onAddWatch(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final AddWatchRequestDecoder decoder = addDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final WatchMode mode = decoder.mode();
        decoder.wrapPath(path);
        if (state.answerResentWrite(clientSession, session, correlationId, AddWatchRequestDecoder.TEMPLATE_ID))
        {
            return;
        }

        ResultCode code = checkPath();
        if (ResultCode.OK == code)
        {
            switch (mode)
            {
                case PERSISTENT: code = state.leaveWatch(session.id(), path, WatchRegistry.PERSISTENT); break;
                case PERSISTENT_RECURSIVE: code = state.leaveWatch(session.id(), path, WatchRegistry.RECURSIVE); break;
                default: code = ResultCode.BAD_ARGUMENTS;
            }
        }

        final AddWatchResponseEncoder encoder = addEncoder.wrapAndApplyHeader(state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.sendWriteResponse(clientSession, session, correlationId, HEADER + encoder.encodedLength());
    }

    void onRemoveWatches(
        final ClientSession clientSession,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        final RemoveWatchesRequestDecoder decoder = removeDecoder.wrap(buffer, offset + HEADER, blockLength, version);
        final long correlationId = decoder.correlationId();
        final int kinds = kindsOf(decoder.watcherType());
        decoder.wrapPath(path);
        if (state.answerResentWrite(clientSession, session, correlationId, RemoveWatchesRequestDecoder.TEMPLATE_ID))
        {
            return;
        }

        ResultCode code = checkPath();
        if (ResultCode.OK == code)
        {
            if (0 == kinds)
            {
                code = ResultCode.BAD_ARGUMENTS;
            }
            else if (0 == state.watches.remove(session.id(), path, 0, path.capacity(), kinds))
            {
                code = ResultCode.NO_WATCHER;
            }
        }

        final RemoveWatchesResponseEncoder encoder = removeEncoder.wrapAndApplyHeader(
            state.egress.buffer(), 0, state.headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .zxid(state.lastZxid);
        state.sendWriteResponse(clientSession, session, correlationId, HEADER + encoder.encodedLength());
    }

    private ResultCode checkPath()
    {
        return path.capacity() <= state.tree.context().maxPathLength() && Paths.isValid(path, 0, path.capacity()) ?
            ResultCode.OK : ResultCode.INVALID_PATH;
    }

    private static int kindsOf(final WatcherType type)
    {
        switch (type)
        {
            case CHILDREN: return WatchRegistry.CHILD;
            case DATA: return WatchRegistry.DATA;
            case PERSISTENT: return WatchRegistry.PERSISTENT;
            case PERSISTENT_RECURSIVE: return WatchRegistry.RECURSIVE;
            case ANY: return WatchRegistry.DATA | WatchRegistry.CHILD | WatchRegistry.PERSISTENT | WatchRegistry.RECURSIVE;
            default: return 0;
        }
    }
}
