package io.aerie.engine.tree;

/**
 * What a tree counted as it applied changes, since it was built: metrics of this replica (a read answered only
 * by the leader is counted only there), not replicated state. Read on the tree's thread.
 */
public final class TreeCounts
{
    private final QuotaTracker quotas;
    private final TreeAccess access;
    private final TreeWriter writer;

    TreeCounts(final QuotaTracker quotas, final TreeAccess access, final TreeWriter writer)
    {
        this.quotas = quotas;
        this.access = access;
        this.writer = writer;
    }

    /**
     * @return creates and data changes applied over a quota's limit (soft, or hard where not enforced); see
     * {@link ZnodeTree#create} for where quotas live.
     */
    public long quotaExceededCount()
    {
        return quotas.exceededCount();
    }

    /**
     * @return operations refused NO_AUTH by a node's ACL (a getACL answered without ADMIN, digests masked, is not
     * one).
     */
    public long deniedCount()
    {
        return access.deniedCount();
    }

    /**
     * @return creates and data changes refused with QUOTA_EXCEEDED by a hard quota limit (only while
     * {@link ZnodeTreeContext#quotaEnforced()}).
     */
    public long quotaRejectedCount()
    {
        return quotas.rejectedCount();
    }

    /**
     * @return creates refused with TOO_MANY_EPHEMERALS (a session at
     * {@link ZnodeTreeContext#maxEphemeralsPerSession()}).
     */
    public long ephemeralLimitCount()
    {
        return writer.ephemeralLimitCount();
    }
}
