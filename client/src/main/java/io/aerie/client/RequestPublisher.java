package io.aerie.client;

import io.aerie.codecs.ResultCode;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Sends requests into the cluster's log for {@link ClientConductor}, in the order they were made: each is kept in
 * {@link PendingRequests} until answered, offered once when nothing before it waits and fewer than
 * {@code maxInFlight} are in flight, otherwise from the conductor's next cycles ({@link #sendUnsent}). Never
 * blocks, never polls, so no callback runs inside a send; a request that cannot be sent at all (longer than the
 * ingress takes, or past {@code maxPending}) is answered at the next poll ({@link DeferredAnswers}). Conductor
 * thread only.
 */
final class RequestPublisher
{
    private final AerieClient.Context ctx;
    private final PendingRequests pending;
    private final ClusterConnection connection;
    private final RequestEncoder encoder;
    private final DeferredAnswers deferred;
    private long lastSentNs;

    /**
     * @param encoder stamps each request with the current connection's token as it goes out.
     */
    RequestPublisher(
        final AerieClient.Context ctx,
        final PendingRequests pending,
        final ClusterConnection connection,
        final RequestEncoder encoder,
        final DeferredAnswers deferred)
    {
        this.ctx = ctx;
        this.pending = pending;
        this.connection = connection;
        this.encoder = encoder;
        this.deferred = deferred;
    }

    /**
     * @return when the cluster last took a message, {@link System#nanoTime()}.
     */
    long lastSentNs()
    {
        return lastSentNs;
    }

    /**
     * Send through the cluster's log, or leave the request queued for {@link #sendUnsent}.
     *
     * @param buffer the request from offset 0, copied here: the caller may reuse it at once.
     * @return the correlation id.
     */
    long send(final long correlationId, final DirectBuffer buffer, final int length, final ResponseHandler handler)
    {
        if (length > connection.maxMessageLength())
        {
            // Aeron would refuse it with an exception, now and at every resend: it fails at the next poll instead,
            // as the cluster fails data over its limit.
            deferred.add(correlationId, handler, ResultCode.DATA_TOO_LARGE, null);
            return correlationId;
        }
        if (pending.size() >= ctx.requests().maxPending())
        {
            deferred.add(correlationId, handler, ResultCode.TOO_MANY_REQUESTS, null);
            return correlationId;
        }
        final PendingRequests.Pending request = pending.add(correlationId, handler, buffer, length);
        if (1 == pending.unsent() && pending.size() - 1 < ctx.requests().maxInFlight())
        {
            if (offer(request.request, request.length))
            {
                pending.markSent(request);
            }
        }
        // Otherwise earlier requests are still waiting to go out, or enough are in flight: this one follows, in
        // order, from the conductor's poll.
        return correlationId;
    }

    /**
     * Send the request that resumes the session on a new connection, ahead of every other and whatever is in
     * flight; if the offer fails it goes out from {@link #sendUnsent} first.
     */
    void sendResume(final long correlationId, final ResponseHandler handler, final DirectBuffer buffer, final int length)
    {
        final PendingRequests.Pending request = pending.add(correlationId, handler, buffer, length);
        if (offer(request.request, request.length))
        {
            pending.markSent(request);
        }
    }

    /**
     * Send what waits, in order, until back pressure or {@code maxInFlight}.
     *
     * @param resumeHandler while not null, the session is resuming: only the resume request may go.
     * @return number of requests sent.
     */
    int sendUnsent(final ResponseHandler resumeHandler)
    {
        final int count = pending.sortedIds();
        final long[] ids = pending.ids();
        int sent = 0;
        for (int i = 0; i < count; i++)
        {
            final PendingRequests.Pending request = pending.get(ids[i]);
            final boolean resume = null != resumeHandler && resumeHandler == request.handler;
            if (!request.sent && (null == resumeHandler || resume))
            {
                if (pending.size() - pending.unsent() >= ctx.requests().maxInFlight() && !resume)
                {
                    break;
                }
                if (!offer(request.request, request.length))
                {
                    break;
                }
                pending.markSent(request);
                sent++;
            }
        }
        return sent;
    }

    /**
     * Answer every request waiting with {@code code}, in the order they were made: the session is gone. No watch they
     * asked for is set.
     *
     * @param response reused for each answer.
     */
    void failAll(final ResultCode code, final ClientWatches watches, final Response response, final long lastZxid)
    {
        final int count = pending.sortedIds();
        final long[] ids = pending.ids();
        for (int i = 0; i < count; i++)
        {
            final ResponseHandler handler = pending.complete(ids[i]);
            final long callerId = pending.completedCallerId();
            watches.onRequestFailed(callerId);
            if (null != handler)
            {
                response.reset(0, callerId, code, lastZxid);
                handler.onResponse(response);
            }
        }
    }

    /**
     * Offer once: never waits and never polls, so no callback can run inside a send.
     *
     * @return true if the cluster took the message; false leaves it for a later poll (back pressure, or no leader
     * reachable now).
     */
    private boolean offer(final MutableDirectBuffer buffer, final int length)
    {
        // Written before the connection changed, a request carries the old connection's token: give it this one's.
        encoder.stampToken(buffer);
        if (!connection.offer(buffer, 0, length))
        {
            return false;
        }
        lastSentNs = System.nanoTime();
        return true;
    }
}
