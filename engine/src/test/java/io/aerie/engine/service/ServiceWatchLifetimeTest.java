package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.engine.service.Replies.Reply;
import io.aerie.engine.service.Replies.WatchEventValue;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.codecs.EventType.NODE_CHILDREN_CHANGED;
import static io.aerie.codecs.EventType.NODE_CREATED;
import static io.aerie.codecs.EventType.NODE_DATA_CHANGED;
import static io.aerie.codecs.EventType.NODE_DELETED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of how long a watch lasts, with ZooKeeper's semantics: one-shot data and child watches are
 * cleared when they fire, persistent and persistent recursive ones are kept, even across the deletion and
 * recreation of their node, and a session is sent one event per change however many of its watches match.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress, in send order across connections, and drives the log clock and the timers; the
 * helpers of {@link WatchTestSupport} read that order. Each test checks one behaviour through the wire only.
 */
class ServiceWatchLifetimeTest extends WatchTestSupport
{
    // ---------------------------------------------------------------------------------------------------------------
    // One-shot and persistent watches

    @Test
    void shouldClearDataWatchWhenItFires()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "v0", CreateMode.PERSISTENT);
        watchData(a, "/a");

        final Exchange first = setData(b, "/a", "v1");
        final Exchange second = setData(b, "/a", "v2");
        final Exchange deleted = delete(b, "/a");

        assertEquals(1, first.eventsTo(a).size());
        assertNothingSentTo(a, List.of(second, deleted));
    }

    @Test
    void shouldClearChildWatchWhenItFires()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        watchChildren(a, "/p");

        final Exchange first = create(b, "/p/c");
        final Exchange second = create(b, "/p/d");
        final Exchange third = delete(b, "/p/c");

        assertEquals(1, first.eventsTo(a).size());
        assertNothingSentTo(a, List.of(second, third));
    }

    @Test
    void shouldClearExistsWatchOnMissingNodeWhenItFires()
    {
        final Client a = connect();
        final Client b = connect();
        watchExists(a, "/a");

        final Exchange created = create(b, "/a");
        final Exchange changed = setData(b, "/a", "v1");
        final Exchange deleted = delete(b, "/a");

        assertEquals(1, created.eventsTo(a).size());
        assertNothingSentTo(a, List.of(changed, deleted));
    }

    @Test
    void shouldKeepPersistentWatchAfterItFires()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "v0", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Exchange first = setData(b, "/a", "v1");
        final Exchange second = setData(b, "/a", "v2");

        assertEquals(List.of(new WatchEventValue(first.zxid(), 1, NODE_DATA_CHANGED, "/a")), first.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(second.zxid(), 2, NODE_DATA_CHANGED, "/a")), second.eventsTo(a));
    }

    @Test
    void shouldKeepPersistentWatchAcrossDeletionAndRecreation()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "v0", CreateMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Exchange deleted = delete(b, "/a");
        final Exchange created = create(b, "/a");
        final Exchange changed = setData(b, "/a", "v1");
        final Exchange child = create(b, "/a/c");

        assertEquals(List.of(new WatchEventValue(deleted.zxid(), 1, NODE_DELETED, "/a")), deleted.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(created.zxid(), 2, NODE_CREATED, "/a")), created.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(changed.zxid(), 3, NODE_DATA_CHANGED, "/a")), changed.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(child.zxid(), 4, NODE_CHILDREN_CHANGED, "/a")), child.eventsTo(a));
    }

    @Test
    void shouldKeepRecursiveWatchAcrossDeletionAndRecreation()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange deleted = delete(b, "/p");
        final Exchange created = create(b, "/p");
        final Exchange child = create(b, "/p/c");

        assertEquals(List.of(new WatchEventValue(deleted.zxid(), 1, NODE_DELETED, "/p")), deleted.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(created.zxid(), 2, NODE_CREATED, "/p")), created.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(child.zxid(), 3, NODE_CREATED, "/p/c")), child.eventsTo(a));
    }

    @Test
    void shouldSendOneEventPerChangeWhenSeveralWatchesOfASessionMatch()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        f.create(b, "/a/b", "", CreateMode.PERSISTENT);
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);
        addWatch(a, "/a", WatchMode.PERSISTENT_RECURSIVE);
        addWatch(a, "/a/b", WatchMode.PERSISTENT);
        watchData(a, "/a/b");
        watchExists(a, "/a/b");

        final Exchange x = setData(b, "/a/b", "v1");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a/b")), x.eventsTo(a));
    }

    @Test
    void shouldSendOneNodeCreatedWhenExistsPersistentAndRecursiveWatchesMatch()
    {
        final Client a = connect();
        final Client b = connect();
        watchExists(a, "/a");
        addWatch(a, "/a", WatchMode.PERSISTENT);
        addWatch(a, "/a", WatchMode.PERSISTENT_RECURSIVE);
        addWatch(a, "/", WatchMode.PERSISTENT_RECURSIVE);

        final Exchange x = create(b, "/a");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_CREATED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldSendOneNodeDeletedWhenDataChildAndPersistentWatchesOfTheNodeMatch()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        watchChildren(a, "/a");
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Exchange x = delete(b, "/a");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DELETED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldSendOneNodeChildrenChangedWhenChildAndPersistentWatchesOfParentMatch()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        watchChildren(a, "/p");
        addWatch(a, "/p", WatchMode.PERSISTENT);

        final Exchange x = create(b, "/p/c");

        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_CHILDREN_CHANGED, "/p")), x.eventsTo(a));
    }

    @Test
    void shouldClearDataWatchThatFiredTogetherWithPersistentWatch()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        addWatch(a, "/a", WatchMode.PERSISTENT);

        setData(b, "/a", "v1");
        final Reply removed = removeWatches(a, "/a", WatcherType.DATA);

        assertEquals(ResultCode.NO_WATCHER, removed.code(), "the data watch fired, so it is gone");
    }
}
