package io.aerie.bench.suite.zookeeper;

import io.aerie.bench.suite.LoadClient;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;

/**
 * One persistent watch's {@link Watcher}: passes {@code NodeDataChanged} events to the rig's
 * {@link LoadClient.WatchListener} and ignores the rest (ZooKeeper also hands every registered watcher the
 * connection-state events). Runs on ZooKeeper's event thread.
 */
final class DataChangeWatcher implements Watcher
{
    private final LoadClient.WatchListener listener;

    /**
     * @param listener told of each data change; not null.
     */
    DataChangeWatcher(final LoadClient.WatchListener listener)
    {
        this.listener = listener;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void process(final WatchedEvent event)
    {
        if (event.getType() == Event.EventType.NodeDataChanged)
        {
            listener.onDataChanged();
        }
    }
}
