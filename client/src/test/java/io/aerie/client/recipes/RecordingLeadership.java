package io.aerie.client.recipes;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every leadership change it is told as "gained TOKEN" or "lost TOKEN REASON", in order.
 */
final class RecordingLeadership implements LeadershipListener
{
    final List<String> events = new ArrayList<>();
    long lastGainedToken = LeaderLatch.NO_TOKEN;

    @Override
    public void onLeadershipGained(final long fencingToken)
    {
        lastGainedToken = fencingToken;
        events.add("gained " + fencingToken);
    }

    @Override
    public void onLeadershipLost(final long fencingToken, final LeadershipLoss reason)
    {
        events.add("lost " + fencingToken + " " + reason);
    }
}
