package io.aerie.bench.restart;

/**
 * One restart measured: which system, how it was stopped and what it restarted from, the time from starting its
 * process to the first correct read and to all data present, and the heap it then used.
 *
 * @param system      "aerie" or "zookeeper".
 * @param kind        what the restart was: "log" (no snapshot: every create replayed), "snapshot" (stopped
 *                    cleanly after a snapshot), "kill-9" (killed after a snapshot).
 * @param znodes      znodes the rig created.
 * @param firstReadMs process start to the first read answered with the right data, ms.
 * @param allDataMs   process start to a count of the whole tree equal to what was created, ms.
 * @param heapUsedMiB heap used after a full GC once all data was present, MiB; -1 if it could not be read.
 * @param firstReadCpuMs CPU time the server process had used at the first read, all threads, ms.
 * @param topThreads  the threads that had used the most CPU by then, "name=ms" joined by spaces.
 * @param phases      the server's phases seen from outside until all data was present ({@link PhaseTimeline}),
 *                    "ms phase" joined by "; "; "" if it shows none.
 */
record RestartResult(
    String system, String kind, long znodes, long firstReadMs, long allDataMs, long heapUsedMiB,
    long firstReadCpuMs, String topThreads, String phases)
{
}
