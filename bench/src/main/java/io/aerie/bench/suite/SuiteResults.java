package io.aerie.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one suite run produced, for the report writers: when and how it ran, the machine, each target's
 * configuration, the rows in run order and free-form notes. Filled on the rig thread, then read.
 */
public final class SuiteResults
{
    /**
     * A target as it ran.
     *
     * @param column      column key.
     * @param title       column heading.
     * @param name        {@link SystemUnderTest#name()}.
     * @param description {@link SystemUnderTest#description()}.
     */
    public record TargetInfo(String column, String title, String name, String description)
    {
    }

    private final String date;
    private final SuiteMode mode;
    private final Map<String, String> machine;
    private final Map<String, TargetInfo> targets = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<MachineLoad.Round> rounds = new ArrayList<>();
    private long durationMs;

    /**
     * @param date    the run's date, yyyy-MM-dd (names the files).
     * @param mode    the mode.
     * @param machine machine facts ({@link MachineInfo#describe()}).
     */
    public SuiteResults(final String date, final SuiteMode mode, final Map<String, String> machine)
    {
        this.date = date;
        this.mode = mode;
        this.machine = machine;
    }

    /** @return the run's date, yyyy-MM-dd. */
    public String date()
    {
        return date;
    }

    /** @return the mode. */
    public SuiteMode mode()
    {
        return mode;
    }

    /** @return machine facts, in order. */
    public Map<String, String> machine()
    {
        return machine;
    }

    /** @return the targets that ran, by column, in run order. */
    public Map<String, TargetInfo> targets()
    {
        return targets;
    }

    /** @return every row, in run order. */
    public List<Row> rows()
    {
        return rows;
    }

    /** @return how busy the machine was while each target ran each round, in run order. */
    public List<MachineLoad.Round> rounds()
    {
        return rounds;
    }

    /**
     * @return the rounds run: the highest round recorded (a run may be given more or fewer than its mode's), or the
     * mode's before any was.
     */
    public int roundCount()
    {
        int count = 0;
        for (final MachineLoad.Round round : rounds)
        {
            count = Math.max(count, round.round());
        }
        return 0 == count ? mode.rounds() : count;
    }

    /** @return notes (targets missing, failures). */
    public List<String> notes()
    {
        return notes;
    }

    /** @return the run's wall time, ms. */
    public long durationMs()
    {
        return durationMs;
    }

    /**
     * @param durationMs the run's wall time, ms.
     */
    public void durationMs(final long durationMs)
    {
        this.durationMs = durationMs;
    }

    /**
     * @return the row of this workload on this column, or null.
     */
    public Row find(final String workload, final String column)
    {
        for (final Row row : rows)
        {
            if (row.workload().equals(workload) && row.column().equals(column))
            {
                return row;
            }
        }
        return null;
    }

    /**
     * @return the distinct workload keys in first-seen order, with their titles.
     */
    public Map<String, String> workloads()
    {
        final Map<String, String> workloads = new LinkedHashMap<>();
        for (final Row row : rows)
        {
            workloads.putIfAbsent(row.workload(), row.title());
        }
        return workloads;
    }
}
