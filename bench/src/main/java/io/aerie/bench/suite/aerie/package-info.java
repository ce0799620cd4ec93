/**
 * Aerie as a benchmark target: node JVMs started from generated properties files ({@link
 * io.aerie.bench.suite.aerie.NodeProcesses}, also used by the echo floor), a shared client media driver in the
 * rig's JVM, and the {@link io.aerie.bench.suite.LoadClient} over the asynchronous client API.
 */
package io.aerie.bench.suite.aerie;
