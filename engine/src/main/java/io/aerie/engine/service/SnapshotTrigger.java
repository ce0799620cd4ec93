package io.aerie.engine.service;

import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.TimeUnit;

/**
 * Asks for a snapshot when the log has grown by a configured number of bytes since the last one, so a
 * restarting node replays a bounded log. Runs from the service's background work on the leader only and
 * changes no replicated state: it flips the cluster's control toggle, as Aeron's ClusterTool does, and the
 * consensus module then takes the snapshot on every member at one log position.
 */
final class SnapshotTrigger
{
    private static final long CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long logBytes;
    private AtomicCounter controlToggle;
    private long lastSnapshotPosition;
    private long nextCheckNs;

    /**
     * @param logBytes log growth that triggers a snapshot; 0 disables the trigger.
     */
    SnapshotTrigger(final long logBytes)
    {
        this.logBytes = logBytes;
    }

    /**
     * The state at {@code position} is in a snapshot (one was just taken, or loaded at start).
     */
    void snapshotAt(final long position)
    {
        lastSnapshotPosition = position;
    }

    /**
     * @return 1 if a snapshot was requested, else 0.
     */
    int poll(final Cluster cluster, final long nowNs)
    {
        if (0 == logBytes || nowNs - nextCheckNs < 0)
        {
            return 0;
        }
        nextCheckNs = nowNs + CHECK_INTERVAL_NS;
        if (Cluster.Role.LEADER != cluster.role() || cluster.logPosition() - lastSnapshotPosition < logBytes)
        {
            return 0;
        }
        if (null == controlToggle)
        {
            if (null == cluster.aeron() || null == cluster.context())
            {
                return 0;
            }
            controlToggle = ClusterControl.findControlToggle(cluster.aeron().countersReader(), cluster.context().clusterId());
            if (null == controlToggle)
            {
                return 0;
            }
        }
        if (ClusterControl.ToggleState.SNAPSHOT.toggle(controlToggle))
        {
            // Not again until this one is taken (snapshotAt moves the mark) or the log grows as much again.
            lastSnapshotPosition = cluster.logPosition();
            return 1;
        }
        return 0;
    }
}
