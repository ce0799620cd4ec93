package io.aerie.client.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;

/**
 * The differences between Aerie and ZooKeeper 3.9 the differential test knows, each with its reason and a rule that
 * names exactly what it accepts: {@link #reconcile} rewrites Aerie's result where, and only where, the difference
 * shows, and the rewritten result must then equal ZooKeeper's. The test counts every use of a rule and prints the
 * counts; anything no rule explains fails the test. A difference fixed in Aerie is deleted from here.
 */
enum KnownDifference
{
    /**
     * Aerie's cversion counts child creations only.
     */
    CVERSION_COUNTS_CREATIONS_ONLY(
        "ZooKeeper's cversion as clients see it counts child deletions too (DataNode.copyStat reports " +
        "2 x creations - children); Aerie's counts creations only (issue 11, being fixed)")
    {
        @Override
        Result reconcile(final DiffOp op, final Result zooKeeper, final Result aerie)
        {
            return patchStats(zooKeeper, aerie, (zk, ae) ->
                zk.cversion() != ae.cversion() && zk.cversion() == 2 * ae.cversion() - ae.numChildren() ?
                ae.withCversion(zk.cversion()) : ae);
        }
    },

    /**
     * Aerie shows the internal ephemeralOwner markers of container and TTL nodes.
     */
    CONTAINER_TTL_OWNER_SHOWN(
        "ZooKeeper shows ephemeralOwner 0 for container and TTL nodes and keeps its marker server-side; Aerie shows " +
        "the marker, so ephemeralOwner != 0 wrongly reads as ephemeral (issue 11, being fixed)")
    {
        @Override
        Result reconcile(final DiffOp op, final Result zooKeeper, final Result aerie)
        {
            return patchStats(zooKeeper, aerie, (zk, ae) ->
                "0".equals(zk.owner()) && ae.owner().startsWith("raw:") ? ae.withOwner("0") : ae);
        }
    },

    /**
     * Aerie's client cannot send null data and its cluster returns no null data.
     */
    NULL_DATA_READS_EMPTY(
        "ZooKeeper keeps null data distinct from empty data (getData returns null); Aerie's client sends null as " +
        "empty and reads it back empty (issue 11, being fixed)")
    {
        @Override
        Result reconcile(final DiffOp op, final Result zooKeeper, final Result aerie)
        {
            return "null".equals(zooKeeper.data()) && "empty".equals(aerie.data()) ? aerie.withData("null") : aerie;
        }
    },

    /**
     * Aerie's client drops the per-op Stat of a multi.
     */
    MULTI_OP_STAT_NOT_EXPOSED(
        "ZooKeeper's OpResult carries the Stat of a multi's setData and of its container/TTL creates; the cluster " +
        "sends it but Aerie's client drops it (issue 11, being fixed). ZooKeeper's Stat is masked before " +
        "normalization, so its zxids are not registered where Aerie's cannot be")
    {
        @Override
        Outcome mask(final DiffOp op, final Outcome zooKeeper, final Outcome aerie)
        {
            if (null == zooKeeper.subs() || null == aerie.subs() || zooKeeper.subs().size() != aerie.subs().size())
            {
                return zooKeeper;
            }
            final List<Outcome.SubOutcome> subs = new ArrayList<>(zooKeeper.subs().size());
            boolean isMasked = false;
            for (int i = 0; i < zooKeeper.subs().size(); i++)
            {
                final Outcome.SubOutcome zk = zooKeeper.subs().get(i);
                final boolean isHidden = null != zk.stat() && null == aerie.subs().get(i).stat();
                subs.add(isHidden ? new Outcome.SubOutcome(zk.type(), zk.code(), zk.path(), null) : zk);
                isMasked |= isHidden;
            }
            return isMasked ? new Outcome(zooKeeper.code(), zooKeeper.path(), zooKeeper.data(), zooKeeper.names(),
                zooKeeper.stat(), zooKeeper.count(), subs) : zooKeeper;
        }
    },

