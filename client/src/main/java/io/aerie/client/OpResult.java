package io.aerie.client;

import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;

/**
 * The result of one op of a multi, in the blocking API; ZooKeeper's OpResult in one class. A successful
 * create has its created path and, as ZooKeeper 3.9's CreateResult, a stat only for the container and TTL
 * modes (ZooKeeper sends those as create2; {@link Response#multiStat(int)} has it for every create); a
 * successful setData a stat; delete and check neither. In a failed multi every op has only its code: OK before the failing op, the failing op's
 * error, RUNTIME_INCONSISTENCY after it (ZooKeeper's ErrorResults, whose type is "error": here the type stays
 * the op's). Immutable.
 */
public final class OpResult
{
    private final OpType type;
    private final ResultCode code;
    private final String path;
    private final Stat stat;

    /**
     * @param type the op's type.
     * @param code OK or the op's code in a failed multi.
     * @param path the created path of a successful create, else null.
     * @param stat the node's stat after a successful create or setData, else null; not copied.
     */
    public OpResult(final OpType type, final ResultCode code, final String path, final Stat stat)
    {
        this.type = type;
        this.code = code;
        this.path = path;
        this.stat = stat;
    }

    /**
     * @return the op's type.
     */
    public OpType type()
    {
        return type;
    }

    /**
     * @return OK, or in a failed multi this op's code.
     */
    public ResultCode code()
    {
        return code;
    }

    /**
     * @return the created path (with any sequence suffix) of a successful create; null for other ops and errors.
     */
    public String path()
    {
        return path;
    }

    /**
     * @return the node's stat after a successful create or setData; null otherwise. Do not modify.
     */
    public Stat stat()
    {
        return stat;
    }

    @Override
    public String toString()
    {
        return "OpResult{type=" + type + ", code=" + code + ", path=" + path + '}';
    }
}
