package io.aerie.bench.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieClientContext;
import io.aerie.client.recipes.LeaderLatch;
import io.aerie.client.recipes.LeadershipListener;
import io.aerie.client.recipes.LeadershipLoss;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The contender process of {@link ElectionHandover}: connects with its own embedded media driver and the given
 * session timeout, starts a {@link LeaderLatch} on the election path, prints {@code LEADER <token>} and
 * {@code FOLLOWER <token> <reason>} on each change, and polls until killed.
 * <p>
 * Usage: {@code HandoverContender <ingress endpoints> <ingress channel> <egress channel> <election path>
 * <session timeout ms> <driver dir>}.
 */
public final class HandoverContender implements LeadershipListener
{
    private HandoverContender()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception on any failure: the rig reads the output and the exit.
     */
    public static void main(final String[] args) throws Exception
    {
        if (6 != args.length)
        {
            System.err.println("usage: HandoverContender <ingress endpoints> <ingress channel> <egress channel> " +
                "<election path> <session timeout ms> <driver dir>");
            System.exit(2);
        }
        final AerieClient client = AerieClient.connect(new AerieClientContext().useConductorInvoker(true)
            .ingressEndpoints(args[0])
            .ingressChannel(args[1])
            .egressChannel(args[2])
            .sessionTimeoutMs(Integer.parseInt(args[4]))
            .embeddedAeronDirectoryName(args[5])
            .requestTimeoutNs(TimeUnit.SECONDS.toNanos(30)));
        final LeaderLatch latch = new LeaderLatch(client, args[3], null, new HandoverContender());
        latch.start();
        // The same polling as the rig's contender: parks of at most 100 us.
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
