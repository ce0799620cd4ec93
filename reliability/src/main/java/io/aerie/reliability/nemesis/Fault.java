package io.aerie.reliability.nemesis;

/**
 * One fault injected: what, to whom, when (System.nanoTime of the suite's JVM), and when healed.
 *
 * @param kind    what.
 * @param target  the member it was done to (-1 for all).
 * @param startNs when it was in effect (the process dead or stopped, the partition or slow link in place).
 * @param healNs  when it was healed (restart, SIGCONT, partition removed).
 * @param stableNs when the cluster again had one leader that every running member followed, or -1 if not seen.
 * @param caughtUpNs when every member had then applied the log as far as the furthest, or -1 if not seen.
 * @param termsStarted leadership terms started from the injection to the cluster settling (elections it caused).
 */
public record Fault(
    FaultKind kind, int target, long startNs, long healNs, long stableNs, long caughtUpNs, long termsStarted)
{
}
