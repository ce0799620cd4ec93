package io.aerie.engine.node;

import io.aeron.Counter;
import io.aeron.cluster.ConsensusModule;

/**
 * The termination hook given to the node's consensus module and service container: tells a requested stop from an
 * abnormal one where the consensus module's state can tell, then runs the application's hook.
 * <p>
 * A hook run while the consensus module is still running (ACTIVE, SUSPENDED, ...) and no hook has yet seen
 * {@link ConsensusModule.State#TERMINATING} is abnormal: the service container stopped under a live consensus
 * module. It is recorded as the node's fatal error, unless the node is being closed, so
 * {@link AerieNode#main(String[])} exits non-zero. Not reported to the error handler: the agents already reported
 * what went wrong.
 * <p>
 * CLOSED, or a closed state counter, says nothing: Aeron 1.51's consensus module enters CLOSED before it runs its
 * hook both after a requested shutdown and after an unexpected termination, and on a requested shutdown the service
 * container acknowledges before it runs its own, so the consensus module may be closed by then. What tells the two
 * apart in Aeron is {@code ClusterTerminationException.isExpected()}, which reaches the error handler only after the
 * hook has run. Fatal {@link Error}s are caught by {@link CountingErrorHandler} whatever the order.
 */
final class TerminationWatch implements Runnable
{
    private final Runnable delegate;
    private final CountingErrorHandler errorHandler;
    private volatile Counter moduleState;
    private volatile boolean isClosing;
    private volatile boolean isRequested;

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
            if (ConsensusModule.State.TERMINATING == state)
            {
                isRequested = true;
            }
            else if (!isRequested && null != state && ConsensusModule.State.CLOSED != state)
            {
                errorHandler.recordFatal(new IllegalStateException(
                    "node terminated without a requested cluster shutdown, consensus module state " + state));
            }
        }

        delegate.run();
    }
}
