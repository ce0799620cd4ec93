package io.aerie.client;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.ByteOrder;

/**
 * A {@link ReadMode#LOCAL} client's way to a node on its own host through that node's own media driver: a second
 * Aeron client on the node's Aeron directory (invoker mode, driven from the conductor's cycle), a publication to the
 * node's {@code aeron:ipc} read stream and a subscription to {@code aeron:ipc?session-id=<this client's id>} for the
 * answers. Reads and answers then pass no driver agent: the node's service thread and this client poll each other's
 * log buffers.
 * <p>
 * Opened only on the node's word ({@code ReadIpcOffer}, on a read connection over UDP) and only if a live driver in
 * that directory holds the node's read IPC endpoint counter (type {@value #ENDPOINT_COUNTER_TYPE_ID}) for that member
 * and incarnation: the client then reads from the node that offered, not from whatever runs there later. Conductor
 * thread only.
 */
final class IpcReadLink implements AutoCloseable
{
    /** The node's {@code ServiceCounterTypes.READ_IPC_ENDPOINT}. */
    static final int ENDPOINT_COUNTER_TYPE_ID = 7201;
    /** Key length of that counter: member id (int32) then incarnation (int64). */
    static final int ENDPOINT_KEY_LENGTH = Integer.BYTES + Long.BYTES;
    private static final String REQUEST_CHANNEL = "aeron:ipc?term-length=1m|sparse=true";
    private static final String RESPONSE_CHANNEL = "aeron:ipc?term-length=16m|sparse=true|session-id=";

    final int memberId;
    final long incarnation;
    private final Aeron aeron;
    private final AgentInvoker invoker;
    private final Subscription subscription;
    private final ExclusivePublication publication;
    private final int endpointCounterId;
    private final long endpointRegistrationId;
    private final String responseChannel;
    private volatile boolean failed;

    private IpcReadLink(
        final int memberId, final long incarnation, final Aeron.Context aeronCtx, final int readStreamId,
        final int responseStreamId)
    {
        this.memberId = memberId;
        this.incarnation = incarnation;
        this.aeron = Aeron.connect(aeronCtx.errorHandler(this::onError));
        try
        {
            this.invoker = aeron.conductorAgentInvoker();
            final int counterId = findEndpoint(aeron.countersReader(), memberId, incarnation);
            if (CountersReader.NULL_COUNTER_ID == counterId)
            {
                throw new IllegalStateException(
                    "no read IPC endpoint of member " + memberId + " in " + aeronCtx.aeronDirectoryName());
            }
            this.endpointCounterId = counterId;
            this.endpointRegistrationId = aeron.countersReader().getCounterRegistrationId(counterId);
            this.responseChannel = RESPONSE_CHANNEL + (int)aeron.clientId();
            this.subscription = aeron.addSubscription(responseChannel, responseStreamId);
            this.publication = aeron.addExclusivePublication(REQUEST_CHANNEL, readStreamId);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(aeron);
            throw ex;
        }
    }

    /**
     * Open a link to the node that offered it, or find it unusable.
     *
     * @return the link, or null when no live driver there holds that member's and incarnation's endpoint (another
     * host's directory, a node gone or restarted, a directory this process may not map).
     */
    static IpcReadLink open(
        final int memberId,
        final long incarnation,
        final String aeronDirectoryName,
        final int readStreamId,
        final int responseStreamId,
        final long driverTimeoutMs)
    {
        try
        {
            if (!CommonContext.isDriverActive(new File(aeronDirectoryName), driverTimeoutMs, IpcReadLink::ignore))
            {
                return null;
            }
            final Aeron.Context aeronCtx = new Aeron.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .useConductorAgentInvoker(true)
                .driverTimeoutMs(driverTimeoutMs);
            return new IpcReadLink(memberId, incarnation, aeronCtx, readStreamId, responseStreamId);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @return the publication to the node's read stream.
     */
    ExclusivePublication publication()
    {
        return publication;
    }

    /**
     * @return the channel the node answers on, for {@code ReadOpenRequest}.
     */
    String responseChannel()
    {
        return responseChannel;
    }

    /**
     * @return false once the node's driver timed out, its endpoint went, or the Aeron client failed.
     */
    boolean isUsable()
    {
        if (failed || aeron.isClosed())
        {
            return false;
        }
        final CountersReader counters = aeron.countersReader();
        return CountersReader.RECORD_ALLOCATED == counters.getCounterState(endpointCounterId) &&
            endpointRegistrationId == counters.getCounterRegistrationId(endpointCounterId);
    }

    /**
     * Drive the Aeron client and read answers.
     */
    int poll(final FragmentHandler handler, final int fragmentLimit)
    {
        if (failed || aeron.isClosed())
        {
            return 0;
        }
        return invoker.invoke() + subscription.poll(handler, fragmentLimit);
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(publication, subscription, aeron);
    }

    static int findEndpoint(final CountersReader counters, final int memberId, final long incarnation)
    {
        final int[] found = {CountersReader.NULL_COUNTER_ID};
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (ENDPOINT_COUNTER_TYPE_ID == typeId && isKey(keyBuffer, memberId, incarnation))
            {
                found[0] = counterId;
            }
        });
        return found[0];
    }

    private static boolean isKey(final DirectBuffer key, final int memberId, final long incarnation)
    {
        return memberId == key.getInt(0, ByteOrder.LITTLE_ENDIAN) &&
            incarnation == key.getLong(Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
    }

    private void onError(final Throwable ex)
    {
        // The node's driver is not this client's to report on: a dead node is found by its silence, as over UDP.
        failed = true;
    }

    private static void ignore(final String message)
    {
    }
}
