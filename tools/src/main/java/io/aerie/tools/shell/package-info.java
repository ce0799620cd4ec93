/**
 * {@code aerie shell}: zkCli's commands against an Aerie cluster, interactive (JLine: history, completion of
 * commands and znode paths, watch events printed above the prompt) or not (one command from the command line, or
 * commands from standard input), with exit codes scripts can rely on: 0 ok, 1 a command failed, 2 bad input.
 * <p>
 * Threads: {@link io.aerie.tools.shell.ShellCommand} runs on the caller's thread and reads the lines; one client
 * thread ({@code ClientAgent}) owns the {@link io.aerie.client.AerieClient} (which is single threaded), runs each
 * line's command there and polls the client in between, so watch events arrive while the reader waits for input.
 * Each line is parsed by picocli (a nested command line, {@code ShellDispatcher}), each command in its own class.
 */
package io.aerie.tools.shell;
