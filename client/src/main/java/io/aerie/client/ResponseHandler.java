package io.aerie.client;

/**
 * Receives the answer to an asynchronous request, on the client's conductor thread (default mode) or on the thread
 * calling {@link AerieClient#poll()} (invoker mode); never inside the call that sent the request.
 * Implementations should be reusable objects, not capturing lambdas, on hot paths. A handler may send more
 * asynchronous requests, but must not call the blocking API: that would poll, and decode the next answer into
 * the very {@link Response} this handler is reading.
 */
@FunctionalInterface
public interface ResponseHandler
{
    /**
     * @param response the answer; a view valid only during this call. {@link Response#correlationId()} is the
     *                 id the request was given when sent.
     */
    void onResponse(Response response);
}
