/**
 * Histories of operations as Jepsen records them: each operation a process invoked, with its outcome (ok, fail, or
 * info: indeterminate, it may or may not have taken effect), its arguments and results, and when it was invoked and
 * completed. Workloads append to a {@link io.aerie.reliability.history.History}; checkers read it.
 */
package io.aerie.reliability.history;
