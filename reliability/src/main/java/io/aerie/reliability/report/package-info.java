/**
 * What a run leaves behind: {@code results.json} (everything, for tools), {@code results.md} (the short table),
 * {@code history.jsonl} (every operation as invoke and complete events) and {@code latency.svg} (latency over
 * time, faults marked).
 */
package io.aerie.reliability.report;
