package io.aerie.bench.fuzz;

import io.aerie.codecs.AddAuthRequestEncoder;
import io.aerie.codecs.AddWatchRequestEncoder;
import io.aerie.codecs.BooleanType;
import io.aerie.codecs.CloseSessionRequestEncoder;
import io.aerie.codecs.ConnectRequestEncoder;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestEncoder;
import io.aerie.codecs.DeleteRequestEncoder;
import io.aerie.codecs.DigestRequestEncoder;
import io.aerie.codecs.ExistsRequestEncoder;
import io.aerie.codecs.GetACLRequestEncoder;
import io.aerie.codecs.GetAllChildrenNumberRequestEncoder;
import io.aerie.codecs.GetChildrenRequestEncoder;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.GetEphemeralsRequestEncoder;
import io.aerie.codecs.KeepAliveRequestEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import io.aerie.codecs.MultiRequestEncoder;
import io.aerie.codecs.OpType;
import io.aerie.codecs.RemoveWatchesRequestEncoder;
import io.aerie.codecs.SetACLRequestEncoder;
import io.aerie.codecs.SetDataRequestEncoder;
import io.aerie.codecs.SyncRequestEncoder;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Valid Aerie requests of every template, to mutate from: paths inside the sandbox {@link #SANDBOX} (valid and
 * invalid: empty segments, dots, NUL, bad UTF-8, over the length limit), reads also of paths outside it, data from
 * empty to over the cluster's limit, ACLs of every scheme and bad permission bits, and now and then an enum field
 * given a value the schema does not define.
 */
final class AerieRequestSeeds
{
    /** Every write the fuzzer lets through changes only nodes whose path starts with this. */
    static final String SANDBOX = "/fuzz/";
    static final int[] TEMPLATE_IDS =
    {
        ConnectRequestEncoder.TEMPLATE_ID, KeepAliveRequestEncoder.TEMPLATE_ID, CloseSessionRequestEncoder.TEMPLATE_ID,
        AddAuthRequestEncoder.TEMPLATE_ID, CreateRequestEncoder.TEMPLATE_ID, DeleteRequestEncoder.TEMPLATE_ID,
        ExistsRequestEncoder.TEMPLATE_ID, GetDataRequestEncoder.TEMPLATE_ID, SetDataRequestEncoder.TEMPLATE_ID,
        GetChildrenRequestEncoder.TEMPLATE_ID, GetAllChildrenNumberRequestEncoder.TEMPLATE_ID,
        GetEphemeralsRequestEncoder.TEMPLATE_ID, MultiRequestEncoder.TEMPLATE_ID, SyncRequestEncoder.TEMPLATE_ID,
        GetACLRequestEncoder.TEMPLATE_ID, SetACLRequestEncoder.TEMPLATE_ID, AddWatchRequestEncoder.TEMPLATE_ID,
        RemoveWatchesRequestEncoder.TEMPLATE_ID, DigestRequestEncoder.TEMPLATE_ID, 99, 0, 65535
    };
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final byte[][] SANDBOX_PATHS = utf8(
        "/fuzz/a", "/fuzz/b", "/fuzz/a/c", "/fuzz/a/c/d", "/fuzz/e", "/fuzz/s-", "/fuzz/b/s-", "/fuzz/é→☃",
        "/fuzz/", "/fuzz//x", "/fuzz/./x", "/fuzz/../x", "/fuzz/a/", "/fuzz/a\u0000b", "/fuzz/zookeeper");
    private static final byte[][] BAD_UTF8_PATHS =
    {
        bytes("/fuzz/", 0xC3, 0x28), bytes("/fuzz/", 0xED, 0xA0, 0x80), bytes("/fuzz/", 0xC0, 0xAF),
        bytes("/fuzz/", 0xF8, 0x88, 0x80, 0x80, 0x80), bytes("/fuzz/", 0xE2, 0x82)
    };
    private static final String[][] ACLS =
    {
        { "world", "anyone" }, { "auth", "" }, { "digest", "bob:0Jb8ipQ+eXVZdvp0jCGh6/Ud9AY=" }, { "ip", "127.0.0.1" },
        { "ip", "10.0.0.0/8" }, { "super", "x" }, { "", "" }, { "world", "nobody" }, { "digest", "no-colon" }
    };
    private static final int[] PERMS = { 31, 1, 2, 4, 8, 16, 0, -1, 32, 0x7FFF_FFFF };

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ReadRequestSeeds reads = new ReadRequestSeeds();
    private final byte[] data;
    private final byte[] longPath;

