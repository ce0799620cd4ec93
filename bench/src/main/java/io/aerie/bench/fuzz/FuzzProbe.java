package io.aerie.bench.fuzz;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.model.AclList;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fuzz run's well-formed client: it builds the tree the fuzz must leave alone, does create/get/set/get/delete
 * round trips under {@link IngressFuzzer#PROBE_ROOT} that must all succeed while the fuzz runs, and reads the digest
 * of the tree outside the sandbox (the cluster's digest minus the sandbox's and its own subtree's).
 */
final class FuzzProbe implements AutoCloseable
{
    private final AerieClient client;
    private final SandboxDigest sandboxDigest = new SandboxDigest();

    FuzzProbe(final AerieClient client)
    {
        this.client = client;
    }

    AerieClient client()
    {
        return client;
    }

    void prepareTree() throws AerieException
    {
        client.create("/keep", "keep".getBytes(StandardCharsets.US_ASCII));
        client.create("/keep/k1", new byte[]{ 1, 2, 3 });
        // Only bob may change it; anyone may read it and its ACL (the probe holds no identity).
        client.create("/keep/k2", null, new AclList()
            .add(AclList.READ | AclList.ADMIN, "world", "anyone")
            .add(AclList.ALL, "digest", "bob:0Jb8ipQ+eXVZdvp0jCGh6/Ud9AY="),
            io.aerie.codecs.CreateMode.PERSISTENT, -1);
        client.create(IngressFuzzer.SANDBOX_ROOT, new byte[0]);
        client.create(IngressFuzzer.SANDBOX_ROOT + "/a", new byte[]{ 1 });
        client.create(IngressFuzzer.PROBE_ROOT, new byte[0]);
        final long whole = sandboxDigest.subtree(client, "/");
        final long cluster = client.digest();
        if (whole != cluster)
        {
            throw new IllegalStateException("the client's copy of the tree digest is wrong: walk " +
                Long.toHexString(whole) + ", cluster " + Long.toHexString(cluster));
        }
    }

    void roundTrip(final FuzzReport report) throws AerieException
    {
        final String path = IngressFuzzer.PROBE_ROOT + "/p" + (report.probes & 3);
        final byte[] first = ("probe-" + report.probes).getBytes(StandardCharsets.US_ASCII);
        final byte[] second = ("again-" + report.probes).getBytes(StandardCharsets.US_ASCII);
        client.create(path, first);
        expectData(path, first);
        client.setData(path, second, 0);
        expectData(path, second);
        client.delete(path, 1);
        report.probes++;
    }

    private void expectData(final String path, final byte[] expected) throws AerieException
    {
        final byte[] actual = client.getData(path);
        if (!Arrays.equals(expected, actual))
        {
            throw new IllegalStateException("probe read " + Arrays.toString(actual) + " from " + path);
        }
    }

    /**
     * The cluster's digest minus the sandbox's and the probe's subtrees, read on a quiet sandbox: a session expiring
     * mid-walk (sessions the fuzz opened, with its ephemerals) makes it read again.
     */
    long outsideDigest(final FuzzReport report) throws AerieException
    {
        AerieException last = null;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                final long before = client.digest();
                final long sandbox = sandboxDigest.subtree(client, IngressFuzzer.SANDBOX_ROOT);
                report.sandboxNodes = sandboxDigest.nodes();
                final long probes = sandboxDigest.subtree(client, IngressFuzzer.PROBE_ROOT);
                if (before == client.digest())
                {
                    return before - sandbox - probes;
                }
            }
            catch (final AerieException ex)
            {
                last = ex;
            }
        }
        if (null != last)
        {
            throw last;
        }
        throw new IllegalStateException("the sandbox never stood still for a digest");
    }

    public void close()
    {
        client.close();
    }
}
