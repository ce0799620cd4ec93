package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.GetDataRequestDecoder;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An invalid path is refused by the client, on the caller's thread, with ZooKeeper's client's message, before
 * anything goes on the wire (so the node counts nothing): blocking and async calls alike, with a chroot, and a
 * sequential create's path may end in '/'. Against {@link RecordingClusterTransport}: no Aeron, no cluster.
 */
class InvalidPathNotSentTest
{
    private final RecordingClusterTransport transport = new RecordingClusterTransport();
    private AerieClient client;

    @AfterEach
    void close()
    {
        CloseHelper.quietClose(client);
    }

    @Test
    void shouldRefuseABlockingCallsInvalidPathWithoutSendingIt() throws AerieException
    {
        connect(null);

        final IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> client.getData("/a//b"));

        assertEquals("Invalid path string \"/a//b\" caused by empty node name specified @3", refused.getMessage());
        assertEquals(List.of(), sentAfterConnect());
    }

    @Test
    void shouldRefuseAnAsyncCallsInvalidPathWithoutSendingIt() throws AerieException
    {
        connect(null);

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> client.create("/a/", null, 0, 0, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1, (r) -> {}));
        client.poll();

        assertEquals("Path must not end with / character", refused.getMessage());
        assertEquals(List.of(), sentAfterConnect());
    }

    @Test
    void shouldSendASequentialCreateWhosePathEndsInASlash() throws AerieException
    {
        connect(null);

        client.create("/a/", null, 0, 0, AclList.openAclUnsafe(), CreateMode.PERSISTENT_SEQUENTIAL, -1, (r) -> {});
        client.poll();

        assertEquals(List.of(CreateRequestDecoder.TEMPLATE_ID), sentAfterConnect());
    }

    @Test
    void shouldCheckThePathAsGivenBeneathAChroot() throws AerieException
    {
        connect("/app");

        assertThrows(IllegalArgumentException.class, () -> client.getDataAsync("a", (r) -> {}));
        client.getDataAsync("/", (r) -> {});
        client.poll();

        assertEquals(List.of(GetDataRequestDecoder.TEMPLATE_ID), sentAfterConnect());
    }

    @Test
    void shouldRefuseAMultiWithOneInvalidPathWhole() throws AerieException
    {
        connect(null);
        final MultiOps ops = new MultiOps().check("/ok", -1).delete("/bad/..", -1);

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> client.multi(ops));

        assertEquals("Invalid path string \"/bad/..\" caused by relative paths not allowed @6", refused.getMessage());
        assertEquals(List.of(), sentAfterConnect());
    }

    private void connect(final String chroot) throws AerieException
    {
        final AerieClient.Context ctx = new AerieClient.Context();
        ctx.agents().useConductorInvoker(true);
        ctx.connection().ingressEndpoints("0=localhost:1").chroot(chroot).clusterTransport(transport);
        client = AerieClient.connect(ctx);
    }

    private List<Integer> sentAfterConnect()
    {
        final List<Integer> offered = transport.offered();
        return offered.subList(1, offered.size()); // The first is the ConnectRequest.
    }
}
