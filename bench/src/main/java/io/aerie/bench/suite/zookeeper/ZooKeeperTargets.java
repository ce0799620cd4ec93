package io.aerie.bench.suite.zookeeper;

import io.aerie.bench.suite.SystemUnderTest;

import java.io.File;

/**
 * The Apache ZooKeeper baselines of the suite: a standalone server and a 3-server ensemble, each in separate
 * JVMs on 127.0.0.1, with fsync of the transaction log on or off. Names: {@code zk-standalone-fsync},
 * {@code zk-standalone-nofsync}, {@code zk-ensemble-fsync}, {@code zk-ensemble-nofsync}.
 * <p>
 * The servers run {@code QuorumPeerMain} from this JVM's class path (the shaded {@code aerie-benchmarks.jar} or
 * the test class path) with this JVM's {@code java}. Settings come from {@link Configuration}'s system
 * properties. ZooKeeper's client logs at INFO per session; unless
 * {@code org.slf4j.simpleLogger.log.org.apache.zookeeper} is set, loading this class sets it to {@code warn}.
 */
public final class ZooKeeperTargets
{
    /**
     * System properties read by the factory methods, with their defaults.
     */
    public static final class Configuration
    {
        /** First port of the standalone server; ensembles use {@link #ENSEMBLE_PORT_OFFSET} more. */
        public static final String PORT_BASE_PROP_NAME = "aerie.bench.zookeeper.port.base";
        /** Default {@link #PORT_BASE_PROP_NAME}: 31200 (the tests of this package use 31000 and 31100). */
        public static final int PORT_BASE_DEFAULT = 31_200;
        /** Offset of an ensemble's port base from the standalone server's, so both may run at once. */
        public static final int ENSEMBLE_PORT_OFFSET = 50;

        /** Servers of an ensemble. */
        public static final int ENSEMBLE_SIZE = 3;

        /** Each server's {@code -Xmx}. */
        public static final String MAX_HEAP_PROP_NAME = "aerie.bench.zookeeper.max.heap";
        /** Default {@link #MAX_HEAP_PROP_NAME}. */
        public static final String MAX_HEAP_DEFAULT = "512m";

        /** ZooKeeper's {@code tickTime}, ms (initLimit 10 and syncLimit 5 ticks, as in ZooKeeper's sample). */
        public static final String TICK_TIME_MS_PROP_NAME = "aerie.bench.zookeeper.tick.time.ms";
        /** Default {@link #TICK_TIME_MS_PROP_NAME}, ZooKeeper's sample value. */
        public static final int TICK_TIME_MS_DEFAULT = 2_000;

        /** Client session timeout, ms; the servers bound it to 2..20 ticks. */
        public static final String SESSION_TIMEOUT_MS_PROP_NAME = "aerie.bench.zookeeper.session.timeout.ms";
        /** Default {@link #SESSION_TIMEOUT_MS_PROP_NAME}. */
        public static final int SESSION_TIMEOUT_MS_DEFAULT = 10_000;

        /** How long {@code connect()} waits for a session, ms. */
        public static final String CONNECT_TIMEOUT_MS_PROP_NAME = "aerie.bench.zookeeper.connect.timeout.ms";
        /** Default {@link #CONNECT_TIMEOUT_MS_PROP_NAME}. */
        public static final int CONNECT_TIMEOUT_MS_DEFAULT = 15_000;

        /** Parent of the servers' temporary directories (its file system decides what fsync costs). */
        public static final String DIR_PROP_NAME = "aerie.bench.zookeeper.dir";

        /** The servers' class path; by default this JVM's (it must hold ZooKeeper and an SLF4J binding). */
        public static final String CLASS_PATH_PROP_NAME = "aerie.bench.zookeeper.class.path";

        /** The SLF4J simple logger's level key for ZooKeeper's client classes. */
        public static final String CLIENT_LOG_LEVEL_PROP_NAME = "org.slf4j.simpleLogger.log.org.apache.zookeeper";
        /** Level set for {@link #CLIENT_LOG_LEVEL_PROP_NAME} when it is not set. */
        public static final String CLIENT_LOG_LEVEL_DEFAULT = "warn";

