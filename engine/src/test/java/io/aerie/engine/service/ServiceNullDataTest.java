package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SetDataRequestDecoder;
import io.aerie.engine.service.Replies.DataReply;
import io.aerie.engine.service.Replies.MultiReply;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.Wire.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aerie.engine.service.ServiceFixture.MAX_TIMEOUT_MS;
import static io.aerie.engine.service.Wire.OPEN;
import static io.aerie.engine.service.Wire.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Null data through the wire, as ZooKeeper 3.9 keeps it: create or setData with null, and getData answers
 * null (dataLength 0), apart from empty data. A request from a schema version 0 encoder, which has no
 * dataIsNull flag, carries non-null data.
 */
class ServiceNullDataTest
{
    private ServiceFixture f;
    private Client a;

    @BeforeEach
    void before()
    {
        f = new ServiceFixture();
        a = f.connect(MAX_TIMEOUT_MS);
    }

    @AfterEach
    void after()
    {
        f.close();
    }

    @Test
    void shouldAnswerNullDataAfterCreateWithNull()
    {
        assertEquals(ResultCode.OK, f.create(a, "/n", null, CreateMode.PERSISTENT).code());

        final DataReply reply = f.getData(a, "/n");

        assertEquals(ResultCode.OK, reply.code());
        assertNull(reply.data());
        assertEquals(0, reply.stat().dataLength());
    }

    @Test
    void shouldKeepEmptyDataApartFromNull()
    {
        f.create(a, "/e", "", CreateMode.PERSISTENT);

        assertEquals("", f.getData(a, "/e").data());
    }

    @Test
    void shouldSetNullDataAndThenEmptyData()
    {
        f.create(a, "/n", "x", CreateMode.PERSISTENT);

        assertEquals(ResultCode.OK, f.setData(a, "/n", null, -1).code());
        assertNull(f.getData(a, "/n").data());
        assertEquals(ResultCode.OK, f.setData(a, "/n", "", 1).code());
        assertEquals("", f.getData(a, "/n").data());
    }

    @Test
    void shouldCreateAndSetNullDataInMulti()
    {
        f.create(a, "/s", "x", CreateMode.PERSISTENT);

        final MultiReply reply = f.multi(a, Op.create("/m", null, CreateMode.PERSISTENT), Op.setData("/s", null, -1));

        assertEquals(ResultCode.OK, reply.code());
        assertNull(f.getData(a, "/m").data());
        assertNull(f.getData(a, "/s").data());
    }

    @Test
    void shouldGiveNullAndEmptyDataDifferentDigests()
    {
        f.create(a, "/n", "", CreateMode.PERSISTENT);
        final long emptyDigest = f.digest();
        f.setData(a, "/n", null, -1);
        f.setData(a, "/n", "", -1);
        final long emptyAgain = f.digest();
        f.setData(a, "/n", null, -1);

        assertNotEquals(emptyAgain, f.digest());
        assertNotEquals(emptyDigest, f.digest());
    }

    @Test
    void shouldReadCreateFromVersion0EncoderAsNonNullData()
    {
        final byte[] current = f.wire.create(f.nextCorrelationId(), utf8("/old"), new byte[0], CreateMode.PERSISTENT,
            -1, List.of(OPEN));
        final byte[] version0 = Wire.asVersion0(current, CreateRequestDecoder.dataIsNullEncodingOffset());

        assertEquals(ResultCode.OK, Replies.created(f.request(a.connection(), version0)).code());
        assertEquals("", f.getData(a, "/old").data());
    }

    @Test
    void shouldReadSetDataFromVersion0EncoderAsNonNullData()
    {
        f.create(a, "/old", null, CreateMode.PERSISTENT);
        final byte[] current = f.wire.setData(f.nextCorrelationId(), utf8("/old"), utf8("v"), -1);
        final byte[] version0 = Wire.asVersion0(current, SetDataRequestDecoder.dataIsNullEncodingOffset());

        assertEquals(ResultCode.OK, Replies.setDataReply(f.request(a.connection(), version0)).code());
        assertEquals("v", f.getData(a, "/old").data());
    }
}
