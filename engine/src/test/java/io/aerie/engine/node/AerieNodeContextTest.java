package io.aerie.engine.node;

import io.aeron.exceptions.ConfigurationException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AerieNodeContextTest
{
    private static final String THREE_MEMBERS =
        "0,a:30000,a:30001,a:30002,a:30003,a:30004|" +
        "1,b:30100,b:30101,b:30102,b:30103,b:30104|" +
        "2,c:30200,c:30201,c:30202,c:30203,c:30204";

    @TempDir
    File tempDir;

    @Test
    void shouldDeriveMembersAndIngressEndpointsFromHostsAndPortBase()
    {
        final AerieNodeContext ctx = context().memberId(1).clusterHosts("a, b ,c").portBase(30000).conclude();

        assertEquals(THREE_MEMBERS, ctx.clusterMembers());
        assertEquals("0=a:30000,1=b:30100,2=c:30200", ctx.ingressEndpoints());
    }

    @Test
    void shouldUseAnExplicitMembersStringOverHostsAndPortBase()
    {
        final AerieNodeContext ctx = context()
            .memberId(2).clusterMembers(THREE_MEMBERS).clusterHosts("ignored").portBase(1).conclude();

        assertEquals(THREE_MEMBERS, ctx.clusterMembers());
        assertEquals("c:30204", ctx.thisMember().archiveEndpoint());
        assertEquals("c:30205", ClusterMembers.replicationEndpoint(ctx.thisMember()));
    }

    @Test
    void shouldPutArchiveAndClusterDirectoriesUnderTheNodeDirectory()
    {
        final File nodeDir = new File(tempDir, "n0");
        final AerieNodeContext ctx = context().nodeDir(nodeDir).conclude();

        assertEquals(new File(nodeDir, "archive"), ctx.archiveDir());
        assertEquals(new File(nodeDir, "cluster"), ctx.clusterDir());
        assertEquals(AerieNodeConfiguration.defaultAeronDirectoryName(nodeDir), ctx.aeronDirectoryName());
    }

    @Test
    void shouldNameDistinctAeronDirectoriesForDistinctNodeDirectories()
    {
        assertNotEquals(
            AerieNodeConfiguration.defaultAeronDirectoryName(new File(tempDir, "a/node-0")),
            AerieNodeConfiguration.defaultAeronDirectoryName(new File(tempDir, "b/node-0")));
    }

    @Test
    void shouldDeriveStartupCanvassTimeoutAsTwiceTheLeaderHeartbeatTimeout()
    {
        final AerieNodeContext ctx = context().leaderHeartbeatTimeoutNs(ms(700)).conclude();

        assertEquals(ms(1400), ctx.startupCanvassTimeoutNs());
    }

    @Test
    void shouldRejectAStartupCanvassTimeoutBelowTwiceTheLeaderHeartbeatTimeout()
    {
        final AerieNodeContext ctx = context().leaderHeartbeatTimeoutNs(ms(1000)).startupCanvassTimeoutNs(ms(1999));

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectAHeartbeatIntervalNotBelowTheHeartbeatTimeout()
    {
        final AerieNodeContext ctx = context().leaderHeartbeatTimeoutNs(ms(100)).leaderHeartbeatIntervalNs(ms(100));

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectANonPositiveElectionTimeout()
    {
        assertThrows(ConfigurationException.class, context().electionTimeoutNs(0)::conclude);
    }

    @Test
    void shouldRejectBothAServiceAndASupplier()
    {
        final AerieNodeContext ctx = context().clusteredServiceSupplier(EchoService::new);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldMakeTheServiceFromTheSupplier()
    {
        final EchoService service = new EchoService();
        final AerieNodeContext ctx = new AerieNodeContext().clusteredServiceSupplier(() -> service).conclude();

        assertEquals(service, ctx.clusteredService());
    }

    @Test
    void shouldRejectAnUnknownIdleStrategy()
    {
        assertThrows(ConfigurationException.class, context().idleStrategy("spin-harder")::conclude);
    }

    @Test
    void shouldMakeAFreshBackoffIdleStrategyForEachAgent()
    {
        final Supplier<IdleStrategy> supplier = context().conclude().idleStrategySupplier();

        final IdleStrategy first = supplier.get();
        assertInstanceOf(BackoffIdleStrategy.class, first);
        assertNotSame(first, supplier.get());
    }

    @Test
    void shouldRejectATermLengthTooShortForTheLargestMessage()
    {
        // 8 MiB terms carry at most 1 MiB: a 1 MiB znode plus headers does not fit.
        final AerieNodeContext ctx = context().termLength(8 * 1024 * 1024).archiveSegmentLength(8 * 1024 * 1024);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectATermLengthThatIsNotAPowerOfTwo()
    {
        assertThrows(ConfigurationException.class, context().termLength(3 * 1024 * 1024)::conclude);
    }

    @Test
    void shouldRejectAnArchiveSegmentShorterThanATerm()
    {
        assertThrows(ConfigurationException.class, context().archiveSegmentLength(8 * 1024 * 1024)::conclude);
    }

    @Test
    void shouldRejectAMemberIdMissingFromTheMembers()
    {
        assertThrows(ConfigurationException.class, context().memberId(3).clusterMembers(THREE_MEMBERS)::conclude);
    }

    @Test
    void shouldRejectMalformedMembers()
    {
        assertThrows(ConfigurationException.class, context().clusterMembers("0,a:1,a:2")::conclude);
    }

    @Test
    void shouldRejectMembersSharingAnEndpoint()
    {
        final String members = "0,a:1,a:2,a:3,a:4,a:5|1,a:1,b:2,b:3,b:4,b:5";

        assertThrows(ConfigurationException.class, context().clusterMembers(members)::conclude);
    }

    @Test
    void shouldRejectAReplicationPortThatCollidesWithAMemberEndpoint()
    {
        // Member 0's replication endpoint is its archive port + 1 = member 1's ingress.
        final String members = "0,a:1,a:2,a:3,a:4,a:5|1,a:6,a:7,a:8,a:9,a:10";

        assertThrows(ConfigurationException.class, context().clusterMembers(members)::conclude);
    }

    @Test
    void shouldRejectAPortBaseThatRunsPastTheLastPort()
    {
        final AerieNodeContext ctx = context().clusterHosts("a,b,c").portBase(65400);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectANegativeMemberId()
    {
        assertThrows(ConfigurationException.class, context().memberId(-1)::conclude);
    }

    @Test
    void shouldRejectFewerThanOneSession()
    {
        assertThrows(ConfigurationException.class, context().maxSessions(0)::conclude);
    }

    @Test
    void shouldRejectANegativeMetricsPort()
    {
        assertThrows(ConfigurationException.class, context().metricsPort(-1)::conclude);
    }

    @Test
    void shouldRejectAMetricsPortAboveTheLastPort()
    {
        assertThrows(ConfigurationException.class, context().metricsPort(65536)::conclude);
    }

    @Test
    void shouldRequireAMetricsHostWhenTheEndpointIsOn()
    {
        assertThrows(ConfigurationException.class, context().metricsPort(9000).metricsHost(" ")::conclude);
    }

    @Test
    void shouldNeedNoMetricsHostWhenTheEndpointIsOff()
    {
        assertEquals(0, context().metricsPort(0).metricsHost(null).conclude().metricsPort());
    }

    @Test
    void shouldConcludeOnlyOnce()
    {
        final AerieNodeContext ctx = context().conclude();

        assertThrows(IllegalStateException.class, ctx::conclude);
    }

    @Test
    void shouldHaveTheDocumentedDefaults()
    {
        final AerieNodeContext ctx = context().conclude();

        assertEquals(0, ctx.memberId());
        assertEquals(AerieNode.ThreadingMode.SHARED, ctx.threadingMode());
        assertEquals("backoff", ctx.idleStrategy());
        assertEquals(ms(1000), ctx.leaderHeartbeatTimeoutNs());
        assertEquals(ms(50), ctx.leaderHeartbeatIntervalNs());
        assertEquals(ms(200), ctx.electionTimeoutNs());
        assertEquals(ms(2000), ctx.startupCanvassTimeoutNs());
        assertEquals(ms(10_000), ctx.sessionTimeoutNs());
        assertEquals(1024, ctx.maxSessions());
        assertEquals(16 * 1024 * 1024, ctx.termLength());
        assertEquals("0=localhost:20000", ctx.ingressEndpoints());
        assertEquals(0, ctx.metricsPort());
        assertEquals("127.0.0.1", ctx.metricsHost());
    }

    @Test
    void shouldReadSettingsFromSystemProperties()
    {
        final String[][] settings = {
            { AerieNodeConfiguration.MEMBER_ID_PROP_NAME, "1" },
            { AerieNodeConfiguration.CLUSTER_HOSTS_PROP_NAME, "h0,h1,h2" },
            { AerieNodeConfiguration.PORT_BASE_PROP_NAME, "31000" },
            { AerieNodeConfiguration.THREADING_MODE_PROP_NAME, "dedicated" },
            { AerieNodeConfiguration.IDLE_STRATEGY_PROP_NAME, "yielding" },
            { ClusterTimingConfiguration.LEADER_HEARTBEAT_TIMEOUT_PROP_NAME, "500ms" },
            { ClusterTimingConfiguration.LEADER_HEARTBEAT_INTERVAL_PROP_NAME, "50ms" },
            { ClusterTimingConfiguration.ELECTION_TIMEOUT_PROP_NAME, "300ms" },
            { NodeLimitsConfiguration.MAX_SESSIONS_PROP_NAME, "64" },
            { NodeLimitsConfiguration.TERM_LENGTH_PROP_NAME, "32m" },
            { AerieNodeConfiguration.METRICS_PORT_PROP_NAME, "31006" },
            { AerieNodeConfiguration.METRICS_HOST_PROP_NAME, "0.0.0.0" },
        };
        for (final String[] setting : settings)
        {
            System.setProperty(setting[0], setting[1]);
        }

        try
        {
            final AerieNodeContext ctx = context().conclude();

            assertEquals(1, ctx.memberId());
            assertEquals("0=h0:31000,1=h1:31100,2=h2:31200", ctx.ingressEndpoints());
            assertEquals(AerieNode.ThreadingMode.DEDICATED, ctx.threadingMode());
            assertEquals("yielding", ctx.idleStrategy());
            assertEquals(ms(500), ctx.leaderHeartbeatTimeoutNs());
            assertEquals(ms(50), ctx.leaderHeartbeatIntervalNs());
            assertEquals(ms(300), ctx.electionTimeoutNs());
            assertEquals(ms(1000), ctx.startupCanvassTimeoutNs());
            assertEquals(64, ctx.maxSessions());
            assertEquals(32 * 1024 * 1024, ctx.termLength());
            assertEquals(31006, ctx.metricsPort());
            assertEquals("0.0.0.0", ctx.metricsHost());
        }
        finally
        {
            for (final String[] setting : settings)
            {
                System.clearProperty(setting[0]);
            }
        }
    }

    @Test
    void shouldRejectAnUnknownThreadingModeProperty()
    {
        System.setProperty(AerieNodeConfiguration.THREADING_MODE_PROP_NAME, "threaded");
        try
        {
            assertThrows(ConfigurationException.class, AerieNodeContext::new);
        }
        finally
        {
            System.clearProperty(AerieNodeConfiguration.THREADING_MODE_PROP_NAME);
        }
    }

    @Test
    void shouldLoadAPropertiesFileWithoutOverridingCommandLineProperties() throws IOException
    {
        final String fromFile = "aerie.test.node.from.file";
        final String fromCommandLine = "aerie.test.node.from.command.line";
        final File file = new File(tempDir, "node.properties");
        Files.write(
            file.toPath(),
            (fromFile + "=file\n" + fromCommandLine + "=file\n").getBytes(StandardCharsets.UTF_8));
        System.setProperty(fromCommandLine, "command line");

        try
        {
            AerieNode.loadSystemProperties(file.getPath());

            assertEquals("file", System.getProperty(fromFile));
            assertEquals("command line", System.getProperty(fromCommandLine));
        }
        finally
        {
            System.clearProperty(fromFile);
            System.clearProperty(fromCommandLine);
        }
    }

    @Test
    void shouldRejectAMissingServiceClassInTheServiceHook()
    {
        System.setProperty(AerieNodeConfiguration.SERVICE_CLASS_PROP_NAME, "io.aerie.NoSuchService");
        try
        {
            assertThrows(ConfigurationException.class, AerieNode::newConfiguredClusteredService);
        }
        finally
        {
            System.clearProperty(AerieNodeConfiguration.SERVICE_CLASS_PROP_NAME);
        }
    }

    @Test
    void shouldMakeTheServiceNamedInTheServiceHook()
    {
        System.setProperty(AerieNodeConfiguration.SERVICE_CLASS_PROP_NAME, EchoService.class.getName());
        try
        {
            assertInstanceOf(EchoService.class, AerieNode.newConfiguredClusteredService());
        }
        finally
        {
            System.clearProperty(AerieNodeConfiguration.SERVICE_CLASS_PROP_NAME);
        }
    }

    private AerieNodeContext context()
    {
        return new AerieNodeContext().nodeDir(new File(tempDir, "node")).clusteredService(new EchoService());
    }

    private static long ms(final long millis)
    {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
