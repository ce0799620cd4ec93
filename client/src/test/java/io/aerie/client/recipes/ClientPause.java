package io.aerie.client.recipes;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.WatchedEvent;
import io.aerie.client.Watcher;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.EventType;
import io.aerie.codecs.model.AclList;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pauses the thread that polls a client, as a stopped process would be, in the middle of whatever it is doing (a
 * recipe's blocking call): a watch on a trigger node whose callback blocks until released. With a short session the
 * client's session then expires in the cluster; its ephemeral marker node going shows when. Set up on the client's
 * thread before the client is handed to a worker; {@link #pauseUntilExpired()} and {@link #release()} from the
 * observer's thread.
 */
final class ClientPause implements Watcher
{
    private final AerieClient observer;
    private final String trigger;
    private final String marker;
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /**
     * @param client   the client to pause; used here, on the caller's thread, then no more.
     * @param observer a client of the caller's thread, used to trigger the pause and see the expiry.
     * @param name     unique per test: names the trigger and marker nodes.
     */
    ClientPause(final AerieClient client, final AerieClient observer, final String name) throws AerieException
    {
        this.observer = observer;
        this.trigger = "/pause-" + name;
        this.marker = "/pause-" + name + "-marker";
        client.create(marker, null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);
        client.exists(trigger, this);
    }

    /**
     * Make the paused client's next poll block, wait until it does, then until its session has expired.
     */
    void pauseUntilExpired() throws AerieException
    {
        observer.create(trigger, null);
        RecipeCluster.await("the client paused", () -> 0 == paused.getCount(), observer);
        awaitExpired(observer, marker);
    }

    /**
     * Let the paused thread go on.
     */
    void release()
    {
        released.countDown();
    }

    @Override
    public void onEvent(final WatchedEvent event)
    {
        if (EventType.NODE_CREATED == event.type())
        {
            paused.countDown();
            try
            {
                released.await(60, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * For a client this thread stops polling: create its ephemeral marker now, then, later, {@link
     * #awaitExpired(AerieClient, String)} it.
     *
     * @return the marker's path.
     */
    static String mark(final AerieClient client, final String name) throws AerieException
    {
        return client.create("/expiry-" + name, null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL, -1);
    }

    /**
     * Poll the observer until the marker is gone: the session that created it has ended in the cluster.
     */
    static void awaitExpired(final AerieClient observer, final String marker)
    {
        RecipeCluster.await("the session expired", () -> !exists(observer, marker), observer);
    }

    static boolean exists(final AerieClient client, final String path)
    {
        try
        {
            return null != client.exists(path);
        }
        catch (final AerieException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
