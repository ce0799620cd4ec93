package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieClientContext;
import io.aerie.client.AerieException;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one-node cluster on loopback that the shell's cluster tests run against, and the shell runs aimed at it:
 * each test class launches one in {@code @BeforeAll} with its own port base and closes it in {@code @AfterAll},
 * where any error the cluster reported fails the class.
 */
final class ShellTestCluster implements AutoCloseable
{
    private final Errors errors = new Errors();
    private final File dir;
    private final LocalCluster cluster;
    private final String connect;

    private ShellTestCluster(final int portBase, final File dir, final int maxZnodes, final long largeDataCapacity)
    {
        this.dir = dir;
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(portBase)
            .dir(dir)
            .deleteDirsOnStart(true)
            .deleteOnClose(true)
            .clusteredServiceSupplier(() -> new AerieClusteredService(new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(maxZnodes).largeDataCapacity(largeDataCapacity))))
            .errorHandler(errors));
        cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        connect = cluster.ingressEndpoints();
    }

    /**
     * Launch a one-node cluster in {@code tempDir/cluster} and wait up to 30 s for its leader.
     *
     * @param portBase          the test class's own port base.
     * @param tempDir           the test class's temporary directory.
     * @param maxZnodes         the tree's znode capacity.
     * @param largeDataCapacity the tree's large-data capacity in bytes.
     * @return the running cluster.
     */
    static ShellTestCluster launch(
        final int portBase, final File tempDir, final int maxZnodes, final long largeDataCapacity)
    {
        return new ShellTestCluster(portBase, new File(tempDir, "cluster"), maxZnodes, largeDataCapacity);
    }

    /**
     * @return the connect string of the cluster (its ingress endpoints, no chroot).
     */
    String connect()
    {
        return connect;
    }

    /**
     * @return the cluster's directory, deleted on close.
     */
    File dir()
    {
        return dir;
    }

    /**
     * Run one shell command non-interactively against the cluster.
     *
     * @param command the command and its arguments.
     * @return its output and exit code.
     */
    ShellRun shell(final String... command)
    {
        final List<String> args = new ArrayList<>(List.of("-c", connect));
        args.addAll(List.of(command));
        return ShellRun.execute(args.toArray(new String[0]));
    }

    /**
     * Run shell lines as a script against the cluster.
     *
     * @param lines the lines, each ended by a new line.
     * @return their output and exit code.
     */
    ShellRun script(final String lines)
    {
        return ShellRun.script(lines, "-c", connect);
    }

    /**
     * @return a client of its own on the cluster, for the caller to close.
     * @throws AerieException if it cannot connect.
     */
    AerieClient client() throws AerieException
    {
        return AerieClient.connect(new AerieClientContext()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel()));
    }

    /**
     * Close the cluster, then fail if it reported an error.
     */
    public void close()
    {
        CloseHelper.close(cluster);
        errors.assertNone();
    }

    /**
     * Errors the cluster reports; Aeron's warnings are not kept.
     */
    private static final class Errors implements ErrorHandler
    {
        private final List<Throwable> errors = new ArrayList<>();

        public synchronized void onError(final Throwable throwable)
        {
            if (!(throwable instanceof AeronException &&
                AeronException.Category.WARN == ((AeronException)throwable).category()))
            {
                errors.add(throwable);
            }
        }

        synchronized void assertNone()
        {
            if (!errors.isEmpty())
            {
                final AssertionError error = new AssertionError("cluster reported " + errors.size() + " error(s)");
                errors.forEach(error::addSuppressed);
                throw error;
            }
        }
    }
}
