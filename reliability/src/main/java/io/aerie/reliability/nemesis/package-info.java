/**
 * Nemeses: the faults the suite injects into the node processes, one at a time, each held for a while and then
 * healed, with the time of each step recorded for the report.
 */
package io.aerie.reliability.nemesis;
