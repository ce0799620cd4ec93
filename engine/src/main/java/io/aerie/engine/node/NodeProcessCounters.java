package io.aerie.engine.node;

import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A node process's counters (role, election state, commit position, the service's gauges...) read from the CnC file
 * of its media driver, mapped read-only, as AeronStat does: no session, no effect on the node, and it works while the
 * node is paused or partitioned. For tools and tests that run nodes as processes (kill -9, SIGSTOP).
 */
public final class NodeProcessCounters
{
    private NodeProcessCounters()
    {
    }

    /**
     * @param aeronDir the node's Aeron directory.
     * @param pid      the node process's pid: a CnC file another process left there is ignored.
     * @return the node's counters, or null if there is no CnC file of that process (yet), or it is going away.
     */
    public static NodeCounters read(final String aeronDir, final long pid)
    {
        return withCounters(aeronDir, pid, NodeCounters::read);
    }

    /**
     * @param aeronDir the node's Aeron directory.
     * @param pid      the node process's pid: a CnC file another process left there is ignored.
     * @param typeIds  counter type ids, such as {@code AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID}.
     * @return the values of the node's counters of these types (-1 for one not there yet; the last allocated where
     * several are), or null if there is no CnC file of that process (yet), or it is going away.
     */
    public static long[] values(final String aeronDir, final long pid, final int... typeIds)
    {
        return withCounters(aeronDir, pid, (counters) ->
        {
            final long[] values = new long[typeIds.length];
            Arrays.fill(values, -1);
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                for (int i = 0; i < typeIds.length; i++)
                {
                    if (typeIds[i] == typeId)
                    {
                        values[i] = counters.getCounterValue(counterId);
                    }
                }
            });
            return values;
        });
    }

    /**
     * Map a node process's counters once, for a reader that samples them often (a timeline): close it when done.
     *
     * @param aeronDir the node's Aeron directory.
     * @param pid      the node process's pid, or -1 for whichever process the CnC file names.
     * @return the mapped counters, or null if there is no CnC file of that process (yet), or it is going away.
     */
    public static Mapped map(final String aeronDir, final long pid)
    {
        final File cncFile = new File(aeronDir, CncFileDescriptor.CNC_FILE);
        if (cncFile.length() < CncFileDescriptor.END_OF_METADATA_OFFSET)
        {
            return null;
        }
        MappedByteBuffer cnc = null;
        try
        {
            cnc = IoUtil.mapExistingFile(cncFile, FileChannel.MapMode.READ_ONLY, "cnc");
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
            final long cncPid = CncFileDescriptor.pid(metaData);
            if (CncFileDescriptor.CNC_VERSION != metaData.getIntVolatile(CncFileDescriptor.cncVersionOffset(0)) ||
                (-1 != pid && cncPid != pid) ||
                !CncFileDescriptor.isCncFileLengthSufficient(metaData, cnc.capacity()))
            {
                IoUtil.unmap(cnc);
                return null;
            }
            return new Mapped(cnc, cncPid, new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
                CncFileDescriptor.createCountersValuesBuffer(cnc, metaData)));
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(cnc);
            return null; // the file is going away or being written: unknown for now
        }
    }

    /**
     * A node process's CnC file mapped read-only, and its counters. Not thread-safe; close it once.
     */
    public static final class Mapped implements AutoCloseable
    {
        private final MappedByteBuffer cnc;
        private final long pid;
        private final CountersReader counters;

        private Mapped(final MappedByteBuffer cnc, final long pid, final CountersReader counters)
        {
            this.cnc = cnc;
            this.pid = pid;
            this.counters = counters;
        }

        /**
         * @return the pid of the process that wrote the CnC file.
         */
        public long pid()
        {
            return pid;
        }

        /**
         * @return the counters, valid until {@link #close()}.
         */
        public CountersReader counters()
        {
            return counters;
        }

        /**
         * Unmap the file.
         */
        public void close()
        {
            IoUtil.unmap(cnc);
        }
    }

    private static <T> T withCounters(
        final String aeronDir, final long pid, final Function<CountersReader, T> reader)
    {
        final Mapped mapped = map(aeronDir, pid);
        if (null == mapped)
        {
            return null;
        }
        try
        {
            return reader.apply(mapped.counters());
        }
        catch (final RuntimeException ex)
        {
            return null; // the file is going away or being written: unknown for now
        }
        finally
        {
            mapped.close();
        }
    }
}
