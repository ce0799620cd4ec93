package io.aerie.bench.suite.workload;

import io.aerie.bench.suite.LoadClient;
import io.aerie.bench.suite.Rig;

/**
 * The rig operations the workloads send: reusable objects holding the path and the data array.
 */
final class Ops
{
    /** Data size of every write. */
    static final int DATA_LENGTH = 100;

    private Ops()
    {
    }

    /**
     * setData of the same 100 bytes (any version).
     */
    static final class SetData implements Rig.Operation
    {
        private final String path;
        private final byte[] data;

        SetData(final String path, final byte[] data)
        {
            this.path = path;
            this.data = data;
        }

        @Override
        public void send(final LoadClient client, final long token, final LoadClient.Completion completion)
        {
            client.setData(path, data, token, completion);
        }
    }

    /**
     * getData without a watch.
     */
    static final class GetData implements Rig.Operation
    {
        private final String path;

        GetData(final String path)
        {
            this.path = path;
        }

        @Override
        public void send(final LoadClient client, final long token, final LoadClient.Completion completion)
        {
            client.getData(path, token, completion);
        }
    }

    /**
     * @return 100 bytes of data, not all zero.
     */
    static byte[] data()
    {
        final byte[] data = new byte[DATA_LENGTH];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)('a' + i % 26);
        }
        return data;
    }
}
