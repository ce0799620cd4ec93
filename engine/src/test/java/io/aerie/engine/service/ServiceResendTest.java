package io.aerie.engine.service;

import io.aeron.Publication;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.ResultCode;
import io.aerie.engine.service.Replies.Created;
import io.aerie.engine.service.Replies.DataReply;
import io.aerie.engine.service.Replies.ErrorReply;
import io.aerie.engine.service.ServiceFixture.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.aerie.engine.service.ServiceFixture.START_MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Service tests of resent writes: applied once and answered with the same bytes within the remembered
 * window, refused beyond it, and answers dropped on back pressure.
 * <p>
 * Encoded requests are fed to {@link AerieClusteredService} through a {@link ServiceFixture}, whose stub
 * cluster captures egress and drives the log clock and the timers. Each test checks one behaviour through
 * the wire only.
 */
class ServiceResendTest
{
    private ServiceFixture f;

    @BeforeEach
    void before()
    {
        f = new ServiceFixture();
    }

    @AfterEach
    void after()
    {
        f.close();
    }

    @Test
    void shouldApplyResentWriteOnceAndAnswerWithIdenticalBytes()
    {
        final Client a = f.connect(5000);
        final byte[] request = f.wire.create(10, "/a", "x", CreateMode.PERSISTENT_SEQUENTIAL);
        final byte[] first = f.request(a.connection(), request);
        final long digest = f.digest();

        final byte[] second = f.request(a.connection(), request);

        assertArrayEquals(first, second);
        assertEquals("/a0000000000", Replies.created(second).path());
        assertEquals(1, f.lastZxid());
        assertEquals(digest, f.digest());
        assertEquals(ServiceFixture.BASE_NODES + 1, f.service.tree().nodeCount());
        assertEquals(1, f.counters().duplicateWrites.get());
    }

    @Test
    void shouldAnswerWriteResentOnResumedSessionAfterFailoverWithIdenticalBytes()
    {
        final Client a = f.connect(5000);
        final byte[] request = f.wire.setData(11, "/", "root", -1);
        final byte[] first = f.request(a.connection(), request);
        f.closeConnection(a.connection());
        f.advanceTo(START_MS + 100);
        final var resumed = f.openConnection();
        assertEquals(ResultCode.OK, Replies.connected(
            f.request(resumed, f.wire.connect(1, a.sessionId(), 5000, a.password()))).code());

        final byte[] second = f.request(resumed, request);

        assertArrayEquals(first, second);
        assertEquals(1, f.lastZxid());
        assertEquals(1, f.getData(new Client(resumed, a.sessionId(), a.password()), "/").stat().version());
    }

    @Test
    void shouldAnswerOlderWriteWithinWindowWithItsOriginalAnswer()
    {
        final Client a = f.connect(5000);
        final byte[][] answers = new byte[6][];
        for (int i = 1; i <= ServiceFixture.REMEMBERED_WRITES + 1; i++)
        {
            answers[i] = f.request(a.connection(), f.wire.create(i, "/w" + i, "", CreateMode.PERSISTENT));
        }
        final long digest = f.digest();

        final byte[] resent = f.request(a.connection(), f.wire.create(2, "/w2", "", CreateMode.PERSISTENT));

        assertArrayEquals(answers[2], resent);
        assertEquals(ResultCode.OK, Replies.created(resent).code());
        assertEquals(5, f.lastZxid());
        assertEquals(digest, f.digest());
    }

    @Test
    void shouldRefuseWriteOlderThanWindowWithApiErrorAndApplyNothing()
    {
        final Client a = f.connect(5000);
        for (int i = 1; i <= ServiceFixture.REMEMBERED_WRITES + 1; i++)
        {
            f.request(a.connection(), f.wire.create(i, "/w" + i, "", CreateMode.PERSISTENT));
        }
        final long digest = f.digest();

        final ErrorReply reply = Replies.error(f.request(a.connection(), f.wire.create(1, "/new", "", CreateMode.PERSISTENT)));

        assertEquals(ResultCode.API_ERROR, reply.code());
        assertEquals(1, reply.correlationId());
        assertEquals(CreateRequestDecoder.TEMPLATE_ID, reply.templateIdOfRequest());
        assertEquals(5, reply.zxid());
        assertEquals(5, f.lastZxid());
        assertEquals(digest, f.digest());
        assertEquals(ResultCode.NO_NODE, f.exists(a, "/new").code());
    }

