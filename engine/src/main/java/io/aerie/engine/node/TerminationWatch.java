package io.aerie.engine.node;

import io.aeron.Counter;
import io.aeron.cluster.ConsensusModule;

/**
 * The termination hook given to the node's consensus module and service container: tells a requested stop from an
 * abnormal one, then runs the application's hook.
 * <p>
 * Aeron runs the hook on a requested cluster shutdown or abort, and also when an agent stops unexpectedly: the
 * consensus module after an "unexpected termination" (its driver or archive gone), the service container when the
 * consensus module vanished under it. Only in the first case has the consensus module entered
 * {@link ConsensusModule.State#TERMINATING} by the time the hook runs; anything else, unless the node is being
 * closed, is recorded as the node's fatal error, so {@link AerieNode#main(String[])} exits non-zero. Not reported to
 * the error handler: the agents already reported what went wrong.
 */
final class TerminationWatch implements Runnable
{
    private final Runnable delegate;
    private final CountingErrorHandler errorHandler;
    private volatile Counter moduleState;
    private volatile boolean isClosing;

    TerminationWatch(final Runnable delegate, final CountingErrorHandler errorHandler)
    {
        this.delegate = delegate;
        this.errorHandler = errorHandler;
    }

    void moduleState(final Counter moduleState)
    {
        this.moduleState = moduleState;
    }

    void closing()
    {
        isClosing = true;
    }

    /**
     * Called on the consensus module's or the service container's thread.
     */
    public void run()
    {
        if (!isClosing)
        {
            final Counter counter = moduleState;
            final ConsensusModule.State state = null == counter || counter.isClosed() ?
                null : ConsensusModule.State.get(counter);
            if (ConsensusModule.State.TERMINATING != state)
            {
                errorHandler.recordFatal(new IllegalStateException(
                    "node terminated without a requested cluster shutdown, consensus module state " + state));
            }
        }

        delegate.run();
    }
}