    /**
     * ZooKeeper's client refuses a malformed path before sending it; Aerie's cluster answers INVALID_PATH.
     */
    MALFORMED_PATH_ANSWERED_NOT_THROWN(
        "ZooKeeper's client validates paths before sending and throws IllegalArgumentException (a trailing '/', " +
        "'//', '.', '..', relative, empty); Aerie sends them and its cluster answers INVALID_PATH (-200, Aerie's " +
        "own code), which the blocking API throws as AerieException. Same paths refused, another way of saying it")
    {
        @Override
        Result reconcile(final DiffOp op, final Result zooKeeper, final Result aerie)
        {
            return "CLIENT_REJECTED".equals(zooKeeper.code()) && "INVALID_PATH".equals(aerie.code()) ?
                aerie.withCode(zooKeeper.code()) : aerie;
        }
    },

    /**
     * Aerie deletes all of a sweep's nodes in one log entry. Applied by {@link DifferentialRun} itself, after a
     * sweep only: the answer is compared again with its zxids related within itself, not across answers.
     */
    SWEEP_DELETES_IN_ONE_ZXID(
        "By design: an Aerie sweep is one cluster timer event, applied as one log entry, so every node it deletes " +
        "shares one zxid; ZooKeeper's container manager submits one deleteContainer request (one zxid) per node. " +
        "Parents of nodes swept together show the same pzxid in Aerie and different ones in ZooKeeper, and which " +
        "nodes Aerie sweeps together depends on its timer"),

    /**
     * Aerie has no /zookeeper subtree.
     */
    NO_ZOOKEEPER_SUBTREE(
        "ZooKeeper has the reserved /zookeeper, /zookeeper/quota and /zookeeper/config (delete: BAD_ARGUMENTS, " +
        "config setData: NO_AUTH, create /zookeeper/x allowed); Aerie has none yet (issue 11, being fixed). The " +
        "answers to an op naming /zookeeper that differ are not compared, and their zxids are not registered")
    {
        @Override
        Outcome mask(final DiffOp op, final Outcome zooKeeper, final Outcome aerie)
        {
            return op.touchesZooKeeperSubtree() ? null : zooKeeper;
        }
    };

    private final String reason;

    KnownDifference(final String reason)
    {
        this.reason = reason;
    }

    /**
     * @return why the difference exists and what it is.
     */
    String reason()
    {
        return reason;
    }

    /**
     * Before normalization: hide from ZooKeeper's outcome what Aerie's cannot show, so that neither is normalized
     * with information the other lacks (a Stat's zxids would shift every later ordinal).
     *
     * @return ZooKeeper's outcome masked; the same instance when the difference does not show; null to accept the
     * answers without comparing them.
     */
    Outcome mask(final DiffOp op, final Outcome zooKeeper, final Outcome aerie)
    {
        return zooKeeper;
    }

    /**
     * After normalization: rewrite Aerie's result where, and only where, the difference shows.
     *
     * @return Aerie's result with this difference rewritten to ZooKeeper's; the same instance when it does not show.
     */
    Result reconcile(final DiffOp op, final Result zooKeeper, final Result aerie)
    {
        return aerie;
    }

    /**
     * Rewrite each of Aerie's Stats (the answer's and its multi results') against ZooKeeper's at the same place.
     */
    static Result patchStats(final Result zooKeeper, final Result aerie, final BinaryOperator<Result.NStat> patch)
    {
        Result patched = aerie;
        if (null != zooKeeper.stat() && null != aerie.stat())
        {
            patched = patched.withStat(patch.apply(zooKeeper.stat(), aerie.stat()));
        }
        if (null != zooKeeper.subs() && null != aerie.subs() && zooKeeper.subs().size() == aerie.subs().size())
        {
            final List<Result.Sub> subs = new ArrayList<>(aerie.subs().size());
            for (int i = 0; i < aerie.subs().size(); i++)
            {
                final Result.Sub zk = zooKeeper.subs().get(i);
                final Result.Sub ae = aerie.subs().get(i);
                subs.add(null != zk.stat() && null != ae.stat() ? ae.withStat(patch.apply(zk.stat(), ae.stat())) : ae);
            }
            patched = patched.withSubs(subs);
        }
        return Objects.equals(patched, aerie) ? aerie : patched;
    }
}
