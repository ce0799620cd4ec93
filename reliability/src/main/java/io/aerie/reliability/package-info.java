/**
 * A Jepsen-style reliability suite for Aerie: {@link io.aerie.reliability.JepsenRun} starts three node processes,
 * runs the workloads with real clients while the nemesis injects faults, heals, checks the histories and the
 * nodes' digests, and writes the results; {@link io.aerie.reliability.JepsenMain} is its command line
 * ({@code reliability/bin/jepsen}).
 */
package io.aerie.reliability;
