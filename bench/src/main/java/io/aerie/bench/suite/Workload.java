package io.aerie.bench.suite;

import java.util.List;

/**
 * One workload of the suite, runnable against any started {@link SystemUnderTest}; it opens its own sessions,
 * closes them, and returns its rows (a failed row rather than an exception where it can). Called on the rig
 * thread.
 */
public interface Workload
{
    /**
     * @return a short name for logs, e.g. "writes".
     */
    String name();

    /**
     * @return true if the workload only uses setData (so it can run against the echo floor, whose client
     * answers every operation with a 100-byte round trip and supports no watches).
     */
    boolean floorCapable();

    /**
     * @return true if the suite runs this workload when {@code --workloads} is not given; false for one that runs
     * only when named (the recipes' workloads: they measure Aerie alone, and take minutes).
     */
    default boolean runsByDefault()
    {
        return true;
    }

    /**
     * Run against a started target.
     *
     * @param target the system, started.
     * @param column the target's column key for the rows.
     * @param rig    the load generator to use.
     * @param mode   the sizes.
     * @return the rows measured, in order.
     * @throws Exception on a failure the workload cannot turn into a failed row.
     */
    List<Row> run(SystemUnderTest target, String column, Rig rig, SuiteMode mode) throws Exception;
}
