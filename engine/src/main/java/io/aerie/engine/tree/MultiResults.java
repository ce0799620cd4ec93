package io.aerie.engine.tree;

import io.aerie.codecs.model.Stat;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;

import java.util.ArrayList;

/**
 * Per-operation results of {@link ZnodeTree#multi}, with ZooKeeper's rules: when the multi succeeds every
 * op is {@code OK} with its stat (and created path for creates); when op {@code i} fails, nothing is
 * applied, ops before {@code i} report {@code OK}, op {@code i} its error and ops after it
 * {@code RUNTIME_INCONSISTENCY}. Reusable; not thread safe.
 */
public final class MultiResults
{
    private final ArrayList<Stat> stats = new ArrayList<>();
    private final ArrayList<StringBuilder> paths = new ArrayList<>();
    private ResultCode[] codes = new ResultCode[8];
    private OpType[] types = new OpType[8];
    private int size;

    /**
     * @return number of results.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return result code of op {@code index}.
     */
    public ResultCode code(final int index)
    {
        return codes[index];
    }

    /**
     * @return type of op {@code index}.
     */
    public OpType type(final int index)
    {
        return types[index];
    }

    /**
     * @return stat after op {@code index} for creates and setData of a successful multi.
     */
    public Stat stat(final int index)
    {
        return stats.get(index);
    }

    /**
     * @return created path of op {@code index} when it is a create of a successful multi, else empty.
     */
    public CharSequence path(final int index)
    {
        return paths.get(index);
    }

    /**
     * Empty the results, for a multi refused before any op was tried.
     */
    public void clear()
    {
        size = 0;
    }

    void reset(final int count)
    {
        if (codes.length < count)
        {
            codes = java.util.Arrays.copyOf(codes, Math.max(count, codes.length * 2));
            types = java.util.Arrays.copyOf(types, codes.length);
        }
        while (stats.size() < count)
        {
            stats.add(new Stat());
            paths.add(new StringBuilder(64));
        }
        size = count;
        for (int i = 0; i < count; i++)
        {
            paths.get(i).setLength(0);
            stats.get(i).set(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            codes[i] = ResultCode.OK;
        }
    }

    void type(final int index, final OpType type)
    {
        types[index] = type;
    }

    StringBuilder mutablePath(final int index)
    {
        return paths.get(index);
    }

    void failAt(final int failedIndex, final ResultCode code)
    {
        for (int i = 0; i < size; i++)
        {
            paths.get(i).setLength(0);
            stats.get(i).set(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            codes[i] = i < failedIndex ? ResultCode.OK :
                (i == failedIndex ? code : ResultCode.RUNTIME_INCONSISTENCY);
        }
    }
}
