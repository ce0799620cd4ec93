/**
 * What every {@code aerie} command shares and depends on nothing else of the tools: its exit codes
 * ({@link io.aerie.tools.cli.ExitCodes}), the one line a failure prints ({@link io.aerie.tools.cli.Failures}) and the
 * tools' version ({@link io.aerie.tools.cli.ToolsVersion}). The command packages ({@code io.aerie.tools},
 * {@code .shell}, {@code .admin}) depend on it, never on each other through it.
 */
package io.aerie.tools.cli;
