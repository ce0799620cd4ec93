package io.aerie.bench.fuzz;

import io.aerie.codecs.AddWatchRequestEncoder;
import io.aerie.codecs.ExistsRequestEncoder;
import io.aerie.codecs.GetACLRequestEncoder;
import io.aerie.codecs.GetAllChildrenNumberRequestEncoder;
import io.aerie.codecs.GetChildrenRequestEncoder;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.GetEphemeralsRequestEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.RemoveWatchesRequestEncoder;
import io.aerie.codecs.SyncRequestEncoder;
import io.aerie.codecs.WatchMode;
import io.aerie.codecs.WatcherType;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

import static io.aerie.bench.fuzz.AerieRequestSeeds.bool;
import static io.aerie.bench.fuzz.AerieRequestSeeds.pokeEnum;

/**
 * Valid Aerie reads and watch requests, to mutate from: of paths inside the sandbox (valid or not) or outside it
 * (reads change no node), with now and then an enum field the schema does not define.
 */
final class ReadRequestSeeds
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final byte[][] READ_PATHS =
        AerieRequestSeeds.utf8("/", "/keep", "/keep/k1", "/zookeeper", "/zookeeper/quota", "", "x");

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private int pathLengthOffset;

    /**
     * Encode a random read or watch request at {@code offset}.
     *
     * @param writes    whose write paths (in the sandbox, valid or not) are used half the time.
     * @return the end of the request in the buffer.
     */
    int encode(
        final SplittableRandom random,
        final Seed seed,
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final AerieRequestSeeds writes)
    {
        final byte[] path = random.nextBoolean() ?
            writes.writePath(random) : READ_PATHS[random.nextInt(READ_PATHS.length)];
        final int which = random.nextInt(9);
        final int end = which < 5 ?
            read(which, random, buffer, offset, correlationId, path) :
            other(which, random, buffer, offset, correlationId, path);
        seed.varLength(pathLengthOffset, 2);
        return end;
    }

    private int read(
        final int which,
        final SplittableRandom random,
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final byte[] path)
    {
        switch (which)
        {
            case 0:
            {
                final ExistsRequestEncoder e = new ExistsRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).watch(bool(random));
                pathLengthOffset = e.limit();
                final int end = e.putPath(path, 0, path.length).limit();
                pokeEnum(random, buffer, offset + HEADER + ExistsRequestEncoder.watchEncodingOffset());
                return end;
            }
            case 1:
            {
                final GetDataRequestEncoder e = new GetDataRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).watch(bool(random));
                pathLengthOffset = e.limit();
                return e.putPath(path, 0, path.length).limit();
            }
            case 2:
            {
                final GetChildrenRequestEncoder e = new GetChildrenRequestEncoder()
                    .wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).watch(bool(random)).includeStat(bool(random));
                pathLengthOffset = e.limit();
                final int end = e.putPath(path, 0, path.length).limit();
                pokeEnum(random, buffer, offset + HEADER + GetChildrenRequestEncoder.includeStatEncodingOffset());
                return end;
            }
            case 3:
            {
                final GetAllChildrenNumberRequestEncoder e = new GetAllChildrenNumberRequestEncoder()
                    .wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId);
                pathLengthOffset = e.limit();
                return e.putPath(path, 0, path.length).limit();
            }
            default:
            {
                final GetEphemeralsRequestEncoder e = new GetEphemeralsRequestEncoder()
                    .wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId);
                pathLengthOffset = e.limit();
                return e.putPrefixPath(path, 0, path.length).limit();
            }
        }
    }

    private int other(
        final int which,
        final SplittableRandom random,
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final byte[] path)
    {
        switch (which)
        {
            case 5:
            {
                final SyncRequestEncoder e = new SyncRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId);
                pathLengthOffset = e.limit();
                return e.putPath(path, 0, path.length).limit();
            }
            case 6:
            {
                final GetACLRequestEncoder e = new GetACLRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId);
                pathLengthOffset = e.limit();
                return e.putPath(path, 0, path.length).limit();
            }
            case 7:
            {
                final AddWatchRequestEncoder e = new AddWatchRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).mode(WatchMode.get((short)random.nextInt(2)));
                pathLengthOffset = e.limit();
                final int end = e.putPath(path, 0, path.length).limit();
                pokeEnum(random, buffer, offset + HEADER + AddWatchRequestEncoder.modeEncodingOffset());
                return end;
            }
            default:
            {
                final RemoveWatchesRequestEncoder e = new RemoveWatchesRequestEncoder()
                    .wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId)
                    .watcherType(WatcherType.values()[random.nextInt(WatcherType.values().length - 1)])
                    .local(bool(random));
                pathLengthOffset = e.limit();
                final int end = e.putPath(path, 0, path.length).limit();
                pokeEnum(random, buffer, offset + HEADER + RemoveWatchesRequestEncoder.watcherTypeEncodingOffset());
                return end;
            }
        }
    }
}
