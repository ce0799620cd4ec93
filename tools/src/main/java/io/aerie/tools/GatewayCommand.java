package io.aerie.tools;

import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.node.NodeTransport;
import io.aerie.gateway.ZooKeeperGateway;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code aerie gateway}: a standalone ZooKeeper wire gateway in front of an Aerie cluster, in the foreground until
 * Ctrl-C or SIGTERM. Unchanged ZooKeeper clients (zkCli, the Java client, Curator) connect to its port.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
        "Serve ZooKeeper's client protocol on a TCP port in front of an Aerie cluster until Ctrl-C: unchanged " +
            "ZooKeeper clients connect to it as to a ZooKeeper server.",
        "Other settings from aerie.gateway.* system properties (AERIE_JAVA_OPTS=\"-D...\" with tools/bin/aerie); " +
            "see docs/zookeeper-gateway.md."
    })
final class GatewayCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = { "-c", "--cluster" }, paramLabel = "id=host:port,...",
        description = "The members' ingress endpoints, as aerie local prints them. Default: aerie.gateway.ingress." +
            "endpoints, else the cluster aerie local starts.")
    String ingressEndpoints = System.getProperty(ZooKeeperGateway.Configuration.INGRESS_ENDPOINTS_PROP_NAME);

    @Option(names = { "-p", "--port" }, paramLabel = "PORT",
        description = "TCP port for ZooKeeper clients. Default: ${DEFAULT-VALUE}.")
    int port = Integer.getInteger(
        ZooKeeperGateway.Configuration.PORT_PROP_NAME, ZooKeeperGateway.Configuration.PORT_DEFAULT);

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host = System.getProperty(
        ZooKeeperGateway.Configuration.HOST_PROP_NAME, ZooKeeperGateway.Configuration.HOST_DEFAULT);

    @Option(names = "--four-letter-words", paramLabel = "WORDS",
        description = "Four-letter words answered (ruok,srvr,stat,mntr or *). Default: ${DEFAULT-VALUE}.")
    String fourLetterWords = System.getProperty(ZooKeeperGateway.Configuration.FOUR_LETTER_WORDS_PROP_NAME,
        ZooKeeperGateway.Configuration.FOUR_LETTER_WORDS_DEFAULT);

    /**
     * Run the gateway until told to stop.
     *
     * @return 0 once stopped.
     */
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final String endpoints = null == ingressEndpoints ? localClusterEndpoints() : ingressEndpoints;
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            ZooKeeperGateway gateway = ZooKeeperGateway.launch(new ZooKeeperGateway.Context()
                .ingressEndpoints(endpoints)
                .port(port)
                .host(host)
                .fourLetterWords(fourLetterWords)))
        {
            out.printf(Locale.ROOT, "aerie gateway: ZooKeeper clients connect to %s:%d; cluster %s%n",
                host, gateway.port(), endpoints);
            out.flush();
            barrier.await();
            out.println("aerie gateway: stopping");
        }
        return 0;
    }

    /**
     * The cluster {@code aerie local} starts with the same {@code aerie.local.*} settings.
     */
    static String localClusterEndpoints()
    {
        final StringBuilder members = new StringBuilder();
        for (int memberId = 0, n = LocalCluster.Configuration.nodeCount(); memberId < n; memberId++)
        {
            final int ingressPort = LocalCluster.Configuration.portBase() +
                memberId * NodeTransport.Configuration.PORTS_PER_MEMBER + NodeTransport.Configuration.INGRESS_PORT_OFFSET;
            members.append(memberId > 0 ? "," : "").append(memberId).append('=')
                .append(LocalCluster.Configuration.host()).append(':').append(ingressPort);
        }
        return members.toString();
    }
}
