package io.aerie.reliability.history;

/**
 * One operation of a history: invoked by a logical process at {@code invokeNs}, completed at {@code completeNs}
 * with an {@link Outcome}. What {@code a}, {@code b}, {@code r0} and {@code r1} hold depends on the workload and
 * the function {@code f} (each workload documents its own); {@code key} names the object the operation is on
 * (a register, or 0). Times are {@link System#nanoTime()} of the one JVM that runs every client.
 *
 * @param process    the logical process (a client; a process whose operation was indeterminate is replaced).
 * @param key        the object operated on.
 * @param f          the function, e.g. {@code read}, {@code cas}.
 * @param a          first argument.
 * @param b          second argument.
 * @param outcome    how it ended.
 * @param r0         first result (for OK, and the observation of a FAIL where it has one).
 * @param r1         second result.
 * @param invokeNs   when the process invoked it.
 * @param completeNs when the process learnt its outcome.
 * @param note       the error or path behind the outcome, for reports; may be empty, never null.
 */
public record Op(
    int process,
    int key,
    String f,
    long a,
    long b,
    Outcome outcome,
    long r0,
    long r1,
    long invokeNs,
    long completeNs,
    String note)
{
    /**
     * @return latency from invocation to completion, ns.
     */
    public long latencyNs()
    {
        return completeNs - invokeNs;
    }

    /**
     * @return a short form for anomaly reports.
     */
    @Override
    public String toString()
    {
        return "{p" + process + " k" + key + " " + f + "(" + a + "," + b + ") " + outcome + " -> (" + r0 + "," + r1 +
            ") [" + invokeNs / 1_000_000 + ".." + (Long.MAX_VALUE == completeNs ? "?" : completeNs / 1_000_000) +
            " ms]" + (note.isEmpty() ? "" : " " + note) + "}";
    }
}
