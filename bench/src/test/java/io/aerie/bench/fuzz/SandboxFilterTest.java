package io.aerie.bench.fuzz;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.CreateRequestEncoder;
import io.aerie.codecs.GetDataRequestEncoder;
import io.aerie.codecs.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxFilterTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final SandboxFilter filter = new SandboxFilter();

    @Test
    void shouldLetACreateInsideTheSandboxThrough()
    {
        assertFalse(filter.escapes(buffer, 0, create("/fuzz/a", CreateMode.PERSISTENT)));
    }

    @Test
    void shouldStopACreateOutsideTheSandbox()
    {
        assertTrue(filter.escapes(buffer, 0, create("/fuzy/a", CreateMode.PERSISTENT)));
    }

    @Test
    void shouldStopAContainerInsideTheSandbox()
    {
        assertTrue(filter.escapes(buffer, 0, create("/fuzz/a", CreateMode.CONTAINER)));
    }

    @Test
    void shouldStopACreateThatTheProbeCouldNotReadBack()
    {
        assertTrue(filter.escapes(buffer, 0, create("/fuzz/a", CreateMode.PERSISTENT, 31, "digest", "bob:x")));
    }

    @Test
    void shouldStopACreateThatTheProbeCouldReadButNotReadTheAclOf()
    {
        assertTrue(filter.escapes(buffer, 0, create("/fuzz/a", CreateMode.PERSISTENT, 1, "world", "anyone")));
    }

    @Test
    void shouldLetAReadOutsideTheSandboxThrough()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new GetDataRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).correlationId(1).path("/keep").encodedLength();

        assertFalse(filter.escapes(buffer, 0, length));
    }

    @Test
    void shouldLetACreateThatCannotBeDecodedThrough()
    {
        final int length = create("/fuzy/a", CreateMode.PERSISTENT);

        assertFalse(filter.escapes(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + 12));
        assertTrue(length > MessageHeaderEncoder.ENCODED_LENGTH + 12);
    }

    private int create(final String path, final CreateMode mode)
    {
        return create(path, mode, 31, "world", "anyone");
    }

    private int create(final String path, final CreateMode mode, final int perms, final String scheme, final String id)
    {
        final CreateRequestEncoder encoder = new CreateRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .correlationId(1).ttlMs(-1).mode(mode);
        encoder.aclsCount(1).next().perms(perms).scheme(scheme).id(id);
        encoder.path(path).putData(new byte[0], 0, 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
