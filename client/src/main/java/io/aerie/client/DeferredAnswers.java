package io.aerie.client;

import io.aerie.codecs.ResultCode;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;

/**
 * Answers the client decides itself, given at the conductor's next poll, never inside the call that made the
 * request (so no callback runs inside a send): DATA_TOO_LARGE for a request longer than the ingress takes,
 * TOO_MANY_REQUESTS past {@code maxPending}, and removeWatches of one watcher answered without asking the cluster
 * (with the watcher to remove just before the answer). Given in the order the requests were made. Conductor thread
 * only; the lists keep their capacity, so steady state allocates nothing.
 */
final class DeferredAnswers
{
    private final LongArrayList ids = new LongArrayList();
    private final ArrayList<ResponseHandler> handlers = new ArrayList<>();
    private final ArrayList<ResultCode> codes = new ArrayList<>();
    private final ArrayList<LocalRemoval> removals = new ArrayList<>();

    /**
     * @return true when no answer waits.
     */
    boolean isEmpty()
    {
        return ids.isEmpty();
    }

    /**
     * Answer a request at the next poll.
     *
     * @param handler null for a request nobody waits for.
     * @param removal null, or one watcher to remove just before the answer.
     */
    void add(final long correlationId, final ResponseHandler handler, final ResultCode code, final LocalRemoval removal)
    {
        ids.addLong(correlationId);
        handlers.add(handler);
        codes.add(code);
        removals.add(removal);
    }

    /**
     * Give every answer waiting; one a handler adds meanwhile is given in this pass too.
     *
     * @param response reused for each answer.
     * @param lastZxid the zxid the answers carry.
     * @return number of answers given.
     */
    int answer(final ClientWatches watches, final Response response, final long lastZxid)
    {
        int count = 0;
        for (; count < ids.size(); count++)
        {
            final long correlationId = ids.getLong(count);
            final ResponseHandler handler = handlers.get(count);
            final LocalRemoval removal = removals.get(count);
            if (null != removal)
            {
                watches.removeWatcher(removal.path, removal.type, removal.watcher, lastZxid);
            }
            else
            {
                watches.onRequestFailed(correlationId);
            }
            if (null != handler)
            {
                response.reset(0, correlationId, codes.get(count), lastZxid);
                handler.onResponse(response);
            }
        }
        ids.clear();
        handlers.clear();
        codes.clear();
        removals.clear();
        return count;
    }
}
