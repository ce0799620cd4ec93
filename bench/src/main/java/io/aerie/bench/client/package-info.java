/**
 * Benchmarks of the client itself: its threading modes (conductor thread against invoker mode) and the blocking
 * API shared by several threads.
 */
package io.aerie.bench.client;
