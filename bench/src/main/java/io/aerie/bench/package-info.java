/**
 * Benchmarks of Aerie: JMH micro-benchmarks in sub-packages that mirror what they measure
 * ({@code io.aerie.bench.tree} for {@code io.aerie.engine.tree}), and {@link io.aerie.bench.BenchmarkMain},
 * the shared launcher behind each benchmark's {@code main()}.
 */
package io.aerie.bench;
