package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import org.agrona.CloseHelper;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Authentication and ACLs end to end on a real one-node cluster with real clients: NO_AUTH with ZooKeeper's
 * message until the digest credentials are added, credentials given at connect, whoAmI, and a scheme the cluster
 * does not know failing the session as ZooKeeper's client does.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AerieClientAuthClusterTest
{
    private static final int PORT_BASE = 14000;
    private static final byte[] BOB = "bob:secret".getBytes(StandardCharsets.UTF_8);

    // Static: JUnit injects an instance @TempDir field only before each test, after @BeforeAll has used it.
    @TempDir
    static File tempDir;

    private TestClusters.ClusterWithClient cluster;
    private AerieClient owner;

    @BeforeAll
    void start() throws Exception
    {
        cluster = TestClusters.ClusterWithClient.launch(1, PORT_BASE, tempDir);
        owner = cluster.client();
    }

    @AfterAll
    void stop()
    {
        CloseHelper.close(cluster);
    }

    @Test
    void shouldRefuseSetDataUntilTheDigestIsAdded() throws Exception
    {
        guarded("/app");
        try (AerieClient other = AerieClient.connect(cluster.clientContext()))
        {
            final AerieException refused = assertThrows(
                AerieException.NoAuthException.class, () -> other.setData("/app", new byte[]{ 2 }, -1));
            assertEquals("KeeperErrorCode = NoAuth for /app", refused.getMessage());

            other.addAuthInfo("digest", BOB);
            other.setData("/app", new byte[]{ 2 }, -1);

            assertArrayEquals(new byte[]{ 2 }, other.getData("/app"));
            // As ZooKeeper on loopback: the connection's address first, then the digest user.
            assertEquals(List.of(new ClientInfo("ip", "127.0.0.1"), new ClientInfo("digest", "bob")), other.whoAmI());
        }
    }

    @Test
    void shouldAddTheContextsCredentialsAtConnect() throws Exception
    {
        guarded("/ctx");
        final AerieClient.Context clientCtx = cluster.clientContext();
        clientCtx.session().authInfo("digest", BOB);
        try (AerieClient bob = AerieClient.connect(clientCtx))
        {
            bob.setData("/ctx", new byte[]{ 3 }, -1);

            assertArrayEquals(new byte[]{ 3 }, bob.getData("/ctx"));
        }
    }

    @Test
    void shouldFailTheSessionOnAnUnknownScheme() throws Exception
    {
        try (AerieClient client = AerieClient.connect(cluster.clientContext()))
        {
            assertThrows(AerieException.AuthFailedException.class,
                () -> client.addAuthInfo("kerberos", BOB));

            TestClusters.awaitCondition("auth failed state", () -> SessionState.AUTH_FAILED == client.state(), client);
        }
    }

    private void guarded(final String path) throws Exception
    {
        owner.create(path, new byte[]{ 1 }, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1);
        final String bobDigest = DigestAuthenticationProvider.generateDigest("bob:secret");
        owner.setAcl(path, new AclList()
            .add(AclList.READ | AclList.WRITE, "digest", bobDigest)
            .add(AclList.READ, "world", "anyone"), -1);
    }
}
