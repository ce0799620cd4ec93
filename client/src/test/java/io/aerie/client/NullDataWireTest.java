package io.aerie.client;

import io.aerie.codecs.BooleanType;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.GetDataResponseEncoder;
import io.aerie.codecs.MessageHeaderDecoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.MultiRequestDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SetDataRequestDecoder;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.MultiOps;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Null data on the client's wire: requests carry the dataIsNull flag (and clear it when the data is not null,
 * whatever the reused buffer held), and responses tell null from empty, also from a schema version 0 cluster.
 */
class NullDataWireTest
{
    private final RequestEncoder encoder = new RequestEncoder();
    private final ResponseDecoder decoder = new ResponseDecoder();
    private final Response response = new Response();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer bytes = new UnsafeBuffer(new byte[]{ 1, 2, 3 });

    @Test
    void shouldFlagNullDataOfCreateAndClearItForData()
    {
        encoder.create(1, "/n", null, 0, 0, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1);
        assertEquals(BooleanType.TRUE, createRequest().dataIsNull());
        assertEquals(0, createRequest().dataLength());

        encoder.create(2, "/d", bytes, 0, 3, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1);
        assertEquals(BooleanType.FALSE, createRequest().dataIsNull());
    }

    @Test
    void shouldFlagNullDataOfSetDataAndClearItForData()
    {
        encoder.setData(1, "/n", null, 0, 0, -1);
        assertEquals(BooleanType.TRUE, setDataRequest().dataIsNull());

        encoder.setData(2, "/n", bytes, 0, 3, -1);
        assertEquals(BooleanType.FALSE, setDataRequest().dataIsNull());
        assertEquals(3, setDataRequest().dataLength());
    }

    @Test
    void shouldFlagNullDataOfEachMultiOp()
    {
        encoder.multi(1, new MultiOps()
            .create("/n", null, 0, 0, AclList.openAclUnsafe(), CreateMode.PERSISTENT, -1)
            .setData("/d", bytes, 0, 3, -1));

        header.wrap(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH);
        final MultiRequestDecoder.OpsDecoder ops = new MultiRequestDecoder()
            .wrap(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()).ops();
        assertEquals(BooleanType.TRUE, ops.next().dataIsNull());
        ops.skipPath();
        ops.skipData();
        assertEquals(BooleanType.FALSE, ops.next().dataIsNull());
    }

    @Test
    void shouldTellNullDataFromEmptyInGetDataResponse()
    {
        decoder.decode(getDataResponse(BooleanType.TRUE, GetDataResponseEncoder.BLOCK_LENGTH, 1), 0, response);
        assertTrue(response.isDataNull());
        assertEquals(0, response.dataLength());

        decoder.decode(getDataResponse(BooleanType.FALSE, GetDataResponseEncoder.BLOCK_LENGTH, 1), 0, response);
        assertFalse(response.isDataNull());
    }

    @Test
    void shouldReadGetDataResponseOfVersion0ClusterAsNonNullData()
    {
        // A version 0 block ends before the flag: whatever follows it is var data, never the flag.
        final UnsafeBuffer message = getDataResponse(
            BooleanType.TRUE, GetDataResponseEncoder.dataIsNullEncodingOffset(), 0);

        assertTrue(decoder.decode(message, 0, response));

        assertEquals(ResultCode.OK, response.code());
        assertFalse(response.isDataNull());
        final byte[] data = new byte[response.dataLength()];
        response.data().getBytes(0, data);
        assertArrayEquals(new byte[]{ 1, 2, 3 }, data);
    }

    private CreateRequestDecoder createRequest()
    {
        header.wrap(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH);
        final CreateRequestDecoder request = new CreateRequestDecoder()
            .wrap(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        for (final CreateRequestDecoder.AclsDecoder acl : request.acls())
        {
            acl.skipScheme();
            acl.skipId();
        }
        request.skipPath();
        return request;
    }

    private SetDataRequestDecoder setDataRequest()
    {
        header.wrap(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH);
        final SetDataRequestDecoder request = new SetDataRequestDecoder()
            .wrap(encoder.buffer(), RequestEncoder.SESSION_HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        request.skipPath();
        return request;
    }

    private UnsafeBuffer getDataResponse(final BooleanType flag, final int blockLength, final int version)
    {
        final int body = MessageHeaderEncoder.ENCODED_LENGTH;
        new MessageHeaderEncoder().wrap(buffer, 0)
            .blockLength(blockLength)
            .templateId(GetDataResponseEncoder.TEMPLATE_ID)
            .schemaId(GetDataResponseEncoder.SCHEMA_ID)
            .version(version);
        final GetDataResponseEncoder response = new GetDataResponseEncoder().wrap(buffer, body)
            .correlationId(5)
            .code(ResultCode.OK)
            .zxid(9);
        if (blockLength == GetDataResponseEncoder.BLOCK_LENGTH)
        {
            response.dataIsNull(flag);
        }
        response.limit(body + blockLength);
        if (BooleanType.TRUE == flag && blockLength == GetDataResponseEncoder.BLOCK_LENGTH)
        {
            response.putData(new byte[0], 0, 0);
        }
        else
        {
            response.putData(new byte[]{ 1, 2, 3 }, 0, 3);
        }
        return buffer;
    }
}
