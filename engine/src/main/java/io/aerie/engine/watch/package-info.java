/**
 * Watches as replicated state: the registry of every session's one-time, persistent and recursive watches
 * ({@link io.aerie.engine.watch.WatchRegistry}), indexed by path and by session, and ZooKeeper's rules for which
 * of them a change fires ({@link io.aerie.engine.watch.WatchTriggers}). The service encodes each event once and
 * offers it to every recipient.
 */
package io.aerie.engine.watch;
