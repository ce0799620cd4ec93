package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.engine.node.LocalCluster;
import io.aerie.engine.service.AerieClusteredService;
import io.aerie.engine.tree.ZnodeTreeContext;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The one-node cluster on loopback that a shell cluster test class runs against, and the shell runs aimed at it:
 * registered as a static {@code @RegisterExtension} field, it launches before the class's tests in a temporary
 * directory of its own and closes after them, failing the class if the cluster reported an error or left its
 * directory behind.
 */
final class ShellTestCluster implements BeforeAllCallback, AfterAllCallback
{
    private final Errors errors = new Errors();
    private final int portBase;
    private final int maxZnodes;
    private final long largeDataCapacity;
    private Path tempDir;
    private File dir;
    private LocalCluster cluster;
    private String connect;

    /**
     * @param portBase          the test class's own port base.
     * @param maxZnodes         the tree's znode capacity.
     * @param largeDataCapacity the tree's large-data capacity in bytes.
     */
    ShellTestCluster(final int portBase, final int maxZnodes, final long largeDataCapacity)
    {
        this.portBase = portBase;
        this.maxZnodes = maxZnodes;
        this.largeDataCapacity = largeDataCapacity;
    }

    /**
     * Launch the cluster in a new temporary directory and wait up to 30 s for its leader.
     *
     * @param context the test class's context.
     * @throws IOException if the directory cannot be made.
     */
    public void beforeAll(final ExtensionContext context) throws IOException
    {
        tempDir = Files.createTempDirectory("aerie-shell-test");
        dir = new File(tempDir.toFile(), "cluster");
        cluster = LocalCluster.launch(new LocalCluster.Context()
            .nodeCount(1)
            .portBase(portBase)
            .dir(dir)
            .deleteDirsOnStart(true)
            .deleteOnClose(true)
            .serviceContextSupplier(() -> new AerieClusteredService.Context()
                .treeContext(new ZnodeTreeContext().maxZnodes(maxZnodes).largeDataCapacity(largeDataCapacity)))
            .errorHandler(errors));
        cluster.findLeader(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        connect = cluster.ingressEndpoints();
    }

    /**
     * Close the cluster, then fail if it reported an error or left its directory.
     *
     * @param context the test class's context.
     */
    public void afterAll(final ExtensionContext context)
    {
        CloseHelper.close(cluster);
        final boolean dirLeft = null != dir && dir.exists();
        if (null != tempDir)
        {
            IoUtil.delete(tempDir.toFile(), false);
        }
        errors.assertNone();
        assertFalse(dirLeft, "cluster directory left after close");
    }

    /**
     * @return the connect string of the cluster (its ingress endpoints, no chroot).
     */
    String connect()
    {
        return connect;
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
        final AerieClient.Context clientCtx = new AerieClient.Context();
        clientCtx.agents().useConductorInvoker(true);
        clientCtx.connection()
            .ingressEndpoints(cluster.ingressEndpoints())
            .ingressChannel(cluster.ingressChannel())
            .egressChannel(cluster.egressChannel());
        return AerieClient.connect(clientCtx);
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
