package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.SessionState;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.node.LocalCluster;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client whose connection the cluster closed (it was silent past the cluster's connection timeout, but
 * within its Aerie session timeout) connects again and resumes its session: same id, ephemerals kept.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AerieClientResumeClusterTest
{
    private static final int PORT_BASE = 25800;
    private static final long CONNECTION_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(1_000);

    @TempDir
    File tempDir;

    private final TestClusters.Errors errors = new TestClusters.Errors();
    private LocalCluster cluster;
    private AerieClient client;
    private AerieClient observer;

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(observer, client, cluster);
        errors.assertNone();
    }

    @Test
    void shouldReconnectAndResumeSessionAfterClusterClosedItsConnection() throws AerieException
    {
        cluster = TestClusters.launch(
            new LocalCluster.Context().nodeConfigurator((nodeCtx, memberId) -> nodeCtx.timing().sessionTimeoutNs(CONNECTION_TIMEOUT_NS)),
            1, PORT_BASE, new File(tempDir, "cluster"), errors, 0);
        final List<SessionState> states = new ArrayList<>();
        final AerieClient.Context clientCtx = TestClusters.clientContext(cluster);
        clientCtx.session().sessionTimeoutMs(20_000);
        clientCtx.sessionListener((state, id) -> states.add(state));
        client = AerieClient.connect(clientCtx);
        observer = AerieClient.connect(TestClusters.clientContext(cluster));
        final long sessionId = client.sessionId();
        client.create("/mine", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);

        // The client goes silent for three connection timeouts: the cluster closes its connection, while its
        // Aerie session (20 s) lives on, so the ephemeral stays.
        final long silentUntilNs = System.nanoTime() + 3 * CONNECTION_TIMEOUT_NS;
        TestClusters.awaitCondition("the client's silence", () -> System.nanoTime() - silentUntilNs > 0, observer);
        assertEquals(sessionId, observer.exists("/mine").ephemeralOwner());

        // Polling again, it finds its connection closed, reconnects and resumes.
        client.create("/after-resume", null);
        assertEquals(SessionState.CONNECTED, client.state());
        assertEquals(sessionId, client.sessionId());
        assertTrue(states.contains(SessionState.DISCONNECTED), "the outage was reported: " + states);
        assertEquals(sessionId, observer.exists("/mine").ephemeralOwner());
        assertEquals(List.of("/mine"), client.getEphemerals("/"));
    }
}
