package io.aerie.engine.node;

import io.aerie.codecs.config.AerieProperties;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * The command line of {@link LocalCluster}: a whole cluster on loopback in this JVM, for development and demos
 * ({@code aerie local} in the tools module is the full command).
 */
public final class LocalClusterMain
{
    private LocalClusterMain()
    {
    }

    /**
     * Run a local cluster until SIGTERM or SIGINT, then close it (and delete its directory). Nodes run their
     * default service (Aerie's, or the one {@link AerieNode#newConfiguredClusteredService()} names).
     * <p>
     * The optional first argument is a properties file; its entries become system properties unless already
     * set on the command line, so it can hold {@code aerie.local.*}, {@code aerie.node.*} and {@code aeron.*}
     * settings.
     *
     * @param args {@code [properties-file]}.
     * @throws IOException if the properties file cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length > 1)
        {
            System.err.println("usage: LocalClusterMain [properties-file]");
            System.exit(2);
        }
        if (1 == args.length)
        {
            AerieProperties.loadIntoSystemProperties(Paths.get(args[0]));
        }

        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            LocalCluster cluster = LocalCluster.launch(new LocalCluster.Context()))
        {
            final AerieNode leader = cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            System.out.println(
                "aerie local cluster: " + cluster.nodeCount() + " nodes in " + cluster.context().dir() +
                ", leader " + leader.memberId() + ", ingress endpoints " + cluster.ingressEndpoints());
            barrier.await();
            System.out.println("aerie local cluster stopping");
        }
    }
}
