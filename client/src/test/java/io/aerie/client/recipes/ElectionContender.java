package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * A contender in its own JVM, for {@link LeaderLatchProcessClusterTest}: connects with its own embedded media
 * driver, starts a {@link LeaderLatch}, prints {@code QUEUED <node path>} once its node exists and
 * {@code LEADER <token>} / {@code FOLLOWER <token> <reason>} on each change, and polls until killed.
 */
public final class ElectionContender
{
    private ElectionContender()
    {
    }

    /**
     * @param args ingress endpoints, ingress channel, egress channel, election path, session timeout in ms, and the
     *             embedded media driver's directory.
     * @throws Exception on any failure: the parent test reads the output.
     */
    public static void main(final String[] args) throws Exception
    {
        if (6 != args.length)
        {
            System.err.println("usage: ElectionContender <ingress endpoints> <ingress channel> <egress channel> " +
                "<election path> <session timeout ms> <driver dir>");
            System.exit(2);
        }
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(args[0])
            .ingressChannel(args[1])
            .egressChannel(args[2]);
        clientCtx.session().sessionTimeoutMs(Integer.parseInt(args[4]));
        clientCtx.connection().embeddedAeronDirectoryName(args[5]);
        clientCtx.requests().requestTimeoutNs(TimeUnit.SECONDS.toNanos(30));
        final AerieClient client = AerieClient.connect(clientCtx);
        final LeaderLatch latch = new LeaderLatch(client, args[3], null, new LeadershipListener()
        {
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
        });
        latch.start();
        final IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        boolean queued = false;
        while (true)
        {
            idleStrategy.idle(client.poll());
            if (!queued && null != latch.nodePath())
            {
                queued = true;
                System.out.println("QUEUED " + latch.nodePath());
                System.out.flush();
            }
        }
    }
}
