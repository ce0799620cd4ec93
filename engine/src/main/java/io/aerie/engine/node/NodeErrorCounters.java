package io.aerie.engine.node;

import io.aerie.engine.service.ServiceCounterTypes;
import io.aeron.Aeron;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's own error counts as Aeron counters on its media driver, so AeronStat, {@code aerie admin} and
 * {@code /metrics} see them as they see the others: errors and warnings its components reported
 * ({@link CountingErrorHandler}) and malformed ingress frames padded out ({@link IngressGuard}), type ids 7190-7192 in
 * {@link ServiceCounterTypes}. A report can come before the counters exist (while the media driver starts) or after
 * they are gone (while the node closes): a count is held apart then, added to the counter once it is allocated and
 * taken back when it is released, so {@link Count#get()} is the whole count whichever holds it. Any thread.
 */
final class NodeErrorCounters
{
    final Count errors = new Count();
    final Count warnings = new Count();
    final Count paddedIngressFrames = new Count();

    /**
     * Allocate the counters on an Aeron client of the node, from a thread that may allocate on it; once.
     *
     * @param aeron the client; its close frees them, so {@link #release()} must come first.
     */
    void allocate(final Aeron aeron)
    {
        errors.attach(aeron.addCounter(ServiceCounterTypes.NODE_ERRORS, "Aerie node errors"));
        warnings.attach(aeron.addCounter(ServiceCounterTypes.NODE_WARNINGS, "Aerie node warnings"));
        paddedIngressFrames.attach(aeron.addCounter(
            ServiceCounterTypes.INGRESS_PADDED_FRAMES, "Aerie malformed ingress frames padded out"));
    }

    /**
     * Take the counts back from the counters, before the client that allocated them closes.
     */
    void release()
    {
        errors.detach();
        warnings.detach();
        paddedIngressFrames.detach();
    }

    /**
     * One count: in an {@link AtomicCounter} while one is attached, else held here. Exact once reports and the
     * attaching or detaching thread are done; a report racing with either may show late.
     */
    static final class Count
    {
        private final AtomicLong held = new AtomicLong();
        private volatile AtomicCounter counter;

        /**
         * Add to the count.
         *
         * @param delta how much.
         * @return the count before.
         */
        long getAndAdd(final long delta)
        {
            final AtomicCounter counter = this.counter;
            return null == counter ? held.getAndAdd(delta) : counter.getAndAdd(delta) + held.get();
        }

        /**
         * @return the count.
         */
        long get()
        {
            final AtomicCounter counter = this.counter;
            return held.get() + (null == counter ? 0 : counter.get());
        }

        void attach(final AtomicCounter counter)
        {
            this.counter = counter;
            counter.getAndAdd(held.getAndSet(0));
        }

        void detach()
        {
            final AtomicCounter counter = this.counter;
            this.counter = null;
            if (null != counter)
            {
                held.getAndAdd(counter.get());
            }
        }
    }
}
