package io.aerie.engine.tree;

import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real ZooKeeper 3.9.5 standalone server in a child JVM, for settings ZooKeeper reads once per JVM into static
 * finals (such as {@code zookeeper.enforceQuota}) that an in-process server could not be given reliably: another
 * test of the same JVM may have loaded {@code ZooKeeperServer} first.
 */
final class ZooKeeperProcess implements AutoCloseable
{
    private static final long CONNECT_TIMEOUT_S = 180;

    private final Process process;
    private final int port;
    private final File log;
    private final List<ZooKeeper> clients = new ArrayList<>();

    private ZooKeeperProcess(final Process process, final int port, final File log)
    {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Start a server on a port the kernel has just handed out as free (not a fixed one: two builds on one machine
     * would otherwise share a server), keeping its data and log in {@code dir}.
     *
     * @param dir        the test's temporary directory.
     * @param properties system properties for the server's JVM, as {@code name=value}.
     * @return the started server (it accepts connections once {@link #connect()} returns).
     * @throws Exception if it cannot be started.
     */
    static ZooKeeperProcess start(final Path dir, final String... properties) throws Exception
    {
        final int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dzookeeper.admin.enableServer=false");
        for (final String property : properties)
        {
            command.add("-D" + property);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.apache.zookeeper.server.ZooKeeperServerMain");
        command.add(Integer.toString(port));
        command.add(dir.resolve("data").toString());
        final File log = dir.resolve("zookeeper.log").toFile();
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        return new ZooKeeperProcess(process, port, log);
    }

    /**
     * Connect a client session, retrying while the server starts; closed with the server. The bound is generous: at
     * load average 46 a server JVM given a few percent of a core took over the 60 s it once had.
     *
     * @return the connected client.
     * @throws Exception if it cannot connect.
     */
    ZooKeeper connect() throws Exception
    {
        final CountDownLatch connected = new CountDownLatch(1);
        final ZooKeeper client = new ZooKeeper("127.0.0.1:" + port, 30_000, event ->
        {
            if (Watcher.Event.KeeperState.SyncConnected == event.getState())
            {
                connected.countDown();
            }
        });
        clients.add(client);
        if (!connected.await(CONNECT_TIMEOUT_S, TimeUnit.SECONDS))
        {
            fail("ZooKeeper client did not connect in " + CONNECT_TIMEOUT_S + " s; server " +
                (process.isAlive() ? "running" : "exited with " + process.exitValue()) + ", its log:\n" + logTail());
        }
        return client;
    }

    private String logTail()
    {
        try
        {
            final String text = Files.readString(log.toPath());
            return text.substring(Math.max(0, text.length() - 4096));
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    @Override
    public void close() throws Exception
    {
        for (int i = clients.size() - 1; i >= 0; i--)
        {
            clients.get(i).close();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
