package io.aerie.bench.suite.zookeeper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Writes one server's {@code zoo.cfg} (and, in an ensemble, its {@code myid}) from a
 * {@link ZooKeeperEnsemble.Context}.
 * <p>
 * Ports, all on {@value #HOST}: server {@code i} (0-based, {@code myid = i + 1}) listens for clients on
 * {@code portBase + i}, for followers on {@code portBase + 10 + i} and for leader election on
 * {@code portBase + 20 + i}. Keys ZooKeeper does not know as configuration ({@code forceSync},
 * {@code admin.enableServer}, {@code 4lw.commands.whitelist}) become {@code zookeeper.*} system properties of
 * the server, which is how ZooKeeper reads them.
 */
final class ZooKeeperConfigFile
{
    /** The loopback address every server and client uses. */
    static final String HOST = "127.0.0.1";

    /** Name of the configuration file in each server's directory. */
    static final String FILE_NAME = "zoo.cfg";

    /** Four-letter words the servers answer; the rest are refused. */
    static final String FOUR_LETTER_WORDS = "srvr,stat,mntr,ruok";

    /** Port offsets from the port base, per role; server {@code i} adds {@code i}. */
    static final int QUORUM_PORT_OFFSET = 10;
    static final int ELECTION_PORT_OFFSET = 20;

    /** Servers the port layout has room for. */
    static final int MAX_SERVERS = QUORUM_PORT_OFFSET;

    private ZooKeeperConfigFile()
    {
    }

    /**
     * @return the client port of server {@code index} (0-based).
     */
    static int clientPort(final int portBase, final int index)
    {
        return portBase + index;
    }

    /**
     * @return the follower (quorum) port of server {@code index} (0-based).
     */
    static int quorumPort(final int portBase, final int index)
    {
        return portBase + QUORUM_PORT_OFFSET + index;
    }

    /**
     * @return the leader election port of server {@code index} (0-based).
     */
    static int electionPort(final int portBase, final int index)
    {
        return portBase + ELECTION_PORT_OFFSET + index;
    }

    /**
     * Create {@code serverDir/data} and {@code serverDir/datalog}, write {@code myid} (ensembles only) and
     * {@code zoo.cfg}.
     *
     * @param ctx       concluded settings.
     * @param index     server index, 0-based.
     * @param serverDir the server's own directory, existing.
     * @return the written {@code zoo.cfg}.
     * @throws IOException if a file cannot be written.
     */
    static File write(final ZooKeeperEnsemble.Context ctx, final int index, final File serverDir) throws IOException
    {
        final File dataDir = new File(serverDir, "data");
        final File dataLogDir = new File(serverDir, "datalog");
        Files.createDirectories(dataDir.toPath());
        Files.createDirectories(dataLogDir.toPath());
        if (ctx.servers() > 1)
        {
            Files.writeString(new File(dataDir, "myid").toPath(), (index + 1) + "\n", StandardCharsets.US_ASCII);
        }

        final File configFile = new File(serverDir, FILE_NAME);
        Files.writeString(
            configFile.toPath(), content(ctx, index, dataDir, dataLogDir), StandardCharsets.UTF_8);

        return configFile;
    }

    /**
     * The text of {@code zoo.cfg} for one server.
     *
     * @param ctx        concluded settings.
     * @param index      server index, 0-based.
     * @param dataDir    snapshots (and {@code myid}).
     * @param dataLogDir transaction log, the directory fsync applies to.
     * @return the file's content, lines ending in {@code \n}.
     */
    static String content(
        final ZooKeeperEnsemble.Context ctx, final int index, final File dataDir, final File dataLogDir)
    {
        final StringBuilder sb = new StringBuilder(512)
            .append("# Written by io.aerie.bench.suite.zookeeper for server ").append(index + 1).append('\n')
            .append("tickTime=").append(ctx.tickTimeMs()).append('\n')
            .append("initLimit=").append(ctx.initLimit()).append('\n')
            .append("syncLimit=").append(ctx.syncLimit()).append('\n')
            .append("dataDir=").append(dataDir.getAbsolutePath()).append('\n')
            .append("dataLogDir=").append(dataLogDir.getAbsolutePath()).append('\n')
            .append("clientPortAddress=").append(HOST).append('\n')
            .append("clientPort=").append(clientPort(ctx.portBase(), index)).append('\n')
            // The benchmarks open many sessions from one address; the default limit is 60.
            .append("maxClientCnxns=0\n")
            .append("forceSync=").append(ctx.forceSync() ? "yes" : "no").append('\n')
            .append("admin.enableServer=false\n")
            .append("4lw.commands.whitelist=").append(FOUR_LETTER_WORDS).append('\n');

        if (ctx.servers() > 1)
        {
            for (int i = 0; i < ctx.servers(); i++)
            {
                sb.append("server.").append(i + 1).append('=').append(HOST)
                    .append(':').append(quorumPort(ctx.portBase(), i))
                    .append(':').append(electionPort(ctx.portBase(), i)).append('\n');
            }
        }

        return sb.toString();
    }
}