        private Configuration()
        {
        }
    }

    static
    {
        if (null == System.getProperty(Configuration.CLIENT_LOG_LEVEL_PROP_NAME))
        {
            System.setProperty(Configuration.CLIENT_LOG_LEVEL_PROP_NAME, Configuration.CLIENT_LOG_LEVEL_DEFAULT);
        }
    }

    private ZooKeeperTargets()
    {
    }

    /**
     * A standalone server on the configured port base.
     *
     * @param fsync true for {@code forceSync=yes} (ZooKeeper's default), false for {@code forceSync=no}.
     * @return {@code zk-standalone-fsync} or {@code zk-standalone-nofsync}, not started.
     */
    public static SystemUnderTest standalone(final boolean fsync)
    {
        return standalone(fsync, Integer.getInteger(Configuration.PORT_BASE_PROP_NAME, Configuration.PORT_BASE_DEFAULT));
    }

    /**
     * A standalone server.
     *
     * @param fsync    true for {@code forceSync=yes}, false for {@code forceSync=no}.
     * @param portBase its client port.
     * @return {@code zk-standalone-fsync} or {@code zk-standalone-nofsync}, not started.
     */
    public static SystemUnderTest standalone(final boolean fsync, final int portBase)
    {
        return target("zk-standalone-" + fsyncLabel(fsync), 1, fsync, portBase);
    }

    /**
     * A 3-server ensemble on the configured port base plus {@link Configuration#ENSEMBLE_PORT_OFFSET}.
     *
     * @param fsync true for {@code forceSync=yes} (ZooKeeper's default), false for {@code forceSync=no}.
     * @return {@code zk-ensemble-fsync} or {@code zk-ensemble-nofsync}, not started.
     */
    public static SystemUnderTest ensemble(final boolean fsync)
    {
        return ensemble(fsync, Integer.getInteger(Configuration.PORT_BASE_PROP_NAME, Configuration.PORT_BASE_DEFAULT) +
            Configuration.ENSEMBLE_PORT_OFFSET);
    }

    /**
     * A 3-server ensemble.
     *
     * @param fsync    true for {@code forceSync=yes}, false for {@code forceSync=no}.
     * @param portBase client ports {@code portBase..+2}, quorum {@code +10..+12}, election {@code +20..+22}.
     * @return {@code zk-ensemble-fsync} or {@code zk-ensemble-nofsync}, not started.
     */
    public static SystemUnderTest ensemble(final boolean fsync, final int portBase)
    {
        return target("zk-ensemble-" + fsyncLabel(fsync), Configuration.ENSEMBLE_SIZE, fsync, portBase);
    }

    static ZooKeeperTarget target(final String name, final int servers, final boolean fsync, final int portBase)
    {
        final String dir = System.getProperty(Configuration.DIR_PROP_NAME);
        final ZooKeeperEnsemble.Context ctx = new ZooKeeperEnsemble.Context()
            .servers(servers)
            .forceSync(fsync)
            .portBase(portBase)
            .tickTimeMs(Integer.getInteger(Configuration.TICK_TIME_MS_PROP_NAME, Configuration.TICK_TIME_MS_DEFAULT))
            .maxHeap(System.getProperty(Configuration.MAX_HEAP_PROP_NAME, Configuration.MAX_HEAP_DEFAULT))
            .parentDir(null == dir ? null : new File(dir))
            .classPath(System.getProperty(Configuration.CLASS_PATH_PROP_NAME));

        return new ZooKeeperTarget(
            name,
            ctx,
            Integer.getInteger(Configuration.SESSION_TIMEOUT_MS_PROP_NAME, Configuration.SESSION_TIMEOUT_MS_DEFAULT),
            Integer.getInteger(Configuration.CONNECT_TIMEOUT_MS_PROP_NAME, Configuration.CONNECT_TIMEOUT_MS_DEFAULT));
    }

    private static String fsyncLabel(final boolean fsync)
    {
        return fsync ? "fsync" : "nofsync";
    }
}
