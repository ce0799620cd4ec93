package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.engine.service.Replies.Created;
import io.aerie.engine.service.Replies.WatchEventValue;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.codecs.EventType.NODE_CHILDREN_CHANGED;
import static io.aerie.codecs.EventType.NODE_CREATED;
import static io.aerie.codecs.EventType.NODE_DATA_CHANGED;
import static io.aerie.codecs.EventType.NODE_DELETED;
import static io.aerie.engine.service.Wire.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of the changes that fire watches, with ZooKeeper's rules: which events create, delete and
 * setData fire to which kinds of watch (data, child, persistent, persistent recursive), that setACL and failed
 * writes fire none, and the order of the events one change fires to a session.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress, in send order across connections, and drives the log clock and the timers; the
 * helpers of {@link WatchTestSupport} read that order. Each test checks one behaviour through the wire only.
 */
class ServiceWatchTriggerTest extends WatchTestSupport
{
    // ---------------------------------------------------------------------------------------------------------------
    // Create

    @Test
    void shouldFireNodeCreatedToPersistentWatchOfCreatedPath()
    {
        final Client a = connect();
        final Client b = connect();
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Exchange x = create(b, "/a");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_CREATED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeCreatedToRecursiveWatchOfCreatedPathItself()
    {
        final Client a = connect();
        final Client b = connect();
        addWatch(a, "/a", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange x = create(b, "/a");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_CREATED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeCreatedToRecursiveWatchOfEveryAncestor()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange child = create(b, "/a/b");
        final Exchange grandchild = create(b, "/a/b/c");

        assertEquals(List.of(new WatchEventValue(child.zxid(), 1, NODE_CREATED, "/a/b")), child.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(grandchild.zxid(), 2, NODE_CREATED, "/a/b/c")), grandchild.eventsTo(a));
    }

    @Test
    void shouldFireNodeChildrenChangedToChildWatchOfParentOnCreate()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        assertEquals(ResultCode.OK, watchChildren(a, "/p").code());

        final Exchange x = create(b, "/p/c");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_CHILDREN_CHANGED, "/p")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeChildrenChangedToPersistentWatchOfParentOnCreate()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT);

        final Exchange x = create(b, "/p/c");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_CHILDREN_CHANGED, "/p")), x.eventsTo(a));
    }

    @Test
    void shouldNeverFireNodeChildrenChangedToRecursiveWatch()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange created = create(b, "/p/c");
        final Exchange deleted = delete(b, "/p/c");

        assertEquals(List.of(new WatchEventValue(created.zxid(), 1, NODE_CREATED, "/p/c")), created.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(deleted.zxid(), 2, NODE_DELETED, "/p/c")), deleted.eventsTo(a));
    }

    @Test
    void shouldFireNodeCreatedBeforeNodeChildrenChangedOfParent()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        watchChildren(a, "/p");
        watchExists(a, "/p/c");

        final Exchange x = create(b, "/p/c");

        assertEquals(List.of(
            new WatchEventValue(x.zxid(), 1, NODE_CREATED, "/p/c"),
            new WatchEventValue(x.zxid(), 2, NODE_CHILDREN_CHANGED, "/p")), x.eventsTo(a));
    }

    @Test
    void shouldUseActualPathOfSequentialNodeInEvents()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/q", "", CreateMode.PERSISTENT);
        addWatch(a, "/q", WatchMode.PERSISTENT_RECURSIVE);
        watchChildren(a, "/q");

        final Exchange x = create(b, "/q/s-", CreateMode.PERSISTENT_SEQUENTIAL);

        final Created created = Replies.created(x.answer());
        assertEquals("/q/s-0000000000", created.path());
        assertEquals(List.of(
            new WatchEventValue(x.zxid(), 1, NODE_CREATED, created.path()),
            new WatchEventValue(x.zxid(), 2, NODE_CHILDREN_CHANGED, "/q")), x.eventsTo(a));
    }

    @Test
    void shouldFireNothingForFailedCreate()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        f.create(b, "/p/c", "", CreateMode.PERSISTENT);
        watchChildren(a, "/p");
        watchData(a, "/p/c");
        watchExists(a, "/x/y");
        addWatch(a, "/", WatchMode.PERSISTENT);

        final Exchange exists = create(b, "/p/c");
        final Exchange noParent = create(b, "/x/y");
        final Exchange later = create(b, "/p/d");

        assertEquals(ResultCode.NODE_EXISTS, exists.code());
        assertEquals(ResultCode.NO_NODE, noParent.code());
        assertNothingSentTo(a, List.of(exists, noParent));
        assertEquals(List.of(new WatchEventValue(later.zxid(), 1, NODE_CHILDREN_CHANGED, "/p")), later.eventsTo(a),
            "the child watch is still set");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Delete

    @Test
    void shouldFireNodeDeletedToDataWatchFromGetData()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        assertEquals(ResultCode.OK, watchData(a, "/a").code());

        final Exchange x = delete(b, "/a");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DELETED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeDeletedToDataWatchFromExistsOnExistingNode()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        assertEquals(ResultCode.OK, watchExists(a, "/a").code());

        final Exchange x = delete(b, "/a");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DELETED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeDeletedToChildWatchOfDeletedNode()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchChildren(a, "/a");

        final Exchange x = delete(b, "/a");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DELETED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeChildrenChangedToChildWatchOfParentOnDelete()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        f.create(b, "/p/c", "", CreateMode.PERSISTENT);
        watchChildren(a, "/p");

        final Exchange x = delete(b, "/p/c");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_CHILDREN_CHANGED, "/p")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeDeletedBeforeNodeChildrenChangedOfParent()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        f.create(b, "/p/c", "", CreateMode.PERSISTENT);
        watchChildren(a, "/p");
        watchData(a, "/p/c");

        final Exchange x = delete(b, "/p/c");

        assertEquals(List.of(
            new WatchEventValue(x.zxid(), 1, NODE_DELETED, "/p/c"),
            new WatchEventValue(x.zxid(), 2, NODE_CHILDREN_CHANGED, "/p")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeDeletedAndParentChildrenChangedToPersistentWatches()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        f.create(b, "/p/c", "", CreateMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT);
        addWatch(a, "/p/c", WatchMode.PERSISTENT);

        final Exchange x = delete(b, "/p/c");

        assertEquals(List.of(
            new WatchEventValue(x.zxid(), 1, NODE_DELETED, "/p/c"),
            new WatchEventValue(x.zxid(), 2, NODE_CHILDREN_CHANGED, "/p")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeDeletedToRecursiveWatchOfAncestor()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        f.create(b, "/p/c", "", CreateMode.PERSISTENT);
        f.create(b, "/p/c/d", "", CreateMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange x = delete(b, "/p/c/d");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DELETED, "/p/c/d")), x.eventsTo(a));
    }

    @Test
    void shouldFireNothingForFailedDelete()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        f.create(b, "/p/c", "", CreateMode.PERSISTENT);
        watchData(a, "/p");
        watchChildren(a, "/p");
        watchData(a, "/p/c");
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange notEmpty = delete(b, "/p");
        final Exchange badVersion = exchange(b, f.wire.delete(f.nextCorrelationId(), "/p/c", 5));
        final Exchange noNode = delete(b, "/missing");

        assertEquals(ResultCode.NOT_EMPTY, notEmpty.code());
        assertEquals(ResultCode.BAD_VERSION, badVersion.code());
        assertEquals(ResultCode.NO_NODE, noNode.code());
        assertNothingSentTo(a, List.of(notEmpty, badVersion, noNode));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // SetData and SetACL

    @Test
    void shouldFireNodeDataChangedToDataWatchFromGetData()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "v0", CreateMode.PERSISTENT);
        assertEquals("v0", watchData(a, "/a").data());

        final Exchange x = setData(b, "/a", "v1");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a")), x.eventsTo(a));
        assertEquals(2, x.zxid());
    }

    @Test
    void shouldFireNodeDataChangedToDataWatchFromExists()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "v0", CreateMode.PERSISTENT);
        watchExists(a, "/a");

        final Exchange x = setData(b, "/a", "v1");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldNotFireChildWatchOnSetData()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "v0", CreateMode.PERSISTENT);
        watchChildren(a, "/a");

        final Exchange changed = setData(b, "/a", "v1");
        final Exchange created = create(b, "/a/c");

        assertEquals(List.of(), changed.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(created.zxid(), 1, NODE_CHILDREN_CHANGED, "/a")), created.eventsTo(a),
            "the child watch is still set");
    }

    @Test
    void shouldFireNodeDataChangedToPersistentWatch()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "v0", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Exchange x = setData(b, "/a", "v1");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldFireNodeDataChangedToRecursiveWatchOfAncestor()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        f.create(b, "/a/b", "", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange x = setData(b, "/a/b", "v1");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a/b")), x.eventsTo(a));
    }

    @Test
    void shouldNotFireRecursiveWatchForChangeOutsideItsSubtree()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        f.create(b, "/ab", "", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT_RECURSIVE);

        final List<Exchange> writes = List.of(setData(b, "/ab", "1"), create(b, "/ab/c"), create(b, "/b"));

        assertNothingSentTo(a, writes);
    }

    @Test
    void shouldFireNothingForSetAcl()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        watchChildren(a, "/a");
        addWatch(a, "/a", WatchMode.PERSISTENT);
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange x = exchange(b, f.wire.setAcl(f.nextCorrelationId(), "/a", -1, List.of(OPEN)));

        assertEquals(ResultCode.OK, x.code());
        assertEquals(List.of(), x.events());
    }

    @Test
    void shouldFireNothingForFailedSetData()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "v0", CreateMode.PERSISTENT);
        watchData(a, "/a");
        watchExists(a, "/missing");
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange badVersion = exchange(b, f.wire.setData(f.nextCorrelationId(), "/a", "v1", 7));
        final Exchange noNode = setData(b, "/missing", "v1");
        final Exchange tooLarge = setData(b, "/a", "x".repeat(ServiceFixture.MAX_DATA_LENGTH + 1));
        final Exchange good = setData(b, "/a", "v2");

        assertEquals(ResultCode.BAD_VERSION, badVersion.code());
        assertEquals(ResultCode.NO_NODE, noNode.code());
        assertEquals(ResultCode.DATA_TOO_LARGE, tooLarge.code());
        assertNothingSentTo(a, List.of(badVersion, noNode, tooLarge));
        assertEquals(List.of(new WatchEventValue(good.zxid(), 1, NODE_DATA_CHANGED, "/a")), good.eventsTo(a));
    }
}
