package io.aerie.reliability.workload;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CreateWorkloadTest
{
    @Test
    void shouldRotateTheParentEveryThousandPayloads()
    {
        assertEquals(CreateWorkload.ROOT + "/p-0", CreateWorkload.parent(1));
        assertEquals(CreateWorkload.ROOT + "/p-0", CreateWorkload.parent(CreateWorkload.CREATES_PER_PARENT));
        assertEquals(CreateWorkload.ROOT + "/p-1", CreateWorkload.parent(CreateWorkload.CREATES_PER_PARENT + 1));
    }

    @Test
    void shouldReadThePayloadFromASequentialChildsName()
    {
        assertEquals(123_456, CreateWorkload.payloadOf("n-123456-0000000042"));
    }

    @Test
    void shouldReadAForeignChildsNameAsNoPayload()
    {
        assertEquals(-1, CreateWorkload.payloadOf("x-1-0000000001"));
        assertEquals(-1, CreateWorkload.payloadOf("n--0000000001"));
        assertEquals(-1, CreateWorkload.payloadOf("n-abc-0000000001"));
    }
}