    @Test
    void shouldAnswerResentFailedWriteWithItsOriginalFailure()
    {
        final Client a = f.connect(5000);
        f.request(a.connection(), f.wire.create(1, "/dup", "", CreateMode.PERSISTENT));
        final byte[] failed = f.request(a.connection(), f.wire.create(2, "/dup", "", CreateMode.PERSISTENT));
        f.request(a.connection(), f.wire.delete(3, "/dup", -1));

        final byte[] resent = f.request(a.connection(), f.wire.create(2, "/dup", "", CreateMode.PERSISTENT));

        assertArrayEquals(failed, resent);
        assertEquals(ResultCode.NODE_EXISTS, Replies.created(resent).code());
        assertEquals(ResultCode.NO_NODE, f.exists(a, "/dup").code());
    }

    @Test
    void shouldAnswerReadsAfreshWhateverTheirCorrelationId()
    {
        final Client a = f.connect(5000);
        f.request(a.connection(), f.wire.create(5, "/a", "x", CreateMode.PERSISTENT));
        f.request(a.connection(), f.wire.setData(6, "/a", "y", -1));

        final DataReply read = Replies.dataReply(f.request(a.connection(), f.wire.getData(5, "/a")));

        assertEquals(5, read.correlationId());
        assertEquals("y", read.data());
    }

    @Test
    void shouldApplyWriteWhoseAnswerIsDroppedOnBackPressure()
    {
        final Client a = f.connect(5000);
        a.connection().refuseOffersWith(Publication.BACK_PRESSURED);

        f.deliver(a.connection(), f.wire.create(20, "/a", "x", CreateMode.PERSISTENT));

        assertEquals(1, f.lastZxid());
        assertEquals(1, f.counters().droppedEgress.get());
        assertEquals(EgressPublisher.MAX_OFFER_ATTEMPTS + 1, a.connection().offerAttempts());
    }

    @Test
    void shouldGiveUpAtOnceOnAClosedConnection()
    {
        final Client a = f.connect(5000);
        final int before = a.connection().offerAttempts();
        a.connection().refuseOffersWith(Publication.NOT_CONNECTED);

        f.deliver(a.connection(), f.wire.keepAlive(21));

        assertEquals(before + 1, a.connection().offerAttempts());
        assertEquals(1, f.counters().droppedEgress.get());
    }

    @Test
    void shouldAnswerResendOfWriteWhoseAnswerWasDropped()
    {
        final Client a = f.connect(5000);
        a.connection().refuseOffersWith(Publication.BACK_PRESSURED);
        f.deliver(a.connection(), f.wire.create(22, "/a", "x", CreateMode.PERSISTENT_SEQUENTIAL));
        a.connection().refuseOffersWith(0);

        final Created created = Replies.created(f.request(a.connection(),
            f.wire.create(22, "/a", "x", CreateMode.PERSISTENT_SEQUENTIAL)));

        assertEquals(ResultCode.OK, created.code());
        assertEquals("/a0000000000", created.path());
        assertEquals(1, created.zxid());
        assertEquals(1, f.lastZxid());
    }

    @Test
    void shouldApplyWriteWithAnyNewCorrelationIdIncludingTheSmallest()
    {
        final Client a = f.connect(5000);

        final Created created = Replies.created(f.request(a.connection(),
            f.wire.create(Long.MIN_VALUE, "/min", "", CreateMode.PERSISTENT)));

        assertEquals(ResultCode.OK, created.code());
        assertEquals(Long.MIN_VALUE, created.correlationId());
        assertEquals(ResultCode.OK, f.exists(a, "/min").code());
    }
}
