package io.aerie.bench.fuzz;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.model.AclList;
import io.aerie.codecs.model.Fnv1a;
import io.aerie.codecs.model.Stat;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The cluster's tree digest (the wrapping sum of one hash per node, engine {@code TreeDigest}) of a subtree, computed
 * from what a client reads: so the digest of the tree outside the sandbox is the cluster's digest minus the
 * sandbox's. {@link #subtree(AerieClient, String)} of "/" equals the cluster's whole digest on a quiet cluster, which
 * checks that this copy of the hash is right. Containers and TTL nodes are not read back right (a client's stat hides
 * their marker in ephemeralOwner): the sandbox holds none.
 */
final class SandboxDigest
{
    private final Stat stat = new Stat();
    private long nodes;

    /**
     * @return nodes hashed by the last {@link #subtree} call.
     */
    long nodes()
    {
        return nodes;
    }

    /**
     * Digest of a node and all its descendants, read through the client (a recursive walk: call on a quiet subtree).
     *
     * @param client to read with.
     * @param root   absolute path of the subtree.
     * @return the sum of the node hashes; 0 if the root does not exist.
     * @throws AerieException if a read fails other than with NO_NODE for the root.
     */
    long subtree(final AerieClient client, final String root) throws AerieException
    {
        nodes = 0;
        if (null == client.exists(root))
        {
            return 0;
        }
        return walk(client, root);
    }

    private long walk(final AerieClient client, final String path) throws AerieException
    {
        final byte[] data = client.getData(path, stat);
        final AclList acl = client.getAcl(path);
        long sum = nodeHash(path, stat, data, acl);
        nodes++;
        final List<String> children = client.getChildren(path);
        for (final String child : children)
        {
            sum += walk(client, "/".equals(path) ? "/" + child : path + "/" + child);
        }
        return sum;
    }

    static long nodeHash(final String path, final Stat stat, final byte[] data, final AclList acl)
    {
        final byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        long hash = Fnv1a.hash(new UnsafeBuffer(pathBytes), 0, pathBytes.length);
        hash = Fnv1a.hashLong(hash, stat.czxid());
        hash = Fnv1a.hashLong(hash, stat.mzxid());
        hash = Fnv1a.hashLong(hash, stat.pzxid());
        hash = Fnv1a.hashLong(hash, stat.ctime());
        hash = Fnv1a.hashLong(hash, stat.mtime());
        hash = Fnv1a.hashLong(hash, stat.version());
        // The store keeps creations only; a client sees creations and deletions (ZooKeeper 3.9's cversion).
        hash = Fnv1a.hashLong(hash, (stat.cversion() + stat.numChildren()) / 2);
        hash = Fnv1a.hashLong(hash, stat.aversion());
        hash = Fnv1a.hashLong(hash, stat.ephemeralOwner());
        hash = Fnv1a.hashLong(hash, stat.numChildren());
        hash = Fnv1a.hashLong(hash, null == data ? -1 : data.length);
        if (null != data)
        {
            hash = Fnv1a.hashBytes(hash, new UnsafeBuffer(data), 0, data.length);
        }
        hash = Fnv1a.hashBytes(hash, acl.buffer(), 0, acl.encodedLength());
        return Fnv1a.splitMix64(hash);
    }
}
