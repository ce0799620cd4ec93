/**
 * Checkers of recorded histories: a linearizability checker for the CAS register (Wing and Gong's search with
 * Lowe's memoization, as Porcupine does it) and the invariants of the other workloads (every acknowledged create
 * present exactly once, the counter within its bounds, fencing tokens increasing with no two leaders' writes
 * interleaved). Each reports {@link io.aerie.reliability.checker.Anomaly anomalies} with the offending
 * sub-history.
 */
package io.aerie.reliability.checker;
