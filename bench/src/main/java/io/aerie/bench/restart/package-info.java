/**
 * The restart rig: how long Aerie and Apache ZooKeeper take to serve again after a restart, from the log alone,
 * from a snapshot, and after {@code kill -9}, with N znodes in the tree ({@code bench/bin/restart}).
 */
package io.aerie.bench.restart;
