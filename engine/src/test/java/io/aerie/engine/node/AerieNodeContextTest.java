package io.aerie.engine.node;

import io.aerie.codecs.config.AerieProperties;
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
    void shouldDeriveMembersWithSystemAssignedCatchupPortsAndIngressEndpointsFromHostsAndPortBase()
    {
        final AerieNode.Context ctx = context().memberId(1);
        ctx.transport().clusterHosts("a, b ,c").portBase(30000);
        ctx.conclude();

        assertEquals(THREE_MEMBERS.replaceAll(":30[0-2]03,", ":0,"), ctx.transport().clusterMembers());
        assertEquals("0=a:30000,1=b:30100,2=c:30200", ctx.transport().ingressEndpoints());
    }

    @Test
    void shouldUseAnExplicitMembersStringOverHostsAndPortBase()
    {
        final AerieNode.Context ctx = context().memberId(2);
        ctx.transport().clusterMembers(THREE_MEMBERS).clusterHosts("ignored").portBase(1);
        ctx.conclude();

        assertEquals(THREE_MEMBERS, ctx.transport().clusterMembers());
        assertEquals("c:30204", ctx.transport().thisMember().archiveEndpoint());
        assertEquals("c:30205", ClusterMembers.replicationEndpoint(ctx.transport().thisMember()));
    }

    @Test
    void shouldPutArchiveAndClusterDirectoriesUnderTheNodeDirectory()
    {
        final File nodeDir = new File(tempDir, "n0");
        final AerieNode.Context ctx = context();
        ctx.storage().nodeDir(nodeDir);
        ctx.conclude();

        assertEquals(new File(nodeDir, "archive"), ctx.storage().archiveDir());
        assertEquals(new File(nodeDir, "cluster"), ctx.storage().clusterDir());
        assertEquals(NodeStorage.Configuration.defaultAeronDirectoryName(nodeDir), ctx.storage().aeronDirectoryName());
    }

    @Test
    void shouldNameDistinctAeronDirectoriesForDistinctNodeDirectories()
    {
        assertNotEquals(
            NodeStorage.Configuration.defaultAeronDirectoryName(new File(tempDir, "a/node-0")),
            NodeStorage.Configuration.defaultAeronDirectoryName(new File(tempDir, "b/node-0")));
    }

    @Test
    void shouldDeriveStartupCanvassTimeoutAsTwiceTheLeaderHeartbeatTimeout()
    {
        final AerieNode.Context ctx = context();
        ctx.timing().leaderHeartbeatTimeoutNs(ms(1500));
        ctx.conclude();

        assertEquals(ms(3000), ctx.timing().startupCanvassTimeoutNs());
    }

    @Test
    void shouldDeriveAStartupCanvassOfAtLeastTwoSecondsFromAShortLeaderHeartbeatTimeout()
    {
        final AerieNode.Context ctx = context();
        ctx.timing().leaderHeartbeatTimeoutNs(ms(700));
        ctx.conclude();

        assertEquals(ms(2000), ctx.timing().startupCanvassTimeoutNs());
    }

    @Test
    void shouldRejectAStartupCanvassTimeoutBelowTwiceTheLeaderHeartbeatTimeout()
    {
        final AerieNode.Context ctx = context();
        ctx.timing().leaderHeartbeatTimeoutNs(ms(1000)).startupCanvassTimeoutNs(ms(1999));

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectAHeartbeatIntervalNotBelowTheHeartbeatTimeout()
    {
        final AerieNode.Context ctx = context();
        ctx.timing().leaderHeartbeatTimeoutNs(ms(100)).leaderHeartbeatIntervalNs(ms(100));

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectANegativeStallAbsorptionBound()
    {
        final AerieNode.Context ctx = context();
        ctx.timing().stallAbsorbMaxNs(-1);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldAcceptAZeroStallAbsorptionBoundAsAeronsBehaviour()
    {
        final AerieNode.Context ctx = context();
        ctx.timing().stallAbsorbMaxNs(0);
        ctx.conclude();

        assertEquals(0, ctx.timing().stallAbsorbMaxNs());
    }

    @Test
    void shouldRejectANonPositiveElectionTimeout()
    {
        final AerieNode.Context ctx = context();
        ctx.timing().electionTimeoutNs(0);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectBothAServiceAndASupplier()
    {
        final AerieNode.Context ctx = context();
        ctx.service().clusteredServiceSupplier(EchoService::new);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldMakeTheServiceFromTheSupplier()
    {
        final EchoService service = new EchoService();
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.service().clusteredServiceSupplier(() -> service);
        ctx.conclude();

        assertEquals(service, ctx.service().clusteredService());
    }

    @Test
    void shouldRejectAnUnknownIdleStrategy()
    {
        final AerieNode.Context ctx = context();
        ctx.agents().idleStrategy("spin-harder");

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldMakeAFreshBackoffIdleStrategyForEachAgent()
    {
        final Supplier<IdleStrategy> supplier = context().conclude().agents().idleStrategySupplier();

        final IdleStrategy first = supplier.get();
        assertInstanceOf(BackoffIdleStrategy.class, first);
        assertNotSame(first, supplier.get());
    }

    @Test
    void shouldRejectATermLengthTooShortForTheLargestMessage()
    {
        // 8 MiB terms carry at most 1 MiB: a 1 MiB znode plus headers does not fit.
        final AerieNode.Context ctx = context();
        ctx.limits().termLength(8 * 1024 * 1024).archiveSegmentLength(8 * 1024 * 1024);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectATermLengthThatIsNotAPowerOfTwo()
    {
        final AerieNode.Context ctx = context();
        ctx.limits().termLength(3 * 1024 * 1024);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectAnArchiveSegmentShorterThanATerm()
    {
        final AerieNode.Context ctx = context();
        ctx.limits().archiveSegmentLength(8 * 1024 * 1024);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectAMemberIdMissingFromTheMembers()
    {
        final AerieNode.Context ctx = context().memberId(3);
        ctx.transport().clusterMembers(THREE_MEMBERS);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectMalformedMembers()
    {
        final AerieNode.Context ctx = context();
        ctx.transport().clusterMembers("0,a:1,a:2");

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectMembersSharingAnEndpoint()
    {
        final String members = "0,a:1,a:2,a:3,a:4,a:5|1,a:1,b:2,b:3,b:4,b:5";

        final AerieNode.Context ctx = context();
        ctx.transport().clusterMembers(members);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectAReplicationPortThatCollidesWithAMemberEndpoint()
    {
        // Member 0's replication endpoint is its archive port + 1 = member 1's ingress.
        final String members = "0,a:1,a:2,a:3,a:4,a:5|1,a:6,a:7,a:8,a:9,a:10";

        final AerieNode.Context ctx = context();
        ctx.transport().clusterMembers(members);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectAPortBaseThatRunsPastTheLastPort()
    {
        final AerieNode.Context ctx = context();
        ctx.transport().clusterHosts("a,b,c").portBase(65400);

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
        final AerieNode.Context ctx = context();
        ctx.limits().maxSessions(0);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectANegativeMetricsPort()
    {
        final AerieNode.Context ctx = context();
        ctx.transport().metricsPort(-1);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRejectAMetricsPortAboveTheLastPort()
    {
        final AerieNode.Context ctx = context();
        ctx.transport().metricsPort(65536);

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldRequireAMetricsHostWhenTheEndpointIsOn()
    {
        final AerieNode.Context ctx = context();
        ctx.transport().metricsPort(9000).metricsHost(" ");

        assertThrows(ConfigurationException.class, ctx::conclude);
    }

    @Test
    void shouldNeedNoMetricsHostWhenTheEndpointIsOff()
    {
        final AerieNode.Context ctx = context();
        ctx.transport().metricsPort(0).metricsHost(null);

        assertEquals(0, ctx.conclude().transport().metricsPort());
    }

    @Test
    void shouldConcludeOnlyOnce()
    {
        final AerieNode.Context ctx = context().conclude();

        assertThrows(IllegalStateException.class, ctx::conclude);
    }

    @Test
    void shouldHaveTheDocumentedDefaults()
    {
        final AerieNode.Context ctx = context().conclude();

        assertEquals(0, ctx.memberId());
        assertEquals(NodeAgents.ThreadingMode.SHARED, ctx.agents().threadingMode());
        assertEquals("backoff", ctx.agents().idleStrategy());
        assertEquals(ms(250), ctx.timing().leaderHeartbeatTimeoutNs());
        assertEquals(ms(25), ctx.timing().leaderHeartbeatIntervalNs());
        assertEquals(ms(100), ctx.timing().electionTimeoutNs());
        assertEquals(ms(2000), ctx.timing().startupCanvassTimeoutNs());
        assertEquals(ms(10_000), ctx.timing().sessionTimeoutNs());
        assertEquals(1024, ctx.limits().maxSessions());
        assertEquals(16 * 1024 * 1024, ctx.limits().termLength());
        assertEquals("0=localhost:20000", ctx.transport().ingressEndpoints());
        assertEquals(0, ctx.transport().metricsPort());
        assertEquals("127.0.0.1", ctx.transport().metricsHost());
    }

    @Test
    void shouldReadSettingsFromSystemProperties()
    {
        final String[][] settings = {
            { AerieNode.Configuration.MEMBER_ID_PROP_NAME, "1" },
            { NodeTransport.Configuration.CLUSTER_HOSTS_PROP_NAME, "h0,h1,h2" },
            { NodeTransport.Configuration.PORT_BASE_PROP_NAME, "31000" },
            { NodeAgents.Configuration.THREADING_MODE_PROP_NAME, "dedicated" },
            { NodeAgents.Configuration.IDLE_STRATEGY_PROP_NAME, "yielding" },
            { ClusterTiming.Configuration.LEADER_HEARTBEAT_TIMEOUT_PROP_NAME, "500ms" },
            { ClusterTiming.Configuration.LEADER_HEARTBEAT_INTERVAL_PROP_NAME, "50ms" },
            { ClusterTiming.Configuration.ELECTION_TIMEOUT_PROP_NAME, "300ms" },
            { NodeLimits.Configuration.MAX_SESSIONS_PROP_NAME, "64" },
            { NodeLimits.Configuration.TERM_LENGTH_PROP_NAME, "32m" },
            { NodeTransport.Configuration.METRICS_PORT_PROP_NAME, "31006" },
            { NodeTransport.Configuration.METRICS_HOST_PROP_NAME, "0.0.0.0" },
        };
        for (final String[] setting : settings)
        {
            System.setProperty(setting[0], setting[1]);
        }

        try
        {
            final AerieNode.Context ctx = context().conclude();

            assertEquals(1, ctx.memberId());
            assertEquals("0=h0:31000,1=h1:31100,2=h2:31200", ctx.transport().ingressEndpoints());
            assertEquals(NodeAgents.ThreadingMode.DEDICATED, ctx.agents().threadingMode());
            assertEquals("yielding", ctx.agents().idleStrategy());
            assertEquals(ms(500), ctx.timing().leaderHeartbeatTimeoutNs());
            assertEquals(ms(50), ctx.timing().leaderHeartbeatIntervalNs());
            assertEquals(ms(300), ctx.timing().electionTimeoutNs());
            assertEquals(ms(2000), ctx.timing().startupCanvassTimeoutNs());
            assertEquals(64, ctx.limits().maxSessions());
            assertEquals(32 * 1024 * 1024, ctx.limits().termLength());
            assertEquals(31006, ctx.transport().metricsPort());
            assertEquals("0.0.0.0", ctx.transport().metricsHost());
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
        System.setProperty(NodeAgents.Configuration.THREADING_MODE_PROP_NAME, "threaded");
        try
        {
            assertThrows(ConfigurationException.class, AerieNode.Context::new);
        }
        finally
        {
            System.clearProperty(NodeAgents.Configuration.THREADING_MODE_PROP_NAME);
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
            AerieProperties.loadIntoSystemProperties(file.toPath());

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
        System.setProperty(NodeService.Configuration.SERVICE_CLASS_PROP_NAME, "io.aerie.NoSuchService");
        try
        {
            assertThrows(ConfigurationException.class, NodeService::newConfiguredService);
        }
        finally
        {
            System.clearProperty(NodeService.Configuration.SERVICE_CLASS_PROP_NAME);
        }
    }

    @Test
    void shouldMakeTheServiceNamedInTheServiceHook()
    {
        System.setProperty(NodeService.Configuration.SERVICE_CLASS_PROP_NAME, EchoService.class.getName());
        try
        {
            assertInstanceOf(EchoService.class, NodeService.newConfiguredService());
        }
        finally
        {
            System.clearProperty(NodeService.Configuration.SERVICE_CLASS_PROP_NAME);
        }
    }

    private AerieNode.Context context()
    {
        final AerieNode.Context ctx = new AerieNode.Context();
        ctx.storage().nodeDir(new File(tempDir, "node"));
        ctx.service().clusteredService(new EchoService());

        return ctx;
    }

    private static long ms(final long millis)
    {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
