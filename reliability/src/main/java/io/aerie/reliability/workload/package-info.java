/**
 * The workloads: logical processes, each a real {@link io.aerie.client.AerieClient} with its own session, invoke
 * operations and record them in a {@link io.aerie.reliability.history.History}; a process whose operation ended
 * indeterminate is replaced by a new one (a new client and session), as Jepsen does. Then, after the faults are
 * healed, each workload reads the final state and hands both to its checker.
 */
package io.aerie.reliability.workload;
