package io.aerie.bench.suite;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * One result: a workload's figure on one target, from one round or merged over the rounds ({@link RoundMerge}).
 * Latency rows carry percentiles in µs (and the histogram, ns, for the plot); throughput rows ops/s; failover rows
 * ms; allocation rows B/op. A row that could not be measured carries an error instead.
 * <p>
 * A merged row's {@link #value()} is the median of its rounds' values (p50, ops/s...), {@link #roundValues()} and
 * {@link #roundP99s()} give each round's own figures (the spread), and its percentiles are those of all the
 * rounds' samples together: a p99 is quoted only from {@link #P99_MIN_SAMPLES} samples ({@link #P99_MIN_EVENTS}
 * for fan-out rows), see {@link #p99Shown()}.
 *
 * @param workload    stable key of the workload row, e.g. {@code "write-closed"}.
 * @param title       human-readable workload, e.g. "setData 100 B, closed loop".
 * @param column      the target's column key ({@link Targets}), e.g. {@code "aerie-3"}.
 * @param kind        what the figures mean.
 * @param samples     measured operations (or runs, for failover).
 * @param failed      operations that failed while measuring.
 * @param percentiles p50, p90, p99, p99.9, p99.99, max, in the kind's unit (empty for allocation and errors).
 * @param value       the headline figure: p50 for latency and failover, ops/s for throughput, B/op for
 *                    allocation; NaN if none.
 * @param bytesPerOp  rig-thread allocation per operation, NaN when not measured.
 * @param histogram   latency histogram in ns, or null.
 * @param error       why the row has no figures, or null.
 * @param roundValues each round's {@link #value()}, in round order (one entry for a row of one round).
 * @param roundP99s   each round's p99 in the percentile unit (NaN where none), in round order.
 */
public record Row(
    String workload,
    String title,
    String column,
    Kind kind,
    long samples,
    long failed,
    double[] percentiles,
    double value,
    double bytesPerOp,
    Histogram histogram,
    String error,
    double[] roundValues,
    double[] roundP99s)
{
    /** Samples a latency row needs before its p99 is quoted. */
    public static final int P99_MIN_SAMPLES = 10_000;

    /** Events a fan-out row (key {@code fanout-*}) needs before its p99 is quoted. */
    public static final int P99_MIN_EVENTS = 200;

    /** Samples a row needs before its p99.9 is quoted. */
    public static final int P999_MIN_SAMPLES = 100_000;

    /** Percentiles reported, in order (100 = max). */
    public static final double[] PERCENTILES = { 50, 90, 99, 99.9, 99.99, 100 };

    /** Labels of {@link #PERCENTILES}. */
    public static final String[] PERCENTILE_LABELS = { "p50", "p90", "p99", "p99.9", "p99.99", "max" };

    /** What a row measures, with its unit. */
    public enum Kind
    {
        /** Latency percentiles, µs. */
        LATENCY_US("us", 1_000.0),
        /** Throughput, ops/s (with latency percentiles, µs). */
        THROUGHPUT("ops/s", 1_000.0),
        /** Duration percentiles over runs, ms. */
        DURATION_MS("ms", 1_000_000.0),
        /** Allocation, bytes per operation. */
        BYTES_PER_OP("B/op", 1.0);

        private final String unit;
        private final double nsPerUnit;

        Kind(final String unit, final double nsPerUnit)
        {
            this.unit = unit;
            this.nsPerUnit = nsPerUnit;
        }

        /**
         * @return the unit of {@link Row#value()}.
         */
        public String unit()
        {
            return unit;
        }

        /**
         * @return the unit of the percentiles: ms for durations, µs otherwise.
         */
        public String percentileUnit()
        {
            return this == DURATION_MS ? "ms" : "us";
        }

        /**
         * @return nanoseconds per unit of the percentiles.
         */
        public double nsPerUnit()
        {
            return nsPerUnit;
        }
    }

    /**
     * A latency row from a rig measurement.
     *
     * @return the row, percentiles in µs.
     */
    public static Row latency(final String workload, final String title, final String column, final Measurement m)
    {
        final double[] p = percentiles(m.histogram(), Kind.LATENCY_US.nsPerUnit());
        return new Row(workload, title, column, Kind.LATENCY_US, m.completed(), m.failed(), p, p[0], m.bytesPerOp(),
            m.histogram(), null, new double[]{ p[0] }, new double[]{ p[2] });
    }

    /**
     * A throughput row from a rig measurement: ops/s, with the latencies seen at that load.
     *
     * @return the row.
     */
    public static Row throughput(final String workload, final String title, final String column, final Measurement m)
    {
        final double[] p = percentiles(m.histogram(), Kind.THROUGHPUT.nsPerUnit());
        return new Row(workload, title, column, Kind.THROUGHPUT, m.completed(), m.failed(), p, m.opsPerSecond(),
            m.bytesPerOp(), m.histogram(), null, new double[]{ m.opsPerSecond() }, new double[]{ p[2] });
    }

    /**
     * A duration row (failover) from a histogram of ns.
     *
     * @return the row, percentiles in ms.
     */
    public static Row durationMs(final String workload, final String title, final String column, final Histogram ns)
    {
        final double[] p = percentiles(ns, Kind.DURATION_MS.nsPerUnit());
        return new Row(workload, title, column, Kind.DURATION_MS, ns.getTotalCount(), 0, p, p[0], Double.NaN, ns, null,
            new double[]{ p[0] }, new double[]{ p[2] });
    }

    /**
     * An allocation row.
     *
     * @return the row.
     */
    public static Row bytesPerOp(final String workload, final String title, final String column, final double bytesPerOp)
    {
        return new Row(workload, title, column, Kind.BYTES_PER_OP, 1, 0, new double[0], bytesPerOp, bytesPerOp, null, null,
            new double[]{ bytesPerOp }, new double[]{ Double.NaN });
    }

    /**
     * A row that could not be measured.
     *
     * @return the row.
     */
    public static Row failed(final String workload, final String title, final String column, final Kind kind, final String error)
    {
        return new Row(workload, title, column, kind, 0, 0, new double[0], Double.NaN, Double.NaN, null, error,
            new double[0], new double[0]);
    }

    /**
     * @return true if the row has figures (no error, at least one sample).
     */
    public boolean measured()
    {
        return null == error && samples > 0;
    }

    /**
     * @return true if the row has enough samples for its p99 to be quoted: {@link #P99_MIN_EVENTS} for fan-out
     * rows, {@link #P99_MIN_SAMPLES} for other latency and throughput rows; failover rows always (their runs are
     * few and the cell shows the median and the worst run).
     */
    public boolean p99Shown()
    {
        if (!measured())
        {
            return false;
        }
        if (Kind.DURATION_MS == kind)
        {
            return true;
        }
        return samples >= (workload.startsWith("fanout-") ? P99_MIN_EVENTS : P99_MIN_SAMPLES);
    }

    /**
     * @return true if the row has enough samples ({@link #P999_MIN_SAMPLES}) for its p99.9 to be quoted.
     */
    public boolean p999Shown()
    {
        return measured() && Kind.DURATION_MS != kind && samples >= P999_MIN_SAMPLES;
    }

    static double[] percentiles(final Histogram histogram, final double divisor)
    {
        final double[] values = new double[PERCENTILES.length];
        if (histogram.getTotalCount() == 0)
        {
            Arrays.fill(values, Double.NaN);
            return values;
        }
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            final long v = PERCENTILES[i] >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(PERCENTILES[i]);
            values[i] = v / divisor;
        }
        return values;
    }
}
