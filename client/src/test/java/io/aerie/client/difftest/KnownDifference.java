package io.aerie.client.difftest;

/**
 * The differences between Aerie and ZooKeeper 3.9 the differential test knows, each with its reason and a rule that
 * names exactly what it accepts: {@link #reconcile} rewrites Aerie's result where, and only where, the difference
 * shows, and the rewritten result must then equal ZooKeeper's. The test counts every use of a rule and prints the
 * counts; anything no rule explains fails the test. A difference fixed in Aerie is deleted from here.
 */
enum KnownDifference
{
    /**
     * ZooKeeper's client refuses a TTL out of range before sending; Aerie's cluster answers.
     */
    CLIENT_VALIDATION_ANSWERED_NOT_THROWN(
        "ZooKeeper's client validates before sending and throws IllegalArgumentException: a TTL out of range " +
        "(<= 0 or above 40 bits), a multi's as soon as its Op is built; Aerie sends it and its cluster answers " +
        "BAD_ARGUMENTS (what ZooKeeper's server answers too), thrown as AerieException. Same requests refused, " +
        "another way of saying it; a refused multi must have failed whole. (A malformed path is refused by both " +
        "clients alike now; a cluster reached without Aerie's client answers it INVALID_PATH, -200, Aerie's own code)")
    {
        @Override
        Result reconcile(final DiffOp op, final Result zooKeeper, final Result aerie)
        {
            if (!"CLIENT_REJECTED".equals(zooKeeper.code()))
            {
                return aerie;
            }
            final boolean isExplained = DiffOp.Kind.MULTI == op.kind() ?
                op.hasInvalidTtl() && !"OK".equals(aerie.code()) :
                "INVALID_PATH".equals(aerie.code()) || op.hasInvalidTtl() && "BAD_ARGUMENTS".equals(aerie.code());
            return isExplained ? zooKeeper : aerie;
        }
    },

    /**
     * ZooKeeper's client strips its chroot from any path that starts with it as a string.
     */
    CHROOT_STRIPPED_AS_STRING_PREFIX(
        "ZooKeeper's client strips the chroot from a created path that merely starts with it as a string: a " +
        "sequential create of \"/\" under the chroot /app makes /app0000000001 (outside the chroot, in both) and " +
        "ZooKeeper returns \"0000000001\", without a leading '/'; Aerie strips the chroot only from paths below it " +
        "and returns /app0000000001. By design: copying ZooKeeper here means answering a path that is not absolute " +
        "and names no node; the node created is the same in both")
    {
        @Override
        Result reconcile(final DiffOp op, final Result zooKeeper, final Result aerie)
        {
            final String zkPath = zooKeeper.path();
            final String aePath = aerie.path();
            return DiffOp.Kind.CREATE == op.kind() && null != zkPath && null != aePath && !zkPath.startsWith("/") &&
                aePath.startsWith("/") && aePath.endsWith(zkPath) && !aePath.equals(zkPath) ?
                aerie.withPath(zkPath) : aerie;
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
        "nodes Aerie sweeps together depends on its timer");

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
     * Rewrite Aerie's normalized result where, and only where, the difference shows.
     *
     * @return Aerie's result with this difference rewritten to ZooKeeper's; the same instance when it does not show.
     */
    Result reconcile(final DiffOp op, final Result zooKeeper, final Result aerie)
    {
        return aerie;
    }
}
