package io.aerie.reliability.checker;

import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequential creates with unique payloads: every acknowledged create is in the final tree exactly once, an
 * indeterminate one at most once, a failed one not at all, and nothing is there that no process created.
 * Operations: {@code create} with {@code a} = the payload id; the note of an OK one is the created path.
 */
public final class CreateChecker
{
    private CreateChecker()
    {
    }

    /**
     * @param workload  the workload's name, for the anomalies.
     * @param history   the create operations.
     * @param finalRead how many znodes hold each payload id, read after the run.
     * @return the anomalies, empty if none.
     */
    public static List<Anomaly> check(final String workload, final List<Op> history, final Map<Long, Integer> finalRead)
    {
        final List<Anomaly> anomalies = new ArrayList<>();
        final Map<Long, Op> byPayload = new HashMap<>();
        for (final Op op : history)
        {
            if (!"create".equals(op.f()))
            {
                continue;
            }
            byPayload.put(op.a(), op);
            final int present = finalRead.getOrDefault(op.a(), 0);
            if (Outcome.OK == op.outcome() && 1 != present)
            {
                anomalies.add(new Anomaly(workload, 0 == present ? "lost-create" : "doubled-create",
                    "acknowledged create of payload " + op.a() + " is present " + present + " times", List.of(op)));
            }
            else if (Outcome.INFO == op.outcome() && present > 1)
            {
                anomalies.add(new Anomaly(workload, "doubled-create",
                    "indeterminate create of payload " + op.a() + " is present " + present + " times", List.of(op)));
            }
            else if (Outcome.FAIL == op.outcome() && present > 0)
            {
                anomalies.add(new Anomaly(workload, "phantom-create",
                    "failed create of payload " + op.a() + " is present " + present + " times", List.of(op)));
            }
        }
        for (final Map.Entry<Long, Integer> entry : finalRead.entrySet())
        {
            if (!byPayload.containsKey(entry.getKey()))
            {
                anomalies.add(new Anomaly(workload, "phantom-create",
                    "payload " + entry.getKey() + " is present " + entry.getValue() + " times but was never created",
                    List.of()));
            }
        }
        return anomalies;
    }
}
