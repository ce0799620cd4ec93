package io.aerie.reliability.checker;

import io.aerie.reliability.history.Op;

import java.util.List;

/**
 * Something a checker found wrong, with the operations that show it.
 *
 * @param workload    the workload whose history it is in.
 * @param kind        a short name, e.g. {@code non-linearizable}, {@code lost-create}.
 * @param description what is wrong, in a sentence.
 * @param subHistory  the offending operations (at most a few dozen).
 */
public record Anomaly(String workload, String kind, String description, List<Op> subHistory)
{
}
