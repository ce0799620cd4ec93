package io.aerie.client;

import io.aerie.codecs.WatcherType;

/**
 * One watcher removed by the client alone, without asking the cluster, when its answer is given (see
 * {@link ClientConductor#removeWatcher}).
 */
final class LocalRemoval
{
    final String path;
    final WatcherType type;
    final Watcher watcher;

    LocalRemoval(final String path, final WatcherType type, final Watcher watcher)
    {
        this.path = path;
        this.type = type;
        this.watcher = watcher;
    }
}
