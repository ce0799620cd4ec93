package io.aerie.engine.service;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.WatchEventDecoder;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import io.aerie.engine.service.Replies.Children;
import io.aerie.engine.service.Replies.Connected;
import io.aerie.engine.service.Replies.DataReply;
import io.aerie.engine.service.Replies.KeepAliveReply;
import io.aerie.engine.service.Replies.Reply;
import io.aerie.engine.service.Replies.StatReply;
import io.aerie.engine.service.Replies.WatchEventValue;
import io.aerie.engine.service.ServiceFixture.Client;
import io.aerie.engine.service.StubCluster.Sent;
import io.aerie.engine.service.Wire.Op;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the service tests of watches share: a fresh {@link ServiceFixture} per test, helpers that connect
 * clients, leave watches and send writes, and the {@link Exchange} of messages one request made the service send.
 * <p>
 * The fixture keeps one list per connection, which cannot show the order between recipients; the helpers read
 * the send log of the fixture's {@link StubCluster} instead, which holds every message sent to any connection in
 * the order the service sent them.
 */
abstract class WatchTestSupport
{
    static final int TIMEOUT_MS = 5000;
    static final int SHORT_TIMEOUT_MS = 1000;

    ServiceFixture f;

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

    Client connect()
    {
        return connect(TIMEOUT_MS);
    }

    Client connect(final int timeoutMs)
    {
        return f.connect(timeoutMs);
    }

    /**
     * Open a new session on a connection the test opened.
     */
    Client open(final StubClientSession connection)
    {
        final Connected connected = Replies.connected(f.request(connection,
            f.wire.connect(f.nextCorrelationId(), 0, TIMEOUT_MS, new byte[0])));
        assertEquals(ResultCode.OK, connected.code());
        return new Client(connection, connected.sessionId(), connected.password());
    }

    Exchange exchange(final Client client, final byte[] request)
    {
        final int mark = f.cluster.sendLogMark();
        f.deliver(client.connection(), request);
        return new Exchange(client, f.cluster.sentSince(mark));
    }

    Exchange create(final Client client, final String path)
    {
        return create(client, path, CreateMode.PERSISTENT);
    }

    Exchange create(final Client client, final String path, final CreateMode mode)
    {
        return exchange(client, f.wire.create(f.nextCorrelationId(), path, "", mode));
    }

    Exchange setData(final Client client, final String path, final String data)
    {
        return exchange(client, f.wire.setData(f.nextCorrelationId(), path, data, -1));
    }

    Exchange delete(final Client client, final String path)
    {
        return exchange(client, f.wire.delete(f.nextCorrelationId(), path, -1));
    }

    Exchange multi(final Client client, final Op... ops)
    {
        return exchange(client, f.wire.multi(f.nextCorrelationId(), ops));
    }

    /**
     * Fire a pending timer, as {@link ServiceFixture#fireTimer(long)} does.
     *
     * @return the messages the service sent while handling it, in send order.
     */
    List<Sent> fireTimer(final long timerId)
    {
        final int mark = f.cluster.sendLogMark();
        f.fireTimer(timerId);
        return f.cluster.sentSince(mark);
    }

    StatReply watchExists(final Client client, final String path)
    {
        return Replies.existsReply(f.request(client.connection(), f.wire.exists(f.nextCorrelationId(), path, true)));
    }

    DataReply watchData(final Client client, final String path)
    {
        return Replies.dataReply(f.request(client.connection(), f.wire.getData(f.nextCorrelationId(), path, true)));
    }

    Children watchChildren(final Client client, final String path)
    {
        return Replies.children(f.request(client.connection(), f.wire.getChildren(f.nextCorrelationId(), path, false, true)));
    }

    Reply addWatch(final Client client, final String path, final WatchMode mode)
    {
        return Replies.addWatchReply(f.request(client.connection(), f.wire.addWatch(f.nextCorrelationId(), path, mode)));
    }

    Reply removeWatches(final Client client, final String path, final WatcherType watcherType)
    {
        return Replies.removeWatchesReply(f.request(client.connection(),
            f.wire.removeWatches(f.nextCorrelationId(), path, watcherType, false)));
    }

    KeepAliveReply keepAlive(final Client client)
    {
        return Replies.keepAliveWithSequence(f.request(client.connection(), f.wire.keepAlive(f.nextCorrelationId())));
    }

    static void assertNothingSentTo(final Client client, final List<Exchange> exchanges)
    {
        for (int i = 0; i < exchanges.size(); i++)
        {
            final Exchange exchange = exchanges.get(i);
            if (exchange.requester() != client)
            {
                assertEquals(List.of(), Replies.watchEvents(exchange.to(client)), "events of write " + i);
                assertEquals(0, exchange.to(client).size(), "messages of write " + i);
            }
            else
            {
                assertEquals(List.of(), exchange.eventsTo(client), "events of write " + i);
            }
        }
    }

    static List<byte[]> to(final List<Sent> sent, final long connectionId)
    {
        final List<byte[]> messages = new ArrayList<>();
        for (final Sent message : sent)
        {
            if (message.connectionId() == connectionId)
            {
                messages.add(message.message());
            }
        }
        return messages;
    }

    static List<WatchEventValue> eventsTo(final List<Sent> sent, final Client client)
    {
        return Replies.watchEvents(to(sent, client.connection().id()));
    }

    /**
     * What one request made the service send, in send order: the watch events it fired and its answer.
     */
    record Exchange(Client requester, List<Sent> sent)
    {
        /**
         * @return the answer: the one message to the requester that is not a watch event.
         */
        byte[] answer()
        {
            final List<byte[]> answers = Replies.withoutWatchEvents(WatchTestSupport.to(sent, requester.connection().id()));
            assertEquals(1, answers.size(), "one answer to the requester");
            for (final Sent message : sent)
            {
                if (message.connectionId() != requester.connection().id())
                {
                    assertEquals(WatchEventDecoder.TEMPLATE_ID, Replies.templateId(message.message()),
                        "only watch events to other connections");
                }
            }
            return answers.get(0);
        }

        /**
         * @return the result code of the answer, which every response carries after its correlation id.
         */
        ResultCode code()
        {
            return ResultCode.get(new UnsafeBuffer(answer()).getShort(Wire.HEADER_LENGTH + 8, ByteOrder.LITTLE_ENDIAN));
        }

        /**
         * @return the zxid of the answer, which every response carries at offset 16 of its block.
         */
        long zxid()
        {
            return new UnsafeBuffer(answer()).getLong(Wire.HEADER_LENGTH + 16, ByteOrder.LITTLE_ENDIAN);
        }

        List<byte[]> to(final Client client)
        {
            return to(client.connection().id());
        }

        List<byte[]> to(final long connectionId)
        {
            return WatchTestSupport.to(sent, connectionId);
        }

        List<WatchEventValue> eventsTo(final Client client)
        {
            return Replies.watchEvents(to(client));
        }

        List<WatchEventValue> events()
        {
            final List<byte[]> messages = new ArrayList<>();
            for (final Sent message : sent)
            {
                messages.add(message.message());
            }
            return Replies.watchEvents(messages);
        }

        /**
         * @return the connection of each watch event, in send order.
         */
        List<Long> eventRecipients()
        {
            final List<Long> recipients = new ArrayList<>();
            for (final Sent message : sent)
            {
                if (WatchEventDecoder.TEMPLATE_ID == Replies.templateId(message.message()))
                {
                    recipients.add(message.connectionId());
                }
            }
            return recipients;
        }
    }
}
