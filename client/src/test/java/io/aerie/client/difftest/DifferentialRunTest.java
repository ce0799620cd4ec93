package io.aerie.client.difftest;

import io.aerie.codecs.CreateMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comparison loop of the differential test over scripted drivers: equal answers pass, a known difference is
 * counted, anything else fails with what is needed to replay it.
 */
class DifferentialRunTest
{
    private final ScriptedDriver zooKeeper = new ScriptedDriver(100);
    private final ScriptedDriver aerie = new ScriptedDriver(7);
    private final DifferentialRun run = new DifferentialRun(zooKeeper, aerie, 1);

    @Test
    void shouldPassAnswersThatDifferOnlyInRawZxidsAndSessionIds() throws Exception
    {
        run.begin(42);
        zooKeeper.answer(Outcome.stat(new RawStat(900, 900, 900, 5, 5, 0, 0, 0, 100, 0, 0)));
        aerie.answer(Outcome.stat(new RawStat(3, 3, 3, 8, 8, 0, 0, 0, 7, 0, 0)));

        run.apply(0, DiffOp.read(DiffOp.Kind.EXISTS, 0, "/r/a"));

        assertEquals(1, run.compared());
        assertTrue(run.knownCounts().isEmpty());
    }

    @Test
    void shouldCountKnownDifference() throws Exception
    {
        run.begin(42);
        zooKeeper.answer(Outcome.error(Outcome.CLIENT_REJECTED, "IllegalArgumentException"));
        aerie.answer(Outcome.error(-200, "AerieException"));

        run.apply(0, DiffOp.read(DiffOp.Kind.GET_DATA, 0, "/r/a/"));

        assertEquals(1L, run.knownCounts().get(KnownDifference.CLIENT_VALIDATION_ANSWERED_NOT_THROWN));
    }

    @Test
    void shouldFailWithSeedOpBothAnswersAndHistory() throws Exception
    {
        run.begin(42);
        zooKeeper.answer(Outcome.ok());
        aerie.answer(Outcome.ok());
        run.apply(0, DiffOp.delete(0, "/r/b", -1));
        zooKeeper.answer(Outcome.error(-101, "NoNodeException"));
        aerie.answer(Outcome.error(-110, "NodeExistsException"));

        final AssertionError error = assertThrows(AssertionError.class,
            () -> run.apply(1, DiffOp.create(0, "/r/a", null, CreateMode.PERSISTENT, -1, false)));

        final String message = error.getMessage();
        assertTrue(message.contains("seed 42, op #1"), message);
        assertTrue(message.contains("s0 CREATE /r/a PERSISTENT"), message);
        assertTrue(message.contains("code=NO_NODE"), message);
        assertTrue(message.contains("code=NODE_EXISTS"), message);
        assertTrue(message.contains("s0 DELETE /r/b v=-1"), message);
        assertTrue(message.contains("-Daerie.difftest.seed=42 -Daerie.difftest.seeds=1 -Daerie.difftest.ops=2"), message);
    }

    @Test
    void shouldFailWhenZxidRelationsDiffer() throws Exception
    {
        run.begin(42);
        zooKeeper.answer(Outcome.stat(new RawStat(900, 901, 900, 5, 5, 1, 0, 0, 0, 0, 0)));
        aerie.answer(Outcome.stat(new RawStat(3, 3, 3, 8, 8, 1, 0, 0, 0, 0, 0)));

        assertThrows(AssertionError.class, () -> run.apply(0, DiffOp.read(DiffOp.Kind.EXISTS, 0, "/r/a")));
    }

    /**
     * Answers every op with the next scripted outcome; one session whose id is given.
     */
    private static final class ScriptedDriver implements DiffDriver
    {
        private final Deque<Outcome> answers = new ArrayDeque<>();
        private final long sessionId;

        ScriptedDriver(final long sessionId)
        {
            this.sessionId = sessionId;
        }

        void answer(final Outcome outcome)
        {
            answers.addLast(outcome);
        }

        @Override
        public String name()
        {
            return "scripted";
        }

        @Override
        public void openSession(final int slot)
        {
        }

        @Override
        public void closeSession(final int slot)
        {
        }

        @Override
        public long sessionId(final int slot)
        {
            return sessionId;
        }

        @Override
        public Outcome create(
            final int slot, final String path, final byte[] data, final CreateMode mode, final long ttlMs,
            final boolean withStat)
        {
            return answers.removeFirst();
        }

        @Override
        public Outcome delete(final int slot, final String path, final int version)
        {
            return answers.removeFirst();
        }

        @Override
        public Outcome setData(final int slot, final String path, final byte[] data, final int version)
        {
            return answers.removeFirst();
        }

        @Override
        public Outcome getData(final int slot, final String path)
        {
            return answers.removeFirst();
        }

        @Override
        public Outcome exists(final int slot, final String path)
        {
            return answers.removeFirst();
        }

        @Override
        public Outcome getChildren(final int slot, final String path)
        {
            return answers.removeFirst();
        }

        @Override
        public Outcome multi(final int slot, final List<DiffOp> ops)
        {
            return answers.removeFirst();
        }

        @Override
        public Outcome getAllChildrenNumber(final int slot, final String path)
        {
            return answers.removeFirst();
        }

        @Override
        public Outcome getEphemerals(final int slot, final String prefix)
        {
            return answers.removeFirst();
        }

        @Override
        public void close()
        {
        }
    }
}
