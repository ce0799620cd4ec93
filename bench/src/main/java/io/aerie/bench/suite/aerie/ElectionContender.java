package io.aerie.bench.suite.aerie;

import io.aerie.bench.RigCommandLine;
import io.aerie.client.AerieClient;
import io.aerie.client.recipes.LeaderLatch;
import io.aerie.client.recipes.LeadershipListener;
import io.aerie.client.recipes.LeadershipLoss;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.TimeUnit;

/**
 * The leader's process of the suite's election workload ({@code io.aerie.bench.suite.workload.ElectionWorkload}):
 * connects with its own embedded media driver and the given session timeout, starts a {@link LeaderLatch} on the
 * election path, prints {@code LEADER <token>} and {@code FOLLOWER <token> <reason>} on each change, and polls
 * until killed. The arguments are {@link AerieTarget#clientProcessArgs()}, then the rest.
 * <p>
 * Usage: {@code ElectionContender <ingress endpoints> <ingress channel> <egress channel> <election path>
 * <session timeout ms> <driver dir>}.
 */
public final class ElectionContender implements LeadershipListener
{
    private ElectionContender()
    {
    }

    @Command(name = "ElectionContender", mixinStandardHelpOptions = true,
        description = "The leader process of the suite's election workload.")
    static final class Options
    {
        @Parameters(index = "0", description = "ingress endpoints")
        String ingressEndpoints;
        @Parameters(index = "1", description = "ingress channel")
        String ingressChannel;
        @Parameters(index = "2", description = "egress channel")
        String egressChannel;
        @Parameters(index = "3", description = "election path")
        String electionPath;
        @Parameters(index = "4", description = "session timeout, ms")
        int sessionTimeoutMs;
        @Parameters(index = "5", description = "embedded media driver directory")
        String driverDir;
    }

    /**
     * @param args see the class comment.
     * @throws Exception on any failure: the rig reads the output and the exit.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = RigCommandLine.parse(new Options(), args);
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(options.ingressEndpoints)
            .ingressChannel(options.ingressChannel)
            .egressChannel(options.egressChannel);
        clientCtx.session().sessionTimeoutMs(options.sessionTimeoutMs);
        clientCtx.connection().embeddedAeronDirectoryName(options.driverDir);
        clientCtx.requests().requestTimeoutNs(TimeUnit.SECONDS.toNanos(30));
        final AerieClient client = AerieClient.connect(clientCtx);
        final LeaderLatch latch = new LeaderLatch(client, options.electionPath, null, new ElectionContender());
        latch.start();
        // The same polling as the workload's contender: parks of at most 100 us.
        final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
        while (true)
        {
            idleStrategy.idle(client.poll());
        }
    }

    @Override
    public void onLeadershipGained(final long fencingToken)
    {
        System.out.println("LEADER " + fencingToken);
        System.out.flush();
    }

    @Override
    public void onLeadershipLost(final long fencingToken, final LeadershipLoss reason)
    {
        System.out.println("FOLLOWER " + fencingToken + " " + reason);
        System.out.flush();
    }
}
