package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.engine.service.Replies.Reply;
import io.aerie.engine.service.Replies.WatchEventValue;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.aerie.codecs.EventType.NODE_CHILDREN_CHANGED;
import static io.aerie.codecs.EventType.NODE_CREATED;
import static io.aerie.codecs.EventType.NODE_DATA_CHANGED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of RemoveWatches, with ZooKeeper's semantics: removing each kind of watch, or every kind with
 * ANY, of the given path and session only; NO_WATCHER when there is none to remove; no event, zxid or change
 * to the tree for adding or removing watches.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress, in send order across connections, and drives the log clock and the timers; the
 * helpers of {@link WatchTestSupport} read that order. Each test checks one behaviour through the wire only.
 */
class ServiceWatchRemoveTest extends WatchTestSupport
{
    // ---------------------------------------------------------------------------------------------------------------
    // RemoveWatches

    @Test
    void shouldRemoveDataWatch()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        final long correlationId = f.nextCorrelationId();

        final Reply removed = Replies.removeWatchesReply(f.request(a.connection(),
            f.wire.removeWatches(correlationId, "/a", WatcherType.DATA, false)));
        final List<Exchange> writes = List.of(setData(b, "/a", "v1"), delete(b, "/a"));

        assertEquals(correlationId, removed.correlationId());
        assertEquals(ResultCode.OK, removed.code());
        assertNothingSentTo(a, writes);
    }

    @Test
    void shouldRemoveDataWatchLeftByExistsOnMissingNode()
    {
        final Client a = connect();
        final Client b = connect();
        watchExists(a, "/a");

        final Reply removed = removeWatches(a, "/a", WatcherType.DATA);
        final Exchange created = create(b, "/a");

        assertEquals(ResultCode.OK, removed.code());
        assertEquals(List.of(), created.to(a));
    }

    @Test
    void shouldRemoveChildWatch()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        watchChildren(a, "/p");

        final Reply removed = removeWatches(a, "/p", WatcherType.CHILDREN);
        final List<Exchange> writes = List.of(create(b, "/p/c"), delete(b, "/p/c"), delete(b, "/p"));

        assertEquals(ResultCode.OK, removed.code());
        assertNothingSentTo(a, writes);
    }

    @Test
    void shouldRemovePersistentWatchButNotRecursiveOne()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT_RECURSIVE);

        final Reply removed = removeWatches(a, "/p", WatcherType.PERSISTENT);
        final Exchange created = create(b, "/p/c");
        final Reply again = removeWatches(a, "/p", WatcherType.PERSISTENT);

        assertEquals(ResultCode.OK, removed.code());
        assertEquals(List.of(new WatchEventValue(created.zxid(), 1, NODE_CREATED, "/p/c")), created.eventsTo(a),
            "the recursive watch only: no NODE_CHILDREN_CHANGED");
        assertEquals(ResultCode.NO_WATCHER, again.code());
    }

    @Test
    void shouldRemoveRecursiveWatchButNotPersistentOne()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT_RECURSIVE);

        final Reply removed = removeWatches(a, "/p", WatcherType.PERSISTENT_RECURSIVE);
        final Exchange created = create(b, "/p/c");
        final Reply again = removeWatches(a, "/p", WatcherType.PERSISTENT_RECURSIVE);

        assertEquals(ResultCode.OK, removed.code());
        assertEquals(List.of(new WatchEventValue(created.zxid(), 1, NODE_CHILDREN_CHANGED, "/p")), created.eventsTo(a),
            "the persistent watch only: no NODE_CREATED for the child");
        assertEquals(ResultCode.NO_WATCHER, again.code());
    }

    @Test
    void shouldKeepPersistentWatchWhenRemovingDataWatch()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Reply removed = removeWatches(a, "/a", WatcherType.DATA);
        final Exchange first = setData(b, "/a", "v1");
        final Exchange second = setData(b, "/a", "v2");

        assertEquals(ResultCode.OK, removed.code());
        assertEquals(List.of(new WatchEventValue(first.zxid(), 1, NODE_DATA_CHANGED, "/a")), first.eventsTo(a));
        assertEquals(List.of(new WatchEventValue(second.zxid(), 2, NODE_DATA_CHANGED, "/a")), second.eventsTo(a));
    }

    @Test
    void shouldRemoveEveryKindOfWatchOfThePathWithAny()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        watchData(a, "/p");
        watchChildren(a, "/p");
        addWatch(a, "/p", WatchMode.PERSISTENT);
        addWatch(a, "/p", WatchMode.PERSISTENT_RECURSIVE);

        final Reply removed = removeWatches(a, "/p", WatcherType.ANY);
        final List<Exchange> writes = List.of(setData(b, "/p", "v1"), create(b, "/p/c"), setData(b, "/p/c", "v1"),
            delete(b, "/p/c"), delete(b, "/p"), create(b, "/p"));
        final Reply again = removeWatches(a, "/p", WatcherType.ANY);

        assertEquals(ResultCode.OK, removed.code());
        assertNothingSentTo(a, writes);
        assertEquals(ResultCode.NO_WATCHER, again.code());
    }

    @ParameterizedTest
    @EnumSource(value = WatcherType.class, names = "NULL_VAL", mode = EnumSource.Mode.EXCLUDE)
    void shouldAnswerNoWatcherWhenThereIsNoWatchToRemove(final WatcherType watcherType)
    {
        final Client a = connect();
        f.create(a, "/a", "", CreateMode.PERSISTENT);
        final long correlationId = f.nextCorrelationId();

        final Reply reply = Replies.removeWatchesReply(f.request(a.connection(),
            f.wire.removeWatches(correlationId, "/a", watcherType, false)));

        assertEquals(correlationId, reply.correlationId());
        assertEquals(ResultCode.NO_WATCHER, reply.code());
    }

    @Test
    void shouldAnswerNoWatcherForKindNotSetAndKeepTheOtherKinds()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/p", "", CreateMode.PERSISTENT);
        watchChildren(a, "/p");
        addWatch(a, "/p", WatchMode.PERSISTENT_RECURSIVE);

        assertEquals(ResultCode.NO_WATCHER, removeWatches(a, "/p", WatcherType.DATA).code());
        assertEquals(ResultCode.NO_WATCHER, removeWatches(a, "/p", WatcherType.PERSISTENT).code());
        final Exchange created = create(b, "/p/c");

        assertEquals(List.of(
            new WatchEventValue(created.zxid(), 1, NODE_CREATED, "/p/c"),
            new WatchEventValue(created.zxid(), 2, NODE_CHILDREN_CHANGED, "/p")), created.eventsTo(a));
    }

    @Test
    void shouldRemoveWatchesOfTheGivenPathOnly()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        f.create(b, "/a/b", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        watchData(a, "/a/b");
        addWatch(a, "/a", WatchMode.PERSISTENT_RECURSIVE);

        assertEquals(ResultCode.OK, removeWatches(a, "/a/b", WatcherType.ANY).code());
        final Exchange child = setData(b, "/a/b", "v1");
        final Exchange parent = setData(b, "/a", "v1");

        assertEquals(List.of(new WatchEventValue(child.zxid(), 1, NODE_DATA_CHANGED, "/a/b")), child.eventsTo(a),
            "the recursive watch of /a still covers /a/b");
        assertEquals(List.of(new WatchEventValue(parent.zxid(), 2, NODE_DATA_CHANGED, "/a")), parent.eventsTo(a));
    }

    @Test
    void shouldNotRemoveWatchesOfAnotherSession()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Reply reply = removeWatches(b, "/a", WatcherType.ANY);
        final Exchange x = setData(b, "/a", "v1");

        assertEquals(ResultCode.NO_WATCHER, reply.code());
        assertEquals(List.of(new WatchEventValue(x.zxid(), 1, NODE_DATA_CHANGED, "/a")), x.eventsTo(a));
    }

    @Test
    void shouldRemoveLocalWatchesAsAnyOther()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");

        final Reply removed = Replies.removeWatchesReply(f.request(a.connection(),
            f.wire.removeWatches(f.nextCorrelationId(), "/a", WatcherType.DATA, true)));
        final Exchange x = setData(b, "/a", "v1");

        assertEquals(ResultCode.OK, removed.code());
        assertEquals(List.of(), x.to(a));
    }

    @Test
    void shouldSendNoEventForRemoval()
    {
        final Client a = connect();
        final Client b = connect();
        f.create(b, "/a", "", CreateMode.PERSISTENT);
        watchData(a, "/a");
        watchChildren(a, "/a");
        addWatch(a, "/a", WatchMode.PERSISTENT);

        final Exchange x = exchange(a, f.wire.removeWatches(f.nextCorrelationId(), "/a", WatcherType.ANY, false));

        assertEquals(1, x.sent().size(), "the answer only");
        assertEquals(ResultCode.OK, Replies.removeWatchesReply(x.answer()).code());
    }

    @Test
    void shouldChangeNoZxidOrNodeWhenAddingOrRemovingWatches()
    {
        final Client a = connect();
        f.create(a, "/a", "", CreateMode.PERSISTENT);
        final long digest = f.digest();

        addWatch(a, "/a", WatchMode.PERSISTENT);
        watchData(a, "/a");
        final Reply removed = removeWatches(a, "/a", WatcherType.ANY);

        assertEquals(ResultCode.OK, removed.code());
        assertEquals(1, removed.zxid());
        assertEquals(1, f.lastZxid());
        assertEquals(digest, f.digest());
    }
}
