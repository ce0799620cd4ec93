package io.aerie.engine.node;

import io.aeron.Counter;
import io.aeron.cluster.ConsensusModule;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class TerminationWatchTest
{
    private final AtomicInteger hookRuns = new AtomicInteger();
    private final CountingErrorHandler errorHandler = new CountingErrorHandler((ex) -> {});
    private final TerminationWatch watch = new TerminationWatch(hookRuns::incrementAndGet, errorHandler);
    private CountersManager counters;
    private Counter moduleState;

    @BeforeEach
    void allocateModuleStateCounter()
    {
        counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8 * 1024)));
        moduleState = new Counter(counters, counters.allocate("module state"));
        watch.moduleState(moduleState);
    }

    @Test
    void shouldTreatAHookRunWhileTerminatingAsARequestedStop()
    {
        setState(ConsensusModule.State.TERMINATING);

        watch.run();

        assertNull(errorHandler.fatalError());
        assertEquals(1, hookRuns.get());
    }

    @Test
    void shouldRecordAHookRunWhileActiveAsAnAbnormalStop()
    {
        setState(ConsensusModule.State.ACTIVE);

        watch.run();

        assertNotNull(errorHandler.fatalError());
        assertEquals(0, errorHandler.errorCount(), "a consequence, not a new error");
        assertEquals(1, hookRuns.get());
    }

    @Test
    void shouldNotJudgeAHookRunOnceTheModuleIsClosed()
    {
        // Aeron's consensus module is CLOSED when it runs its hook, after a requested shutdown as after an
        // unexpected termination: the state cannot tell them apart.
        setState(ConsensusModule.State.CLOSED);

        watch.run();

        assertNull(errorHandler.fatalError());
        assertEquals(1, hookRuns.get());
    }

    @Test
    void shouldTreatEveryHookAfterOneSawTerminatingAsARequestedStop()
    {
        setState(ConsensusModule.State.TERMINATING);
        watch.run();
        setState(ConsensusModule.State.ACTIVE);

        watch.run();

        assertNull(errorHandler.fatalError());
        assertEquals(2, hookRuns.get());
    }

    @Test
    void shouldIgnoreTheHookWhileTheNodeIsClosing()
    {
        setState(ConsensusModule.State.ACTIVE);
        watch.closing();

        watch.run();

        assertNull(errorHandler.fatalError());
        assertEquals(1, hookRuns.get());
    }

    @Test
    void shouldKeepTheFirstErrorAsTheFatalOne()
    {
        final OutOfMemoryError error = new OutOfMemoryError("test");
        errorHandler.onError(error);
        setState(ConsensusModule.State.ACTIVE);

        watch.run();

        assertEquals(error, errorHandler.fatalError());
    }

    private void setState(final ConsensusModule.State state)
    {
        moduleState.set(state.code());
    }
}
