/**
 * Benchmarks of {@code io.aerie.engine.acl}: the cost of a permission check on the apply path.
 */
package io.aerie.bench.acl;
