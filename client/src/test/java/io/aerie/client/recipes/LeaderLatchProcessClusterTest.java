package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.engine.node.ChildJvmCommand;
import io.aerie.engine.node.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leader's client process dies ({@code kill -9}): a contender in its own JVM ({@link ElectionContender}) leads
 * with a 500 ms session, two contenders in this JVM wait; once the dead process's session expires in the cluster,
 * its node goes with it and the next contender leads, with a larger token.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaderLatchProcessClusterTest
{
    private static final int PORT_BASE = 29400;
    private static final String ELECTION = "/process-election";
    private static final int CHILD_SESSION_MS = 500;

    @TempDir
    File tempDir;

    private RecipeCluster cluster;
    private Process child;
    private File childLog;

    @AfterEach
    void close() throws InterruptedException
    {
        if (null != child)
        {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        if (null != cluster)
        {
            cluster.close();
        }
    }

    @Test
    void shouldElectTheNextContenderAfterTheLeadersProcessIsKilled() throws Exception
    {
        cluster = new RecipeCluster(PORT_BASE, tempDir);
        child = startContender(cluster.cluster());
        final AerieClient observer = cluster.connect(RecipeCluster.LONG_SESSION_MS);
        RecipeCluster.await("the child process leading",
            () -> null != lineStartingWith("LEADER ") && null != lineStartingWith("QUEUED "), observer);
        final long childToken = Long.parseLong(lineStartingWith("LEADER ").substring("LEADER ".length()));
        final String childPath = lineStartingWith("QUEUED ").substring("QUEUED ".length());
        assertEquals(childToken, observer.exists(childPath).czxid(), "the token is the node's czxid");

        final AerieClient[] clients =
            { cluster.connect(RecipeCluster.LONG_SESSION_MS), cluster.connect(RecipeCluster.LONG_SESSION_MS) };
        final LeaderLatch[] latches = new LeaderLatch[clients.length];
        for (int i = 0; i < clients.length; i++)
        {
            final LeaderLatch latch = new LeaderLatch(clients[i], ELECTION);
            latch.start();
            RecipeCluster.await("contender " + i + " queued", () -> null != latch.nodePath(), clients[i]);
            latches[i] = latch;
        }
        assertFalse(latches[0].hasLeadership() || latches[1].hasLeadership(), "the child process leads");

        final long killNs = System.nanoTime();
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child process exited");
        RecipeCluster.await("a new leader", () -> latches[0].hasLeadership() || latches[1].hasLeadership(), clients);
        final long handOverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killNs);

        System.out.printf("LeaderLatchProcessClusterTest: leader process killed, next contender leads after %d ms " +
            "(session timeout %d ms)%n", handOverMs, CHILD_SESSION_MS);
        assertTrue(latches[0].hasLeadership(), "the next in the queue leads");
        assertFalse(latches[1].hasLeadership());
        assertTrue(latches[0].fencingToken() > childToken, "a larger token than the dead leader's");
        assertNull(observer.exists(childPath), "the dead leader's node went with its session");
        assertEquals(2, observer.getChildren(ELECTION).size());
    }

    /**
     * A contender in its own JVM: this JVM's java, its module flags, the test class path; output to a file.
     */
    private Process startContender(final LocalCluster localCluster) throws IOException
    {
        childLog = new File(tempDir, "contender.log");
        return ChildJvmCommand.of(ElectionContender.class.getName())
            .args(localCluster.ingressEndpoints(), localCluster.ingressChannel(), localCluster.egressChannel(), ELECTION,
                Integer.toString(CHILD_SESSION_MS), new File(tempDir, "child-driver").getAbsolutePath())
            .processBuilder().redirectOutput(childLog).start();
    }

    private String lineStartingWith(final String prefix)
    {
        try
        {
            for (final String line : Files.readAllLines(childLog.toPath(), StandardCharsets.UTF_8))
            {
                if (line.startsWith(prefix))
                {
                    return line;
                }
            }
            if (!child.isAlive())
            {
                throw new AssertionError("contender process exited with " + child.exitValue() + ":\n" +
                    Files.readString(childLog.toPath(), StandardCharsets.UTF_8));
            }
            return null;
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
