/**
 * JMH benchmarks of the znode tree ({@code io.aerie.engine.tree.ZnodeTree}) called directly, without
 * Aeron: single operations on trees of several sizes, and operations under wide parents. Every benchmark
 * reuses its paths, buffers and holders, so {@code -prof gc} shows what the tree itself allocates per
 * operation (expected: nothing).
 */
package io.aerie.bench.tree;
