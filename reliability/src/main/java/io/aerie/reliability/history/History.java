package io.aerie.reliability.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An append-only history shared by the processes of one workload. Thread safe; {@link #ops()} copies, sorted by
 * invocation time.
 */
public final class History
{
    private final String workload;
    private final List<Op> ops = new ArrayList<>();

    /**
     * @param workload the workload's name, for reports.
     */
    public History(final String workload)
    {
        this.workload = workload;
    }

    /**
     * @return the workload's name.
     */
    public String workload()
    {
        return workload;
    }

    /**
     * Record a completed operation. Any thread.
     *
     * @param op the operation.
     */
    public synchronized void add(final Op op)
    {
        ops.add(op);
    }

    /**
     * @return a copy of the operations so far, by invocation time.
     */
    public synchronized List<Op> ops()
    {
        final List<Op> copy = new ArrayList<>(ops);
        copy.sort(Comparator.comparingLong(Op::invokeNs));
        return copy;
    }

    /**
     * @param outcome an outcome.
     * @return how many operations ended so.
     */
    public synchronized long count(final Outcome outcome)
    {
        long count = 0;
        for (final Op op : ops)
        {
            count += outcome == op.outcome() ? 1 : 0;
        }
        return count;
    }

    /**
     * @return how many operations were recorded.
     */
    public synchronized int size()
    {
        return ops.size();
    }
}
