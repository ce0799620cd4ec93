package io.aerie.engine.tree;

import io.aerie.codecs.ResultCode;

/**
 * One change to the tree as a transaction: {@link #begin()} opens the store's undo journal, {@link #end(ResultCode)}
 * commits a change that succeeded and undoes one that failed, {@link #fail(RuntimeException)} undoes one that threw,
 * counts the error and turns it into a result code. A change that fails part way leaves the tree as it was.
 */
final class TreeTransaction
{
    private final NodeStore store;
    private final QuotaTracker quotas;
    private final TreeChanges changes;
    private final ZnodeCapacity capacity;
    private final ZnodeTreeContext ctx;
    private boolean inTransaction;

    TreeTransaction(
        final NodeStore store,
        final QuotaTracker quotas,
        final TreeChanges changes,
        final ZnodeCapacity capacity,
        final ZnodeTreeContext ctx)
    {
        this.store = store;
        this.quotas = quotas;
        this.changes = changes;
        this.capacity = capacity;
        this.ctx = ctx;
    }

    void begin()
    {
        changes.clear();
        quotas.beginTransaction();
        store.begin();
        inTransaction = true;
    }

    ResultCode end(final ResultCode code)
    {
        if (ResultCode.OK == code)
        {
            store.commit();
            inTransaction = false;
        }
        else
        {
            rollback();
        }
        return code;
    }

    void rollback()
    {
        store.rollback();
        changes.clear();
        inTransaction = false;
    }

    ResultCode fail(final RuntimeException ex)
    {
        if (inTransaction)
        {
            rollback();
        }
        ctx.errorHandler().onError(ex);
        // Chronicle Map signals a full store with IllegalStateException; anything else is a defect.
        if (ex instanceof IllegalStateException)
        {
            capacity.storeFull();
            return ResultCode.ZNODE_LIMIT;
        }
        return ResultCode.SYSTEM_ERROR;
    }
}
