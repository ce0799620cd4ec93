package io.aerie.bench.latency;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieClientContext;
import io.aerie.engine.node.AerieNode;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Time from stopping the leader of a local 3-node cluster (in-JVM close, which the others see as a leader
 * heartbeat timeout) to the first write that succeeds afterwards, as a client sees it. Node timeouts are the
 * launcher's defaults (leader heartbeat timeout 1 s, election timeout 200 ms), unless overridden with
 * {@code aerie.node.*} properties.
 * <p>
 * Usage: {@code FailoverTime [rounds=3]}.
 */
public final class FailoverTime
{
    private FailoverTime()
    {
    }

    /**
     * @param args number of rounds.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        final File dir = Files.createTempDirectory("aerie-failover").toFile();
        try (LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(3)
            .portBase(27500)
            .dir(dir)
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(10_000).largeDataCapacity(8L * 1024 * 1024)))))
        {
            cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            try (AerieClient client = AerieClient.connect(new AerieClientContext().useConductorInvoker(true)
                .ingressEndpoints(cluster.ingressEndpoints())
                .ingressChannel(cluster.ingressChannel())
                .egressChannel(cluster.egressChannel())
                .requestTimeoutNs(TimeUnit.SECONDS.toNanos(30))))
            {
                client.create("/failover", new byte[8]);
                for (int round = 1; round <= rounds; round++)
                {
                    for (int i = 0; i < 100; i++)
                    {
                        client.setData("/failover", new byte[8], -1);
                    }
                    final AerieNode leader = cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
                    final int stopped = leader.memberId();
                    final long stopNs = System.nanoTime();
                    cluster.stopNode(stopped);
                    client.setData("/failover", new byte[8], -1);
                    final long writeAgainNs = System.nanoTime();
                    final int newLeader = cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)).memberId();
                    System.out.printf("round %d: leader %d stopped -> first write acknowledged after %d ms (new leader %d)%n",
                        round, stopped, TimeUnit.NANOSECONDS.toMillis(writeAgainNs - stopNs), newLeader);
                    cluster.restartNode(stopped);
                    client.sync("/");
                }
            }
        }
    }
}
