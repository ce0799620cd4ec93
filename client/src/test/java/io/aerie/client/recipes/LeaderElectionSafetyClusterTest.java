package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A safety checker for leader election: six contenders (a {@link LeaderLatch} and a {@link LeaderSelector} on each of
 * three clients) on one election path hand leadership over 200 times, latches by closing and rejoining with a new
 * latch, selectors by returning from their task and requeueing. Everything runs on this one thread, so the timeline
 * of gains and losses, as each contender sees them, is in exact order. The checker finds no instant with two
 * leaders, and each term's fencing token larger than the one before; every leader also writes through a fenced
 * resource (a znode keeping the largest token, written with a version check), which never refuses one.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaderElectionSafetyClusterTest
{
    private static final int PORT_BASE = 29200;
    private static final int CLIENTS = 3;
    private static final int HAND_OVERS = 200;
    private static final String ELECTION = "/safety/election";
    private static final String RESOURCE = "/safety/resource";

    @TempDir
    File tempDir;

    private RecipeCluster cluster;

    @AfterEach
    void close()
    {
        if (null != cluster)
        {
            cluster.close();
        }
    }

    @Test
    void shouldNeverHaveTwoLeadersAndAlwaysIncreaseTokensOver200HandOvers() throws AerieException
    {
        cluster = new RecipeCluster(PORT_BASE, tempDir);
        final Timeline timeline = new Timeline();
        final AerieClient[] clients = new AerieClient[CLIENTS];
        final LeaderLatch[] latches = new LeaderLatch[CLIENTS];
        final LeaderSelector[] selectors = new LeaderSelector[CLIENTS];
        for (int i = 0; i < CLIENTS; i++)
        {
            clients[i] = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        }
        clients[0].create("/safety", null);
        clients[0].create(RESOURCE, "-1".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < CLIENTS; i++)
        {
            latches[i] = startLatch(clients[i], "latch-" + i, timeline);
            selectors[i] = startSelector(clients[i], "selector-" + i, timeline);
        }

        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + TimeUnit.SECONDS.toNanos(90);
        while (timeline.terms < HAND_OVERS)
        {
            for (int i = 0; i < CLIENTS; i++)
            {
                selectors[i].poll(); // polls client i, and runs the selector's task if it was elected
                if (latches[i].hasLeadership())
                {
                    // Outside any callback: blocking calls are allowed. Then hand over, and rejoin at the back.
                    timeline.write(clients[i], latches[i].fencingToken());
                    latches[i].close();
                    latches[i] = startLatch(clients[i], "latch-" + i, timeline);
                }
            }
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out after " + timeline.terms + " terms");
        }
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        for (int i = 0; i < CLIENTS; i++)
        {
            latches[i].close();
            selectors[i].close();
        }

        System.out.printf("LeaderElectionSafetyClusterTest: %d terms in %d ms (%.1f ms per hand-over), terms by " +
            "contender %s%n", timeline.terms, elapsedMs, (double)elapsedMs / timeline.terms, timeline.termsByContender);
        assertEquals(List.of(), timeline.violations, "violations");
        assertEquals(2 * CLIENTS, timeline.termsByContender.size(), "every contender led: " + timeline.termsByContender);
        assertEquals(timeline.terms, timeline.writes, "every leader wrote through the fence");
        assertEquals(Long.toString(timeline.lastToken),
            new String(clients[0].getData(RESOURCE), StandardCharsets.US_ASCII), "the resource holds the last token");
    }

    private static LeaderLatch startLatch(final AerieClient client, final String name, final Timeline timeline)
    {
        final LeaderLatch latch = new LeaderLatch(client, ELECTION, null, new LeadershipListener()
        {
            @Override
            public void onLeadershipGained(final long fencingToken)
            {
                timeline.gained(name, fencingToken);
            }

            @Override
            public void onLeadershipLost(final long fencingToken, final LeadershipLoss reason)
            {
                timeline.lost(name, fencingToken, reason);
            }
        });
        latch.start();
        return latch;
    }

    private static LeaderSelector startSelector(final AerieClient client, final String name, final Timeline timeline)
    {
        final LeaderSelector selector = new LeaderSelector(client, ELECTION, (leading, fencingToken) ->
        {
            timeline.gained(name, fencingToken);
            timeline.write(client, fencingToken);
            timeline.lost(name, fencingToken, LeadershipLoss.RELINQUISHED);
        }).autoRequeue(true);
        selector.start();
        return selector;
    }

    /**
     * The checker: leadership intervals and tokens in the order this thread saw them, and the fenced writes.
     */
    private static final class Timeline
    {
        final List<String> violations = new ArrayList<>();
        final Map<String, Integer> termsByContender = new HashMap<>();
        private final Stat stat = new Stat();
        String leader;
        long lastToken = -1;
        int terms;
        int writes;

        void gained(final String who, final long token)
        {
            if (null != leader)
            {
                violations.add("term " + terms + ": " + who + " gained while " + leader + " leads");
            }
            if (token <= lastToken)
            {
                violations.add("term " + terms + ": " + who + "'s token " + token + " after " + lastToken);
            }
            leader = who;
            lastToken = token;
            terms++;
            termsByContender.merge(who, 1, Integer::sum);
        }

        void lost(final String who, final long token, final LeadershipLoss reason)
        {
            if (!who.equals(leader) || token != lastToken || LeadershipLoss.RELINQUISHED != reason)
            {
                violations.add("term " + terms + ": " + who + " lost " + token + " (" + reason + ") while " + leader +
                    " leads with " + lastToken);
            }
            leader = null;
        }

        /**
         * The resource's side of fencing: accept a token only if larger than every one accepted before, atomically
         * (the setData is conditional on the version read).
         */
        void write(final AerieClient client, final long token)
        {
            try
            {
                final long accepted = Long.parseLong(new String(client.getData(RESOURCE, stat), StandardCharsets.US_ASCII));
                if (token <= accepted)
                {
                    violations.add("resource refused token " + token + " after " + accepted);
                    return;
                }
                client.setData(RESOURCE, Long.toString(token).getBytes(StandardCharsets.US_ASCII), stat.version());
                writes++;
            }
            catch (final AerieException ex)
            {
                violations.add("fenced write of " + token + " failed: " +
                    (ResultCode.BAD_VERSION == ex.code() ? "a concurrent writer" : ex.toString()));
            }
        }
    }
}