    /**
     * @param maxDataLength the cluster's limit on znode data: the largest seed data is one byte over it.
     * @param maxPathLength the cluster's limit on a path: one seed path is one byte over it.
     */
    AerieRequestSeeds(final int maxDataLength, final int maxPathLength)
    {
        data = new byte[maxDataLength + 1];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)('a' + i % 26);
        }
        longPath = new byte[maxPathLength + 1];
        final byte[] prefix = SANDBOX.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, longPath, 0, prefix.length);
        for (int i = prefix.length; i < longPath.length; i++)
        {
            longPath[i] = 'p';
        }
    }

    /**
     * Encode a random valid request at {@code offset}.
     *
     * @param random chooses the template and its fields.
     * @param seed   filled with the request's length and field offsets (absolute in the buffer).
     * @param buffer to encode into.
     * @param offset where the request's message header goes.
     * @param correlationId of the request.
     */
    void encode(
        final SplittableRandom random,
        final Seed seed,
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId)
    {
        seed.header(offset);
        final int end;
        switch (random.nextInt(20))
        {
            case 0: end = connect(random, seed, buffer, offset, correlationId); break;
            case 1: end = new KeepAliveRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
                .correlationId(correlationId).limit(); break;
            case 2: end = random.nextInt(8) == 0 ? new CloseSessionRequestEncoder()
                .wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).limit() :
                new DigestRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
                .correlationId(correlationId).limit(); break;
            case 3: end = addAuth(random, seed, buffer, offset, correlationId); break;
            case 4: case 5: end = create(random, seed, buffer, offset, correlationId); break;
            case 6: end = delete(random, seed, buffer, offset, correlationId); break;
            case 7: case 8: end = setData(random, seed, buffer, offset, correlationId); break;
            case 9: case 10: end = multi(random, seed, buffer, offset, correlationId); break;
            case 11: end = setAcl(random, seed, buffer, offset, correlationId); break;
            default: end = reads.encode(random, seed, buffer, offset, correlationId, this);
        }
        seed.length = end - offset;
    }

    private int connect(
        final SplittableRandom random, final Seed seed, final MutableDirectBuffer buffer, final int offset,
        final long correlationId)
    {
        final ConnectRequestEncoder encoder = new ConnectRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId)
            .lastZxidSeen(random.nextInt(4) == 0 ? Long.MAX_VALUE : 0)
            .sessionId(random.nextInt(3) == 0 ? 1 + random.nextInt(8) : 0)
            .requestedTimeoutMs(random.nextBoolean() ? 10_000 : random.nextInt());
        seed.group(encoder.limit());
        final int auths = random.nextInt(3);
        final ConnectRequestEncoder.AuthEncoder auth = encoder.authCount(auths);
        for (int i = 0; i < auths; i++)
        {
            auth.next();
            seed.varLength(encoder.limit(), 2);
            auth.scheme(random.nextBoolean() ? "digest" : "ip");
            seed.varLength(encoder.limit(), 4);
            auth.putData(utf8("bob:secret")[0], 0, 10);
        }
        seed.varLength(encoder.limit(), 4);
        encoder.putPassword(data, 0, random.nextBoolean() ? 0 : 8);
        return encoder.limit();
    }

    private int addAuth(
        final SplittableRandom random, final Seed seed, final MutableDirectBuffer buffer, final int offset,
        final long correlationId)
    {
        final AddAuthRequestEncoder encoder = new AddAuthRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId);
        seed.varLength(encoder.limit(), 2);
        encoder.scheme(random.nextBoolean() ? "digest" : "nonesuch");
        seed.varLength(encoder.limit(), 4);
        final byte[] credentials = utf8(random.nextBoolean() ? "bob:secret" : "no-colon")[0];
        encoder.putAuth(credentials, 0, credentials.length);
        return encoder.limit();
    }

    private int create(
        final SplittableRandom random, final Seed seed, final MutableDirectBuffer buffer, final int offset,
        final long correlationId)
    {
        final CreateRequestEncoder encoder = new CreateRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId)
            .ttlMs(random.nextInt(8) == 0 ? 1000 : -1)
            .mode(CreateMode.get((short)random.nextInt(4)))
            .dataIsNull(random.nextInt(8) == 0 ? BooleanType.TRUE : BooleanType.FALSE);
        seed.group(encoder.limit());
        final int acls = random.nextInt(8) == 0 ? random.nextInt(4) : 1;
        final CreateRequestEncoder.AclsEncoder aclsEncoder = encoder.aclsCount(acls);
        for (int i = 0; i < acls; i++)
        {
            final String[] acl = acl(random);
            aclsEncoder.next().perms(perms(random));
            seed.varLength(encoder.limit(), 2);
            aclsEncoder.scheme(acl[0]);
            seed.varLength(encoder.limit(), 2);
            aclsEncoder.id(acl[1]);
        }
        final byte[] path = writePath(random);
        seed.varLength(encoder.limit(), 2);
        encoder.putPath(path, 0, path.length);
        seed.varLength(encoder.limit(), 4);
        encoder.putData(data, 0, dataLength(random));
        pokeEnum(random, buffer, offset + HEADER + CreateRequestEncoder.modeEncodingOffset());
        return encoder.limit();
    }

    private int delete(
        final SplittableRandom random, final Seed seed, final MutableDirectBuffer buffer, final int offset,
        final long correlationId)
    {
        final DeleteRequestEncoder encoder = new DeleteRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId)
            .version(version(random));
        final byte[] path = writePath(random);
        seed.varLength(encoder.limit(), 2);
        encoder.putPath(path, 0, path.length);
        return encoder.limit();
    }

    private int setData(
        final SplittableRandom random, final Seed seed, final MutableDirectBuffer buffer, final int offset,
        final long correlationId)
    {
        final SetDataRequestEncoder encoder = new SetDataRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId)
            .version(version(random))
            .dataIsNull(random.nextInt(8) == 0 ? BooleanType.TRUE : BooleanType.FALSE);
        final byte[] path = writePath(random);
        seed.varLength(encoder.limit(), 2);
        encoder.putPath(path, 0, path.length);
        seed.varLength(encoder.limit(), 4);
        encoder.putData(data, 0, dataLength(random));
        pokeEnum(random, buffer, offset + HEADER + SetDataRequestEncoder.dataIsNullEncodingOffset());
        return encoder.limit();
    }

    private int multi(
        final SplittableRandom random, final Seed seed, final MutableDirectBuffer buffer, final int offset,
        final long correlationId)
    {
        final MultiRequestEncoder encoder = new MultiRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId);
        final int ops = random.nextInt(5);
        seed.group(encoder.limit());
        final MultiRequestEncoder.OpsEncoder opsEncoder = encoder.opsCount(ops);
        int creates = 0;
        for (int i = 0; i < ops; i++)
        {
            final OpType type = OpType.get((short)(1 + random.nextInt(4)));
            creates += OpType.CREATE == type ? 1 : 0;
            opsEncoder.next().ttlMs(-1).version(version(random)).opType(type)
                .mode(CreateMode.get((short)random.nextInt(4))).dataIsNull(BooleanType.FALSE);
            final byte[] path = writePath(random);
            seed.varLength(encoder.limit(), 2);
            opsEncoder.putPath(path, 0, path.length);
            seed.varLength(encoder.limit(), 4);
            opsEncoder.putData(data, 0, OpType.CREATE == type || OpType.SET_DATA == type ? dataLength(random) : 0);
        }
        seed.group(encoder.limit());
        final MultiRequestEncoder.OpAclsEncoder aclsEncoder = encoder.opAclsCount(creates);
        for (int i = 0; i < creates; i++)
        {
            final String[] acl = acl(random);
            aclsEncoder.next().perms(perms(random)).opIndex(random.nextInt(ops + 1));
            seed.varLength(encoder.limit(), 2);
            aclsEncoder.scheme(acl[0]);
            seed.varLength(encoder.limit(), 2);
            aclsEncoder.id(acl[1]);
        }
        return encoder.limit();
    }

    private int setAcl(
        final SplittableRandom random, final Seed seed, final MutableDirectBuffer buffer, final int offset,
        final long correlationId)
    {
        final SetACLRequestEncoder encoder = new SetACLRequestEncoder().wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId)
            .version(version(random));
        seed.group(encoder.limit());
        final int acls = random.nextInt(3);
        final SetACLRequestEncoder.AclsEncoder aclsEncoder = encoder.aclsCount(acls);
        for (int i = 0; i < acls; i++)
        {
            final String[] acl = acl(random);
            aclsEncoder.next().perms(perms(random));
            seed.varLength(encoder.limit(), 2);
            aclsEncoder.scheme(acl[0]);
            seed.varLength(encoder.limit(), 2);
            aclsEncoder.id(acl[1]);
        }
        final byte[] path = writePath(random);
        seed.varLength(encoder.limit(), 2);
        encoder.putPath(path, 0, path.length);
        return encoder.limit();
    }

    byte[] writePath(final SplittableRandom random)
    {
        final int roll = random.nextInt(40);
        if (roll == 0)
        {
            return longPath;
        }
        if (roll < 4)
        {
            return BAD_UTF8_PATHS[random.nextInt(BAD_UTF8_PATHS.length)];
        }
        return SANDBOX_PATHS[random.nextInt(roll < 12 ? SANDBOX_PATHS.length : 8)];
    }

    private int dataLength(final SplittableRandom random)
    {
        final int roll = random.nextInt(100);
        if (roll < 20)
        {
            return 0;
        }
        if (roll < 97)
        {
            return random.nextInt(64);
        }
        return roll < 99 ? data.length - 1 : data.length;
    }

    private static int version(final SplittableRandom random)
    {
        return random.nextBoolean() ? -1 : random.nextInt(3) - 2 + random.nextInt(3);
    }

    private static String[] acl(final SplittableRandom random)
    {
        return ACLS[random.nextInt(4) == 0 ? random.nextInt(ACLS.length) : 0];
    }

    private static int perms(final SplittableRandom random)
    {
        return PERMS[random.nextInt(4) == 0 ? random.nextInt(PERMS.length) : 0];
    }

    static BooleanType bool(final SplittableRandom random)
    {
        return random.nextBoolean() ? BooleanType.TRUE : BooleanType.FALSE;
    }

    static void pokeEnum(final SplittableRandom random, final MutableDirectBuffer buffer, final int index)
    {
        if (random.nextInt(16) == 0)
        {
            buffer.putByte(index, (byte)(7 + random.nextInt(249)));
        }
    }

    static byte[][] utf8(final String... values)
    {
        final byte[][] result = new byte[values.length][];
        for (int i = 0; i < values.length; i++)
        {
            result[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return result;
    }

    private static byte[] bytes(final String prefix, final int... tail)
    {
        final byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        final byte[] result = new byte[head.length + tail.length];
        System.arraycopy(head, 0, result, 0, head.length);
        for (int i = 0; i < tail.length; i++)
        {
            result[head.length + i] = (byte)tail[i];
        }
        return result;
    }
}
