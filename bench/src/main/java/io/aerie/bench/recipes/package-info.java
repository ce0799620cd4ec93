/**
 * Latency rigs for the client's recipes ({@code io.aerie.client.recipes}), against a real 3-node cluster started in
 * the rig's JVM: {@link io.aerie.bench.recipes.ElectionHandover}, the time from the leader's client process dying
 * ({@code kill -9}) to the next contender leading, per session timeout; and {@link io.aerie.bench.recipes.LockLatency},
 * the round trip of an uncontended {@link io.aerie.client.recipes.InterProcessMutex} acquire and release. Each has a
 * {@code main()}; {@link io.aerie.bench.recipes.HandoverContender} is the leader's process of the first.
 */
package io.aerie.bench.recipes;
