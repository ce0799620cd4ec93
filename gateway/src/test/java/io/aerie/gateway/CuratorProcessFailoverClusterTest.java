package io.aerie.gateway;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * {@link CuratorFailoverClusterTest}'s recipes, unchanged, where each node is a process of its own with its gateway
 * beside it, and the leader's process is killed with {@code kill -9} in the middle of each recipe: the Curator
 * clients of its gateway see their TCP connections reset and move to another gateway with their sessions.
 */
@Tag("slow")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class CuratorProcessFailoverClusterTest extends CuratorFailoverClusterTest
{
    /** Members at 6500, 6600, 6700 (+0..5); gateways on TCP 6780..6782 (this suite's range is 6000-6799). */
    private static final int PORT_BASE = 6500;
    private static final int GATEWAY_PORT_BASE = 6780;

    @Override
    FailoverCluster launchCluster(final File dir) throws Exception
    {
        return new ProcessGateways(PORT_BASE, GATEWAY_PORT_BASE, dir);
    }
}
