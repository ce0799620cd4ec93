package io.aerie.bench.suite;

import io.aerie.bench.suite.aerie.AerieTarget;
import io.aerie.bench.suite.echo.EchoTarget;
import io.aerie.bench.suite.gateway.GatewayTarget;
import io.aerie.engine.node.Durability;

import java.io.File;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The registry of targets the suite knows, in the order it runs them, each with its table column: like beside like
 * (Aerie with fsync, durability {@code data}, next to ZooKeeper with {@code forceSync=yes}; Aerie without,
 * durability {@code none}, next to ZooKeeper with {@code forceSync=no}), one node then three. Aerie and the echo
 * floor (durability {@code none}, the cheapest) are built here, each from its own port base
 * ({@code portBase + k·portStep}, k = 0 aerie-1, 1 echo-1, 2 aerie-3, 3 echo-3, 4 aerie-1-nofsync, 5
 * aerie-zk-1-nofsync, 6 aerie-3-nofsync, 7 aerie-zk-3-nofsync; a 3-node cluster takes 206 ports from its base);
 * ZooKeeper's come from
 * {@code io.aerie.bench.suite.zookeeper.ZooKeeperTargets.standalone(boolean fsync)} and
 * {@code .ensemble(boolean fsync)}, looked up reflectively so the suite runs without them.
 */
public final class Targets
{
    /** Family of Aerie targets. */
    public static final String AERIE = "aerie";
    /** Family of the echo floor. */
    public static final String ECHO = "echo";
    /** Family of ZooKeeper targets. */
    public static final String ZOOKEEPER = "zookeeper";
    /** Family of Aerie through the ZooKeeper gateway, measured with ZooKeeper's client. */
    public static final String GATEWAY = "gateway";

    private static final String ZOOKEEPER_TARGETS = "io.aerie.bench.suite.zookeeper.ZooKeeperTargets";

    /**
     * One target the suite may run.
     *
     * @param column    stable column key: {@code aerie-1}, {@code aerie-3} (fsync), {@code aerie-1-nofsync},
     *                  {@code aerie-3-nofsync}, {@code zk-standalone}, {@code zk-ensemble} (fsync),
     *                  {@code zk-standalone-nofsync}, {@code zk-ensemble-nofsync}, {@code echo-1}, {@code echo-3},
     *                  {@code aerie-zk-1-nofsync}, {@code aerie-zk-3-nofsync} (through the ZooKeeper gateway).
     * @param family    {@link #AERIE}, {@link #ECHO}, {@link #ZOOKEEPER} or {@link #GATEWAY}.
     * @param title     column heading.
     * @param floorOnly run only the setData workloads ({@link Workload#floorCapable()}).
     * @param factory   makes a new, unstarted instance (called again for further failover runs).
     */
    public record Target(String column, String family, String title, boolean floorOnly, Supplier<SystemUnderTest> factory)
    {
    }

    private Targets()
    {
    }

    /**
     * @param workDir  where targets put their files.
     * @param portBase first port of the Aerie and echo targets.
     * @param portStep distance between the port bases of two targets; at least 206 if 3-node targets run.
     * @param mode     the run's mode (every target runs every workload it can in every mode).
     * @return every available target, in run order.
     */
    public static List<Target> all(final File workDir, final int portBase, final int portStep, final SuiteMode mode)
    {
        final List<Target> targets = new ArrayList<>();
        targets.add(new Target("aerie-1", AERIE, "Aerie 1", false,
            () -> new AerieTarget(1, portBase, workDir, Durability.DATA)));
        addZooKeeper(targets, "zk-standalone", "ZK standalone", "standalone", true);
        targets.add(new Target("aerie-1-nofsync", AERIE, "Aerie 1 no fsync", false,
            () -> new AerieTarget(1, portBase + 4 * portStep, workDir, Durability.NONE)));
        addZooKeeper(targets, "zk-standalone-nofsync", "ZK standalone no fsync", "standalone", false);
        addGateway(targets, 1, portBase + 5 * portStep, workDir);
        targets.add(new Target("echo-1", ECHO, "echo 1", true, () -> new EchoTarget(1, portBase + portStep, workDir)));
        targets.add(new Target("aerie-3", AERIE, "Aerie 3", false,
            () -> new AerieTarget(3, portBase + 2 * portStep, workDir, Durability.DATA)));
        addZooKeeper(targets, "zk-ensemble", "ZK ensemble", "ensemble", true);
        targets.add(new Target("aerie-3-nofsync", AERIE, "Aerie 3 no fsync", false,
            () -> new AerieTarget(3, portBase + 6 * portStep, workDir, Durability.NONE)));
        addZooKeeper(targets, "zk-ensemble-nofsync", "ZK ensemble no fsync", "ensemble", false);
        addGateway(targets, 3, portBase + 7 * portStep, workDir);
        targets.add(new Target("echo-3", ECHO, "echo 3", true, () -> new EchoTarget(3, portBase + 3 * portStep, workDir)));
        return targets;
    }

    private static void addGateway(final List<Target> targets, final int nodes, final int portBase, final File workDir)
    {
        // Its clients are ZooKeeper's Java client: only where the ZooKeeper targets can run too.
        if (zooKeeperAvailable())
        {
            targets.add(new Target("aerie-zk-" + nodes + "-nofsync", GATEWAY, "Aerie via ZK protocol " + nodes +
                " no fsync", false, () -> new GatewayTarget(nodes, portBase, workDir)));
        }
    }

    /**
     * @return true if the ZooKeeper targets' class is on the class path.
     */
    public static boolean zooKeeperAvailable()
    {
        return null != zooKeeperFactory("standalone");
    }

    private static void addZooKeeper(
        final List<Target> targets,
        final String column,
        final String title,
        final String method,
        final boolean fsync)
    {
        final Method factory = zooKeeperFactory(method);
        if (null != factory)
        {
            targets.add(new Target(column, ZOOKEEPER, title, false, () -> invoke(factory, fsync)));
        }
    }

    private static Method zooKeeperFactory(final String method)
    {
        try
        {
            return Class.forName(ZOOKEEPER_TARGETS).getMethod(method, boolean.class);
        }
        catch (final ClassNotFoundException | NoSuchMethodException | LinkageError ex)
        {
            return null;
        }
    }

    private static SystemUnderTest invoke(final Method factory, final boolean fsync)
    {
        try
        {
            return (SystemUnderTest)factory.invoke(null, fsync);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new RigException("cannot make " + factory + "(" + fsync + ")", ex);
        }
    }
}
