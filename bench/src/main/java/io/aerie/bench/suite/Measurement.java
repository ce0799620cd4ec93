package io.aerie.bench.suite;

import org.HdrHistogram.Histogram;

/**
 * What one measured run of the rig produced: latencies (ns) of the successful operations, counts, the
 * measured wall time and the rig thread's allocation. Immutable once made.
 *
 * @param histogram      latencies in ns (from the intended send time for fixed rates).
 * @param completed      successful operations measured.
 * @param failed         operations that completed with an error while measuring.
 * @param elapsedNs      wall time of the measured phase.
 * @param allocatedBytes bytes allocated by the rig thread while measuring, or -1 when not measured (the client
 *                       completes on its own threads, or the JVM cannot tell).
 */
public record Measurement(Histogram histogram, long completed, long failed, long elapsedNs, long allocatedBytes)
{
    /**
     * @return successful operations per second over the measured phase.
     */
    public double opsPerSecond()
    {
        return elapsedNs <= 0 ? 0 : completed * 1e9 / elapsedNs;
    }

    /**
     * @return rig thread bytes allocated per operation, or NaN when not measured.
     */
    public double bytesPerOp()
    {
        return allocatedBytes < 0 || completed <= 0 ? Double.NaN : (double)allocatedBytes / completed;
    }
}
