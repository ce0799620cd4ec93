package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.Replies.AclReply;
import io.aerie.engine.service.Replies.Children;
import io.aerie.engine.service.Replies.Created;
import io.aerie.engine.service.Replies.DataReply;
import io.aerie.engine.service.Replies.StatReply;
import io.aerie.engine.service.Replies.StatValue;
import io.aerie.engine.service.Replies.Synced;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of reads: exists, getData, getChildren, getAllChildrenNumber, getEphemerals, getACL, sync.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress and drives the log clock and the timers. Each test checks one behaviour through
 * the wire only.
 */
class ServiceReadTest
{
    private ServiceFixture f;

    @BeforeEach
    void before()
    {
        f = new ServiceFixture();
    }

    @AfterEach
    void after()
    {
        f.close();
    }

    @Test
    void shouldReadBackDataAndStatOfCreatedNode()
    {
        final Client a = f.connect(5000);
        final Created created = f.create(a, "/a", "hello", CreateMode.PERSISTENT);

        final DataReply data = f.getData(a, "/a");

        assertEquals(ResultCode.OK, data.code());
        assertEquals("hello", data.data());
        assertEquals(created.stat(), data.stat());
        assertEquals(1, data.zxid());
        assertEquals(f.lastCorrelationId(), data.correlationId());
    }

    @Test
    void shouldAnswerExistsWithStatOrNoNode()
    {
        final Client a = f.connect(5000);
        final Created created = f.create(a, "/a", "hello", CreateMode.PERSISTENT);

        final StatReply present = f.exists(a, "/a");
        final StatReply absent = f.exists(a, "/b");

        assertEquals(ResultCode.OK, present.code());
        assertEquals(created.stat(), present.stat());
        assertEquals(ResultCode.NO_NODE, absent.code());
        assertEquals(StatValue.ZERO, absent.stat());
        assertEquals(1, absent.zxid());
    }

    @Test
    void shouldListChildrenSortedWithParentStat()
    {
        final Client a = f.connect(5000);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.create(a, "/p/b", "", CreateMode.PERSISTENT);
        f.create(a, "/p/c", "", CreateMode.PERSISTENT);
        f.create(a, "/p/a", "", CreateMode.PERSISTENT);

        final Children children = f.children(a, "/p", true);

        assertEquals(ResultCode.OK, children.code());
        assertEquals(List.of("a", "b", "c"), children.names());
        assertEquals(3, children.stat().numChildren());
        assertEquals(3, children.stat().cversion());
        assertEquals(4, children.stat().pzxid());
        assertEquals(1, children.stat().czxid());
    }

    @Test
    void shouldAnswerGetChildrenOfMissingNodeWithNoNode()
    {
        final Client a = f.connect(5000);

        final Children children = f.children(a, "/none", true);

        assertEquals(ResultCode.NO_NODE, children.code());
        assertEquals(List.of(), children.names());
        assertEquals(StatValue.ZERO, children.stat());
    }

    @Test
    void shouldZeroParentStatWhenGetChildrenDoesNotAskForIt()
    {
        final Client a = f.connect(5000);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.create(a, "/p/a", "", CreateMode.PERSISTENT);

        final Children children = f.children(a, "/p", false);

        assertEquals(ResultCode.OK, children.code());
        assertEquals(List.of("a"), children.names());
        assertEquals(StatValue.ZERO, children.stat(), "GetChildrenResponse.stat: zeroed unless includeStat was TRUE");
    }

    @Test
    void shouldListChildrenWhoseAnswerOutgrowsTheInitialEgressBuffer()
    {
        final Client a = f.connect(5000);
        f.create(a, "/wide", "", CreateMode.PERSISTENT);
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 600; i++)
        {
            final String name = String.format("child-%05d", i);
            f.create(a, "/wide/" + name, "", CreateMode.PERSISTENT);
            expected.add(name);
        }

        final Children children = f.children(a, "/wide", true);

        assertEquals(ResultCode.OK, children.code());
        assertEquals(expected, children.names());
        assertEquals(600, children.stat().numChildren());
    }

    @Test
    void shouldCountAllDescendants()
    {
        final Client a = f.connect(5000);
        f.create(a, "/p", "", CreateMode.PERSISTENT);
        f.create(a, "/p/a", "", CreateMode.PERSISTENT);
        f.create(a, "/p/a/x", "", CreateMode.PERSISTENT);
        f.create(a, "/p/a/x/y", "", CreateMode.PERSISTENT);
        f.create(a, "/p/b", "", CreateMode.PERSISTENT);
        f.create(a, "/q", "", CreateMode.PERSISTENT);

        assertEquals(4, f.count(a, "/p").total());
        assertEquals(0, f.count(a, "/q").total());
        assertEquals(6 + ServiceFixture.RESERVED_NODES, f.count(a, "/").total(), "the reserved /zookeeper nodes too");
        assertEquals(ResultCode.NO_NODE, f.count(a, "/none").code());
    }

    @Test
    void shouldListOnlyOwnEphemeralsUnderPrefixSorted()
    {
        final Client a = f.connect(5000);
        final Client b = f.connect(5000);
        f.create(a, "/e", "", CreateMode.PERSISTENT);
        f.create(a, "/x", "", CreateMode.PERSISTENT);
        f.create(a, "/e/a2", "", CreateMode.EPHEMERAL);
        f.create(a, "/e/a1", "", CreateMode.EPHEMERAL);
        f.create(a, "/x/a3", "", CreateMode.EPHEMERAL);
        f.create(b, "/e/b1", "", CreateMode.EPHEMERAL);

        assertEquals(List.of("/e/a1", "/e/a2"), f.ephemerals(a, "/e").paths());
        assertEquals(List.of("/e/a1", "/e/a2", "/x/a3"), f.ephemerals(a, "/").paths());
        assertEquals(List.of("/e/b1"), f.ephemerals(b, "/").paths());
        assertEquals(ResultCode.OK, f.ephemerals(b, "/x").code());
        assertEquals(List.of(), f.ephemerals(b, "/x").paths());
    }

    @Test
    void shouldAnswerGetAclOfMissingNodeWithNoNodeAndNoEntries()
    {
        final Client a = f.connect(5000);

        final AclReply acl = f.aclOf(a, "/none");

        assertEquals(ResultCode.NO_NODE, acl.code());
        assertEquals(List.of(), acl.acls());
        assertEquals(StatValue.ZERO, acl.stat());
    }

    @Test
    void shouldAnswerSyncWithPathAndLastZxid()
    {
        final Client a = f.connect(5000);
        f.create(a, "/a", "", CreateMode.PERSISTENT);

        final Synced synced = f.sync(a, "/a");

        assertEquals(f.lastCorrelationId(), synced.correlationId());
        assertEquals(ResultCode.OK, synced.code());
        assertEquals(1, synced.zxid());
        assertEquals("/a", synced.path());
        assertEquals(ResultCode.INVALID_PATH, f.sync(a, "/a/../b").code());
    }
}
