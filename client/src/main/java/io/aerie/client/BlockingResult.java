package io.aerie.client;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.MultiResponseDecoder;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import io.aerie.codecs.model.Stat;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies what a blocking call needs out of the reusable {@link Response}. One per calling thread: the conductor
 * fills it and then sets {@link #done} (volatile), which publishes the fields to the thread waiting on it.
 */
final class BlockingResult implements ResponseHandler
{
    long correlationId;
    volatile boolean done;
    ResultCode code;
    final Stat stat = new Stat();
    final AclList acl = new AclList();
    String path;
    byte[] data;
    List<String> names;
    long count;
    long digest;
    final List<OpType> opTypes = new ArrayList<>();
    final List<ResultCode> opCodes = new ArrayList<>();
    final List<Stat> opStats = new ArrayList<>();

    /**
     * Ready for the next request: it is the handler of one request at a time, so it takes the next answer given.
     */
    void arm()
    {
        done = false;
    }

    @Override
    public void onResponse(final Response response)
    {
        correlationId = response.correlationId();
        code = response.code();
        stat.set(response.stat());
        path = response.path().toString();
        data = response.isDataNull() ? null : new byte[response.dataLength()];
        if (null != data)
        {
            response.data().getBytes(0, data);
        }
        names = response.names().toList();
        acl.copyFrom(response.acl());
        count = response.count();
        digest = response.digest();
        opTypes.clear();
        opCodes.clear();
        opStats.clear();
        if (MultiResponseDecoder.TEMPLATE_ID == response.templateId())
        {
            for (int i = 0, n = response.multiCount(); i < n; i++)
            {
                opTypes.add(response.multiOpType(i));
                opCodes.add(response.multiCode(i));
                opStats.add(new Stat().set(response.multiStat(i)));
            }
        }
        done = true;
    }

    /**
     * @return the per-op results of the multi just answered into this result, or null if the answer had none.
     */
    List<OpResult> opResults(final MultiOps ops)
    {
        final int opCount = opCodes.size();
        if (0 == opCount)
        {
            // An empty multi succeeds with no results, as ZooKeeper's; a request refused whole has none to give.
            return 0 == ops.size() && ResultCode.OK == code ? List.of() : null;
        }
        final boolean ok = ResultCode.OK == code;
        final OpResult[] results = new OpResult[opCount];
        for (int i = 0; i < opCount; i++)
        {
            final OpType type = opTypes.get(i);
            String opPath = null;
            Stat opStat = null;
            if (ok && OpType.CREATE == type)
            {
                opPath = names.get(i);
                // As ZooKeeper 3.9: a multi's create carries a stat only in the modes sent as create2 (container, TTL).
                opStat = i < ops.size() && hasCreate2Stat(ops.op(i).mode()) ? opStats.get(i) : null;
            }
            else if (ok && OpType.SET_DATA == type)
            {
                opStat = opStats.get(i);
            }
            results[i] = new OpResult(type, opCodes.get(i), opPath, opStat);
        }
        return List.of(results);
    }

    /**
     * @return the identities of the whoAmI answer just given to this result: its names hold each identity's scheme
     * and user, one after the other.
     */
    List<ClientInfo> clientInfos()
    {
        final ClientInfo[] infos = new ClientInfo[names.size() / 2];
        for (int i = 0; i < infos.length; i++)
        {
            infos[i] = new ClientInfo(names.get(2 * i), names.get(2 * i + 1));
        }
        return List.of(infos);
    }

    private static boolean hasCreate2Stat(final CreateMode mode)
    {
        return CreateMode.CONTAINER == mode || CreateMode.PERSISTENT_WITH_TTL == mode ||
            CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode;
    }
}
