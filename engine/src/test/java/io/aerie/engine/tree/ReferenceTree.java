package io.aerie.engine.tree;

import io.aerie.codecs.model.Paths;
import io.aerie.codecs.model.Stat;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.OpType;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.AclList;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plain on-heap model of ZooKeeper's data tree, for {@link TreeModelTest} only.
 * <p>
 * Written from ZooKeeper's rules (PrepRequestProcessor, DataTree, ContainerManager) and the documented
 * contract of {@link ZnodeTree}, not from its implementation: nodes live in a {@link TreeMap} keyed by path
 * in UTF-8 byte order, every operation checks its arguments in the documented order and then mutates the
 * map directly, and a multi runs on the live map after taking a deep copy to restore on failure. Slow and
 * allocating on purpose: it is meant to be obviously right, not fast.
 */
final class ReferenceTree
{
    static final long MAX_TTL_MS = (1L << 40) - 1;

    /**
     * Orders strings by their UTF-8 bytes compared unsigned: the order the tree promises for children,
     * ephemerals and sweeps.
     */
    static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b));

    enum Kind
    {
        PERSISTENT, EPHEMERAL, CONTAINER, TTL
    }

    /**
     * One znode: its stat fields, data, ACL and child names.
     */
    static final class Node
    {
        final Kind kind;
        final long ownerSession;
        final long ttlMs;
        final long czxid;
        final long ctime;
        long mzxid;
        long pzxid;
        long mtime;
        int version;
        /** Child changes as clients see them: creations and deletions. */
        int cversion;
        /** Child creations: numbers sequential children and arms a container, as ZooKeeper's stored cversion. */
        int creations;
        int aversion;
        /** Null for null data, which ZooKeeper keeps apart from empty data. */
        byte[] data;
        AclList acl;
        final TreeSet<String> children = new TreeSet<>(UTF8_ORDER);

        Node(
            final Kind kind,
            final long ownerSession,
            final long ttlMs,
            final long zxid,
            final long timeMs,
            final byte[] data,
            final AclList acl)
        {
            this.kind = kind;
            this.ownerSession = ownerSession;
            this.ttlMs = ttlMs;
            this.czxid = zxid;
            this.mzxid = zxid;
            this.pzxid = zxid;
            this.ctime = timeMs;
            this.mtime = timeMs;
            this.data = data;
            this.acl = acl;
        }

        Node copy()
        {
            final Node copy = new Node(kind, ownerSession, ttlMs, czxid, ctime, data, acl);
            copy.mzxid = mzxid;
            copy.pzxid = pzxid;
            copy.mtime = mtime;
            copy.version = version;
            copy.cversion = cversion;
            copy.creations = creations;
            copy.aversion = aversion;
            copy.children.addAll(children);
            return copy;
        }

        /**
         * As ZooKeeper's clients see it: containers and TTL nodes keep their marker server-side and read 0.
         */
        long ephemeralOwner()
        {
            return Kind.EPHEMERAL == kind ? ownerSession : 0;
        }

        Stat stat()
        {
            return new Stat().set(czxid, mzxid, pzxid, ctime, mtime, version, cversion, aversion, ephemeralOwner(),
                null == data ? 0 : data.length, children.size());
        }
    }

    /**
     * Outcome of a single change: its code and, on success, the created path (creates) and the stat.
     */
    record Outcome(ResultCode code, String createdPath, Stat stat)
    {
        static Outcome of(final ResultCode code)
        {
            return new Outcome(code, "", null);
        }
    }

    /**
     * One operation of a multi, as the model sees it.
     */
    record MultiOp(OpType type, String path, byte[] data, AclList acl, CreateMode mode, long ttlMs, int version)
    {
    }

    /**
     * Outcome of a multi: its code and one outcome per op, with ZooKeeper's OK / error / RUNTIME_INCONSISTENCY
     * codes when it failed.
     */
    record MultiOutcome(ResultCode code, List<Outcome> results)
    {
    }

    private final int maxDataLength;
    private final int maxPathLength;
    private final long maxZnodes;
    private final int maxMultiOps;
    private TreeMap<String, Node> nodes = new TreeMap<>(UTF8_ORDER);

    ReferenceTree(final int maxDataLength, final int maxPathLength, final long maxZnodes, final int maxMultiOps)
    {
        this.maxDataLength = maxDataLength;
        this.maxPathLength = maxPathLength;
        this.maxZnodes = maxZnodes;
        this.maxMultiOps = maxMultiOps;
        // ZooKeeper's reserved nodes, linked in without a create: the parents' numChildren count them, nothing else.
        final Node root = new Node(Kind.PERSISTENT, 0, 0, 0, 0, new byte[0], AclList.openAclUnsafe());
        final Node zookeeper = new Node(Kind.PERSISTENT, 0, 0, 0, 0, new byte[0], AclList.openAclUnsafe());
        final Node config = new Node(
            Kind.PERSISTENT, 0, 0, 0, 0, new byte[0], new AclList().add(AclList.READ, "world", "anyone"));
        config.aversion = -1;
        nodes.put("/", root);
        nodes.put(ZOOKEEPER, zookeeper);
        nodes.put(QUOTA, new Node(Kind.PERSISTENT, 0, 0, 0, 0, new byte[0], AclList.openAclUnsafe()));
        nodes.put(CONFIG, config);
        root.children.add("zookeeper");
        zookeeper.children.add("quota");
        zookeeper.children.add("config");
        // Clients see 2 * creations - numChildren (DataNode.copyStat): a fresh ZooKeeper shows / at cversion -1
        // and /zookeeper at -2, and the offset stays with them.
        root.cversion = -1;
        zookeeper.cversion = -2;
    }

    static final String ZOOKEEPER = "/zookeeper";
    static final String QUOTA = "/zookeeper/quota";
    static final String CONFIG = "/zookeeper/config";
    static final int RESERVED_NODES = 3;

    Outcome create(
        final long zxid,
        final long timeMs,
        final long sessionId,
        final String path,
        final byte[] data,
        final AclList acl,
        final CreateMode mode,
        final long ttlMs)
    {
        if (null == mode || CreateMode.NULL_VAL == mode)
        {
            return Outcome.of(ResultCode.BAD_ARGUMENTS);
        }
        final boolean ttlMode = CreateMode.PERSISTENT_WITH_TTL == mode ||
            CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode;
        final boolean ephemeral = CreateMode.EPHEMERAL == mode || CreateMode.EPHEMERAL_SEQUENTIAL == mode;
        final boolean sequential = CreateMode.PERSISTENT_SEQUENTIAL == mode ||
            CreateMode.EPHEMERAL_SEQUENTIAL == mode || CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode;
        if (ttlMode ? (ttlMs < 1 || ttlMs > MAX_TTL_MS) : ttlMs > 0)
        {
            return Outcome.of(ResultCode.BAD_ARGUMENTS);
        }
        if (ephemeral && 0 == sessionId)
        {
            return Outcome.of(ResultCode.BAD_ARGUMENTS);
        }
        if (null != data && data.length > maxDataLength)
        {
            return Outcome.of(ResultCode.DATA_TOO_LARGE);
        }
        if (!isValidAcl(acl))
        {
            return Outcome.of(ResultCode.INVALID_ACL);
        }
        // Any suffix has the same length and only digits, so validity does not depend on its value.
        final String pathToValidate = sequential ? path + sequenceSuffix(0) : path;
        if (!isValidPath(pathToValidate))
        {
            return Outcome.of(ResultCode.INVALID_PATH);
        }
        if ("/".equals(pathToValidate))
        {
            return Outcome.of(ResultCode.NODE_EXISTS);
        }
        final String parentPath = parentOf(pathToValidate);
        final Node parent = nodes.get(parentPath);
        if (null == parent)
        {
            return Outcome.of(ResultCode.NO_NODE);
        }
        if (CONFIG.equals(parentPath))
        {
            return Outcome.of(ResultCode.NO_AUTH);
        }
        final String createdPath = sequential ? path + sequenceSuffix(parent.creations) : path;
        if (nodes.containsKey(createdPath))
        {
            return Outcome.of(ResultCode.NODE_EXISTS);
        }
        if (Kind.EPHEMERAL == parent.kind)
        {
            return Outcome.of(ResultCode.NO_CHILDREN_FOR_EPHEMERALS);
        }
        if (nodes.size() - 1 - RESERVED_NODES >= maxZnodes)
        {
            return Outcome.of(ResultCode.ZNODE_LIMIT);
        }

        final Kind kind = ephemeral ? Kind.EPHEMERAL :
            (CreateMode.CONTAINER == mode ? Kind.CONTAINER : (ttlMode ? Kind.TTL : Kind.PERSISTENT));
        final Node node = new Node(kind, ephemeral ? sessionId : 0, ttlMode ? ttlMs : 0, zxid, timeMs,
            null == data ? null : data.clone(), copyOf(acl));
        nodes.put(createdPath, node);
        parent.children.add(nameOf(createdPath));
        parent.creations++;
        parent.cversion++;
        parent.pzxid = zxid;
        return new Outcome(ResultCode.OK, createdPath, node.stat());
    }

    ResultCode delete(final long zxid, final String path, final int expectedVersion)
    {
        if (!isValidPath(path))
        {
            return ResultCode.INVALID_PATH;
        }
        if ("/".equals(path) || ZOOKEEPER.equals(path) || QUOTA.equals(path) || CONFIG.equals(path))
        {
            return ResultCode.BAD_ARGUMENTS;
        }
        if (CONFIG.equals(parentOf(path)))
        {
            return ResultCode.NO_AUTH;
        }
        final Node node = nodes.get(path);
        if (null == node)
        {
            return ResultCode.NO_NODE;
        }
        if (-1 != expectedVersion && expectedVersion != node.version)
        {
            return ResultCode.BAD_VERSION;
        }
        if (!node.children.isEmpty())
        {
            return ResultCode.NOT_EMPTY;
        }
        remove(zxid, path);
        return ResultCode.OK;
    }

    Outcome setData(
        final long zxid, final long timeMs, final String path, final byte[] data, final int expectedVersion)
    {
        if (!isValidPath(path))
        {
            return Outcome.of(ResultCode.INVALID_PATH);
        }
        if (null != data && data.length > maxDataLength)
        {
            return Outcome.of(ResultCode.DATA_TOO_LARGE);
        }
        final Node node = nodes.get(path);
        if (null == node)
        {
            return Outcome.of(ResultCode.NO_NODE);
        }
        if (CONFIG.equals(path))
        {
            return Outcome.of(ResultCode.NO_AUTH);
        }
        if (-1 != expectedVersion && expectedVersion != node.version)
        {
            return Outcome.of(ResultCode.BAD_VERSION);
        }
        node.data = null == data ? null : data.clone();
        node.mzxid = zxid;
        node.mtime = timeMs;
        node.version++;
        return new Outcome(ResultCode.OK, "", node.stat());
    }

    Outcome setAcl(final String path, final AclList acl, final int expectedAversion)
    {
        if (!isValidPath(path))
        {
            return Outcome.of(ResultCode.INVALID_PATH);
        }
        if (!isValidAcl(acl))
        {
            return Outcome.of(ResultCode.INVALID_ACL);
        }
        final Node node = nodes.get(path);
        if (null == node)
        {
            return Outcome.of(ResultCode.NO_NODE);
        }
        if (CONFIG.equals(path))
        {
            return Outcome.of(ResultCode.NO_AUTH);
        }
        if (-1 != expectedAversion && expectedAversion != node.aversion)
        {
            return Outcome.of(ResultCode.BAD_VERSION);
        }
        node.acl = copyOf(acl);
        node.aversion++;
        return new Outcome(ResultCode.OK, "", node.stat());
    }

    ResultCode check(final String path, final int expectedVersion)
    {
        if (!isValidPath(path))
        {
            return ResultCode.INVALID_PATH;
        }
        final Node node = nodes.get(path);
        if (null == node)
        {
            return ResultCode.NO_NODE;
        }
        return -1 != expectedVersion && expectedVersion != node.version ? ResultCode.BAD_VERSION : ResultCode.OK;
    }

    MultiOutcome multi(final long zxid, final long timeMs, final long sessionId, final List<MultiOp> ops)
    {
        final int count = ops.size();
        if (count > maxMultiOps)
        {
            return failedMulti(count, 0, ResultCode.TOO_MANY_OPS);
        }
        final TreeMap<String, Node> before = deepCopy();
        final List<Outcome> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final Outcome outcome = apply(zxid, timeMs, sessionId, ops.get(i));
            if (ResultCode.OK != outcome.code())
            {
                nodes = before;
                return failedMulti(count, i, outcome.code());
            }
            results.add(outcome);
        }
        return new MultiOutcome(ResultCode.OK, results);
    }

    /**
     * Close a session: delete its ephemerals in path order.
     *
     * @return the deleted paths, in the order deleted.
     */
    List<String> deleteEphemerals(final long zxid, final long sessionId)
    {
        final List<String> deleted = new ArrayList<>();
        for (final Map.Entry<String, Node> entry : nodes.entrySet())
        {
            if (Kind.EPHEMERAL == entry.getValue().kind && sessionId == entry.getValue().ownerSession)
            {
                deleted.add(entry.getKey());
            }
        }
        for (final String path : deleted)
        {
            remove(zxid, path);
        }
        return deleted;
    }

    /**
     * ZooKeeper's container manager pass: choose every empty container that has had a child and every
     * childless TTL node unmodified for more than its TTL, in path order, then delete them.
     *
     * @return the deleted paths, in the order deleted.
     */
    List<String> sweepExpired(final long zxid, final long nowMs)
    {
        final List<String> candidates = new ArrayList<>();
        for (final Map.Entry<String, Node> entry : nodes.entrySet())
        {
            final Node node = entry.getValue();
            if (!node.children.isEmpty())
            {
                continue;
            }
            if ((Kind.CONTAINER == node.kind && node.creations > 0) ||
                (Kind.TTL == node.kind && nowMs - node.mtime > node.ttlMs))
            {
                candidates.add(entry.getKey());
            }
        }
        for (final String path : candidates)
        {
            remove(zxid, path);
        }
        return candidates;
    }

    /**
     * @return {@code OK}, {@code INVALID_PATH} or {@code NO_NODE}, as the tree's reads report.
     */
    ResultCode lookup(final String path)
    {
        if (!isValidPath(path))
        {
            return ResultCode.INVALID_PATH;
        }
        return nodes.containsKey(path) ? ResultCode.OK : ResultCode.NO_NODE;
    }

    /**
     * @return the node at a valid path, or null.
     */
    Node node(final String path)
    {
        return nodes.get(path);
    }

    /**
     * @return child names in UTF-8 byte order.
     */
    List<String> children(final String path)
    {
        return new ArrayList<>(nodes.get(path).children);
    }

    /**
     * @return every node below {@code path}, as ZooKeeper's getAllChildrenNumber counts them.
     */
    long descendantCount(final String path)
    {
        final String prefix = "/".equals(path) ? "/" : path + "/";
        long count = 0;
        for (final String candidate : nodes.keySet())
        {
            if (!"/".equals(candidate) && candidate.startsWith(prefix))
            {
                count++;
            }
        }
        return count;
    }

    /**
     * @return the session's ephemerals whose paths start with {@code prefix}, in path order.
     */
    List<String> ephemerals(final long sessionId, final String prefix)
    {
        final List<String> paths = new ArrayList<>();
        for (final Map.Entry<String, Node> entry : nodes.entrySet())
        {
            final Node node = entry.getValue();
            if (Kind.EPHEMERAL == node.kind && sessionId == node.ownerSession && entry.getKey().startsWith(prefix))
            {
                paths.add(entry.getKey());
            }
        }
        return paths;
    }

    /**
     * @return every path, in UTF-8 byte order; a snapshot, safe to hold across changes.
     */
    List<String> paths()
    {
        return new ArrayList<>(nodes.keySet());
    }

    int size()
    {
        return nodes.size();
    }

    boolean isValidPath(final String path)
    {
        return Paths.isValid(path) && utf8(path).length <= maxPathLength;
    }

    /**
     * ACL rules as documented for the tree: a non-empty list of entries with known permission bits, each
     * with a known scheme and an id that suits it.
     */
    static boolean isValidAcl(final AclList acl)
    {
        if (null == acl || 0 == acl.size())
        {
            return false;
        }
        for (int i = 0; i < acl.size(); i++)
        {
            final StringBuilder scheme = new StringBuilder();
            final StringBuilder id = new StringBuilder();
            acl.scheme(i, scheme);
            acl.id(i, id);
            if ((acl.perms(i) & ~AclList.ALL) != 0 || !isValidAclEntry(scheme.toString(), id.toString()))
            {
                return false;
            }
        }
        return true;
    }

    static String sequenceSuffix(final int counter)
    {
        return String.format(Locale.ROOT, "%010d", counter);
    }

    static String parentOf(final String path)
    {
        final int slash = path.lastIndexOf('/');
        return 0 == slash ? "/" : path.substring(0, slash);
    }

    static String nameOf(final String path)
    {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static byte[] utf8(final String value)
    {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isValidAclEntry(final String scheme, final String id)
    {
        switch (scheme)
        {
            case "world":
                return "anyone".equals(id);
            case "digest":
                return id.indexOf(':') > 0;
            case "ip":
                return !id.isEmpty() && id.chars().allMatch(c -> Character.digit(c, 16) >= 0 || ".:/".indexOf(c) >= 0);
            case "auth":
            case "x509":
            case "sasl":
            case "super":
                return true;
            default:
                return false;
        }
    }

    private Outcome apply(final long zxid, final long timeMs, final long sessionId, final MultiOp op)
    {
        switch (op.type())
        {
            case CREATE:
                return create(zxid, timeMs, sessionId, op.path(), op.data(), op.acl(), op.mode(), op.ttlMs());
            case DELETE:
                return Outcome.of(delete(zxid, op.path(), op.version()));
            case SET_DATA:
                return setData(zxid, timeMs, op.path(), op.data(), op.version());
            case CHECK:
                return Outcome.of(check(op.path(), op.version()));
            default:
                throw new IllegalArgumentException("unknown op " + op.type());
        }
    }

    private static MultiOutcome failedMulti(final int count, final int failedIndex, final ResultCode code)
    {
        final List<Outcome> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            results.add(Outcome.of(i < failedIndex ? ResultCode.OK :
                (i == failedIndex ? code : ResultCode.RUNTIME_INCONSISTENCY)));
        }
        return new MultiOutcome(code, Collections.unmodifiableList(results));
    }

    private void remove(final long zxid, final String path)
    {
        nodes.remove(path);
        final Node parent = nodes.get(parentOf(path));
        parent.children.remove(nameOf(path));
        // ZooKeeper: pzxid moves; the client-visible cversion counts the deletion, creations do not move.
        parent.pzxid = zxid;
        parent.cversion++;
    }

    private TreeMap<String, Node> deepCopy()
    {
        final TreeMap<String, Node> copy = new TreeMap<>(UTF8_ORDER);
        for (final Map.Entry<String, Node> entry : nodes.entrySet())
        {
            copy.put(entry.getKey(), entry.getValue().copy());
        }
        return copy;
    }

    private static AclList copyOf(final AclList acl)
    {
        return new AclList().copyFrom(acl);
    }
}
