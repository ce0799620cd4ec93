package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.Rig;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteMode;
import io.aerie.bench.suite.SystemUnderTest;
import io.aerie.bench.suite.Workload;
import io.aerie.bench.suite.aerie.AerieTarget;

import java.util.ArrayList;
import java.util.List;

/**
 * What the recipes' workloads share: they use Aerie's own client and recipes, so they run on Aerie's targets alone
 * (the others get rows that say n/a, one per row the workload would have), not on the echo floor, and only when named
 * ({@code --workloads lock,election}): each takes minutes.
 */
abstract class RecipeWorkload implements Workload
{
    @Override
    public final boolean floorCapable()
    {
        return false;
    }

    @Override
    public final boolean runsByDefault()
    {
        return false;
    }

    @Override
    public final List<Row> run(final SystemUnderTest target, final String column, final Rig rig, final SuiteMode mode)
        throws Exception
    {
        final List<Row> rows = new ArrayList<>();
        if (target instanceof AerieTarget)
        {
            run((AerieTarget)target, column, mode, rows);
        }
        else
        {
            notApplicable(column, mode, rows);
        }
        return rows;
    }

    /**
     * Run against a started Aerie target.
     *
     * @param target the target, started.
     * @param column the target's column key for the rows.
     * @param mode   the sizes.
     * @param rows   receives the rows measured, or failed rows for what could not be.
     * @throws Exception on a failure the workload cannot turn into a failed row.
     */
    abstract void run(AerieTarget target, String column, SuiteMode mode, List<Row> rows) throws Exception;

    /**
     * The rows of a target the workload cannot run on, each failed with a reason starting "n/a".
     *
     * @param column the target's column key.
     * @param mode   the sizes.
     * @param rows   receives the rows.
     */
    abstract void notApplicable(String column, SuiteMode mode, List<Row> rows);
}
