package io.aerie.client;

import io.aerie.codecs.MultiResponseDecoder;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Stat;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies what a blocking call needs out of the reusable {@link Response}.
 */
final class BlockingResult implements ResponseHandler
{
    long correlationId;
    boolean done;
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

    void reset(final long correlationId)
    {
        this.correlationId = correlationId;
        done = false;
    }

    @Override
    public void onResponse(final Response response)
    {
        if (response.correlationId() != correlationId)
        {
            return;
        }
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
}
