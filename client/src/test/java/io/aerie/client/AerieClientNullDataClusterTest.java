package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Null data end to end against a real one-node cluster, as ZooKeeper 3.9 keeps it: a znode created or set with
 * null data reads back as null (dataLength 0) through the blocking and the asynchronous API, and stays apart
 * from empty data; a multi carries null data too.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AerieClientNullDataClusterTest
{
    private static final int PORT_BASE = 20000;
    private static final AclList OPEN = AclList.openAclUnsafe();

    // Static: JUnit injects an instance @TempDir field only before each test, after @BeforeAll has used it.
    @TempDir
    static File tempDir;

    private TestClusters.ClusterWithClient cluster;
    private AerieClient client;

    @BeforeAll
    void start() throws AerieException
    {
        cluster = TestClusters.ClusterWithClient.launch(1, PORT_BASE, tempDir);
        client = cluster.client();
    }

    @AfterAll
    void stop()
    {
        CloseHelper.close(cluster);
    }

    @Test
    void shouldReadNullDataOfZnodeCreatedWithNull() throws AerieException
    {
        client.create("/created-null", null);

        final Stat stat = new Stat();
        assertNull(client.getData("/created-null", stat));
        assertEquals(0, stat.dataLength());
    }

    @Test
    void shouldKeepEmptyDataApartFromNull() throws AerieException
    {
        client.create("/created-empty", new byte[0]);

        assertArrayEquals(new byte[0], client.getData("/created-empty"));
    }

    @Test
    void shouldSetNullDataAndBackToData() throws AerieException
    {
        client.create("/set", bytes("v0"));

        assertEquals(0, client.setData("/set", null, 0).dataLength());
        assertNull(client.getData("/set"));
        client.setData("/set", bytes("v2"), 1);
        assertArrayEquals(bytes("v2"), client.getData("/set"));
    }

    @Test
    void shouldTellNullFromEmptyInAsynchronousResponse() throws AerieException
    {
        client.create("/async-null", null);
        client.create("/async-empty", new byte[0]);
        final boolean[] isNull = new boolean[2];
        final int[] count = { 0 };
        final ResponseHandler handler = response -> isNull[count[0]++] = response.isDataNull();

        client.getDataAsync("/async-null", handler);
        client.getDataAsync("/async-empty", handler);

        TestClusters.awaitCondition("two answers", () -> 2 == count[0], client);
        assertTrue(isNull[0]);
        assertFalse(isNull[1]);
    }

    @Test
    void shouldCreateAndSetNullDataInMulti() throws AerieException
    {
        client.create("/multi", bytes("x"));
        final MultiOps ops = new MultiOps()
            .create("/multi/null", null, 0, 0, OPEN, CreateMode.PERSISTENT, -1)
            .create("/multi/empty", new UnsafeBuffer(new byte[0]), 0, 0, OPEN, CreateMode.PERSISTENT, -1)
            .setData("/multi", null, 0, 0, 0);
        final ResultCode[] code = { null };

        client.multi(ops, response -> code[0] = response.code());

        TestClusters.awaitCondition("the multi's answer", () -> null != code[0], client);
        assertEquals(ResultCode.OK, code[0]);
        assertNull(client.getData("/multi/null"));
        assertArrayEquals(new byte[0], client.getData("/multi/empty"));
        assertNull(client.getData("/multi"));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
