/**
 * The suite's outputs: JSON (every row, configurations, machine), a Markdown table comparing Aerie with ZooKeeper
 * and the echo floor, and a self-contained HTML page of latency percentile plots.
 */
package io.aerie.bench.suite.report;
