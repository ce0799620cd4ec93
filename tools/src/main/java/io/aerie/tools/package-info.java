/**
 * The {@code aerie} command line ({@link io.aerie.tools.AerieMain}, run by {@code tools/bin/aerie}), built on
 * picocli: {@code aerie local} starts a local cluster in the foreground (and runs the README demo with
 * {@code --demo}), {@code aerie node} runs one node from a properties file, {@code aerie shell} is zkCli's shell
 * ({@link io.aerie.tools.shell}), {@code aerie admin} reads the nodes on this machine from their directories
 * (status, snapshot, ruok, srvr, mntr; {@link io.aerie.tools.admin}). Command classes are package-private;
 * picocli creates them.
 */
package io.aerie.tools;
