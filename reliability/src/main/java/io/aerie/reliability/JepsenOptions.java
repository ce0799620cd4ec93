package io.aerie.reliability;

import io.aerie.reliability.nemesis.FaultKind;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * What a run does.
 *
 * @param durationS            how long the workloads run under faults, s.
 * @param faults               the fault kinds, injected in turn (empty: none).
 * @param netns                run the nodes in network namespaces (root only).
 * @param portBase             first port of member 0.
 * @param outDir               where the run's directory is made.
 * @param processes            concurrent processes per workload.
 * @param thinkMs              pause between one process's operations, ms.
 * @param quietMs              pause between one fault's settling and the next fault, ms.
 * @param seed                 seeds the nemesis's choices.
 * @param expiryCheck          sessions to abandon during a flood at the end (0: no check).
 * @param registerOpsPerKey    register operations per key.
 * @param eventsPerKind        end the faults once every kind has been injected this often (0: run for
 *                             {@code durationS}); {@code durationS} still bounds the run.
 * @param nodeProperties       further {@code aerie.*} / {@code aeron.*} properties for every node (empty: the node
 *                             defaults, what a user gets).
 */
public record JepsenOptions(
    long durationS,
    List<FaultKind> faults,
    boolean netns,
    int portBase,
    File outDir,
    int processes,
    long thinkMs,
    long quietMs,
    long seed,
    int expiryCheck,
    int registerOpsPerKey,
    int eventsPerKind,
    Map<String, String> nodeProperties)
{
    /** Ports of this suite: 11500-12499 (a run uses base + 0..205). */
    public static final int DEFAULT_PORT_BASE = 11500;
}
