package io.aerie.bench.fuzz;

import org.agrona.MutableDirectBuffer;

/**
 * A valid frame to mutate from: its bytes and where its length fields are, so a mutation can make them lie.
 * Filled by the seed encoders; reused, never shared between threads.
 */
final class Seed
{
    static final int MAX_FIELDS = 64;

    final int[] varLengthOffsets = new int[MAX_FIELDS];
    final int[] varLengthWidths = new int[MAX_FIELDS];
    final int[] groupOffsets = new int[MAX_FIELDS];
    final int[] headerOffsets = new int[4];
    int headerCount;
    int varLengthCount;
    int groupCount;
    int length;
    String name = "";

    Seed reset(final String name)
    {
        this.name = name;
        varLengthCount = 0;
        groupCount = 0;
        headerCount = 0;
        length = 0;
        return this;
    }

    /**
     * Record a var-data length field about to be written at {@code offset}.
     */
    void varLength(final int offset, final int width)
    {
        if (varLengthCount < MAX_FIELDS)
        {
            varLengthOffsets[varLengthCount] = offset;
            varLengthWidths[varLengthCount++] = width;
        }
    }

    /**
     * Record a repeating group's dimensions (blockLength u16, numInGroup u16) about to be written at {@code offset}.
     */
    void group(final int offset)
    {
        if (groupCount < MAX_FIELDS)
        {
            groupOffsets[groupCount++] = offset;
        }
    }

    /**
     * Record an SBE message header (blockLength, templateId, schemaId, version: u16 each) at {@code offset}.
     */
    void header(final int offset)
    {
        if (headerCount < headerOffsets.length)
        {
            headerOffsets[headerCount++] = offset;
        }
    }

    static void copy(final MutableDirectBuffer from, final MutableDirectBuffer to, final int length)
    {
        to.putBytes(0, from, 0, length);
    }
}
