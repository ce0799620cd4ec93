package io.aerie.engine.tree;

import io.aerie.codecs.CreateMode;
import io.aerie.codecs.OpType;
import io.aerie.codecs.model.AclList;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The random operation generator of {@link TreeModelTest}: draws operations and their arguments from a seeded
 * {@link Random}, looking at the {@link ReferenceTree} model for existing paths and current versions. Each
 * method draws one whole operation before it is applied, so the sequence depends only on the seed and the
 * model, never on how many trees take part.
 * <p>
 * The path universe is small (three levels of a few names, some of them non-ASCII) so that collisions,
 * NODE_EXISTS, NOT_EMPTY, NO_NODE and BAD_VERSION are frequent; data ranges from empty through inline (up to
 * 256 bytes) and chunked (several 4 KiB chunks) to just over the limit.
 */
final class RandomTreeOps
{
    static final int MAX_DATA_LENGTH = 10_000;
    static final int MAX_PATH_LENGTH = 256;
    static final int MAX_MULTI_OPS = 4;

    static final long[] SESSIONS = { 0x1001L, 0x1002L, 0x1003L };
    private static final long SESSION_WITHOUT_EPHEMERALS = 0x7777L;

    private static final String[] LEVEL_1 = { "a", "a0", "b", "\u00e9" };
    private static final String[] LEVEL_2 = { "x", "y", "\u65e5", "s0000000001" };
    private static final String[] LEVEL_3 = { "p", "\uff5a" };
    private static final String[] CHILD_NAMES = { "x", "y", "\u65e5", "s0000000001", "p", "\uff5a" };
    private static final String[] SEQUENTIAL_PREFIXES = { "", "s", "n-" };

    /** 255 UTF-8 bytes in 128 chars: valid, but any child or sequential suffix makes it too long. */
    private static final String LONG_PATH = "/" + "\u00e9".repeat(127);
    /** Exactly {@link #MAX_PATH_LENGTH} UTF-8 bytes. */
    private static final String MAX_LENGTH_PATH = LONG_PATH + "x";
    static final String[] SPECIAL_VALID_PATHS = { LONG_PATH, MAX_LENGTH_PATH, LONG_PATH + "y" };
    private static final String[] INVALID_PATHS = {
        "", "a", "/a/", "//", "//a", "/a//x", "/a/.", "/a/..", "/./a", "/a\u0000", "/a\u001f", "/\u007f",
        "/\u009f", "/\ud800", "/\ue000", "/\uf8ff", "/\ufff0", "/\uffff", "/" + "x".repeat(MAX_PATH_LENGTH),
        "/" + "\u65e5".repeat(86), LONG_PATH + "/p", MAX_LENGTH_PATH + "x" };
    /** Requests for sequential creates that are odd: some only become valid with the suffix, most never do. */
    private static final String[] ODD_SEQUENTIAL_PATHS = {
        "/a/.", "/a/..", "/a//", "a/", "", "/a/\u0001", LONG_PATH, LONG_PATH + "/" };

    private static final CreateMode[] MODES = {
        CreateMode.PERSISTENT, CreateMode.EPHEMERAL, CreateMode.PERSISTENT_SEQUENTIAL,
        CreateMode.EPHEMERAL_SEQUENTIAL, CreateMode.CONTAINER, CreateMode.PERSISTENT_WITH_TTL,
        CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL };

    private static final AclList OPEN_ACL = AclList.openAclUnsafe();
    // Repeated entries weight the draw: the open ACL and the empty (invalid) list come up most often.
    private static final AclList[] VALID_ACLS = {
        OPEN_ACL,
        OPEN_ACL,
        new AclList().add(AclList.READ, "world", "anyone"),
        new AclList()
            .add(AclList.ALL, "digest", "alice:X/2kZ4qDiu8WvXIk3gAxCY0Exn8=")
            .add(AclList.READ | AclList.WRITE, "ip", "10.0.0.0/8")
            .add(AclList.CREATE, "auth", "") };
    private static final AclList[] INVALID_ACLS = {
        new AclList(),
        new AclList(),
        new AclList().add(AclList.ALL, "world", "somebody"),
        new AclList().add(AclList.ALL | 64, "world", "anyone"),
        new AclList().add(AclList.READ, "unknown", "x") };

    /** Every path of the three-level universe. */
    static final List<String> UNIVERSE = universe();

    /** The kinds of operation, in the order {@link #nextKind()} tries them. */
    enum Kind
    {
        CREATE(28), DELETE(40), SET_DATA(51), SET_ACL(56), CHECK(59), READ(69), EPHEMERALS(72), DESCENDANTS(74),
        MULTI(90), CLOSE_SESSION(94), SWEEP(100);

        /** Drawn when the roll out of 100 is below this, and not below that of the kind before. */
        final int rollBelow;

        Kind(final int rollBelow)
        {
            this.rollBelow = rollBelow;
        }
    }

    record Create(
        CreateMode mode, String path, long sessionId, long ttlMs, byte[] data, int offset, AclList acl,
        boolean withOutputs)
    {
        String describe()
        {
            return "create " + TreeComparison.quote(path) + " mode=" + mode + " session=0x" +
                Long.toHexString(sessionId) + " ttl=" + ttlMs + " data=" + lengthText(data) + "@" + offset + " acl=" + acl +
                " outputs=" + withOutputs;
        }
    }

    record SetData(String path, byte[] data, int offset, int version, boolean withStat)
    {
        String describe()
        {
            return "setData " + TreeComparison.quote(path) + " data=" + lengthText(data) + "@" + offset +
                " version=" + version;
        }
    }

    record SetAcl(String path, AclList acl, int aversion, boolean withStat)
    {
        String describe()
        {
            return "setAcl " + TreeComparison.quote(path) + " acl=" + acl + " aversion=" + aversion;
        }
    }

    /** A path with an expected version, for a delete or a check. */
    record Versioned(String path, int version)
    {
    }

    /** A read: exists (0), getData (1), getChildren (2) or getACL (3). */
    record Read(String path, int kind)
    {
    }

    record Ephemerals(long sessionId, String prefix)
    {
    }

    record Multi(long sessionId, List<ReferenceTree.MultiOp> ops)
    {
        String describe()
        {
            return "multi session=0x" + Long.toHexString(sessionId) + " " + RandomTreeOps.describe(ops);
        }
    }

    private final Random random;
    private final ReferenceTree model;
    private boolean validArgumentsOnly;

    RandomTreeOps(final long seed, final ReferenceTree model)
    {
        this.random = new Random(seed);
        this.model = model;
    }

    /**
     * @return how far log time moves before the next operation.
     */
    long tickMs()
    {
        return random.nextInt(3);
    }

    Kind nextKind()
    {
        final int roll = random.nextInt(100);
        for (final Kind kind : Kind.values())
        {
            if (roll < kind.rollBelow)
            {
                return kind;
            }
        }
        throw new IllegalStateException("roll " + roll);
    }

    Create create()
    {
        final CreateMode mode = pickMode();
        final String path = isSequential(mode) ? pickSequentialPath() : pickPath();
        final long sessionId = pickSession();
        final long ttlMs = pickTtl(mode);
        final byte[] data = pickData();
        final int offset = random.nextInt(8);
        final AclList acl = pickAcl(true);
        final boolean withOutputs = random.nextInt(10) > 0;
        return new Create(mode, path, sessionId, ttlMs, data, offset, acl, withOutputs);
    }

    Versioned delete()
    {
        final String path = random.nextInt(100) < 40 ? pickExistingPath() : pickPath();
        final int version = pickVersion(path, false);
        return new Versioned(path, version);
    }

    SetData setData()
    {
        final String path = pickPath();
        final byte[] data = pickData();
        final int offset = random.nextInt(8);
        final int version = pickVersion(path, false);
        final boolean withStat = random.nextInt(10) > 0;
        return new SetData(path, data, offset, version, withStat);
    }

    SetAcl setAcl()
    {
        final String path = pickPath();
        final AclList acl = pickAcl(true);
        final int aversion = pickVersion(path, true);
        final boolean withStat = random.nextInt(10) > 0;
        return new SetAcl(path, acl, aversion, withStat);
    }

    Versioned check()
    {
        final String path = pickPath();
        final int version = pickVersion(path, false);
        return new Versioned(path, version);
    }

    Read read()
    {
        final String path = random.nextInt(100) < 30 ? pickExistingPath() : pickPath();
        final int kind = random.nextInt(4);
        return new Read(path, kind);
    }

    Ephemerals ephemerals()
    {
        final long sessionId = random.nextInt(10) > 0 ? SESSIONS[random.nextInt(SESSIONS.length)] : 0;
        final String prefix = pickPrefix();
        return new Ephemerals(sessionId, prefix);
    }

    /**
     * @return the path whose descendants to count.
     */
    String descendants()
    {
        return random.nextInt(100) < 40 ? pickExistingPath() : pickPath();
    }

    Multi multi()
    {
        final int roll = random.nextInt(100);
        final int opCount = roll < 3 ? 0 : (roll < 10 ? MAX_MULTI_OPS + 1 : 1 + random.nextInt(MAX_MULTI_OPS));
        final List<ReferenceTree.MultiOp> ops = new ArrayList<>(opCount);
        // Most multis carry only valid arguments, so that long multis succeed often enough to matter.
        validArgumentsOnly = random.nextInt(100) < 70;
        for (int i = 0; i < opCount; i++)
        {
            ops.add(multiOp(ops));
        }
        validArgumentsOnly = false;
        final long sessionId = pickSession();
        return new Multi(sessionId, ops);
    }

    /**
     * @return the session to close: usually one that may own ephemerals.
     */
    long closeSession()
    {
        return random.nextInt(10) > 0 ? SESSIONS[random.nextInt(SESSIONS.length)] : SESSION_WITHOUT_EPHEMERALS;
    }

    /**
     * @return how far log time moves before a sweep: usually a little, sometimes past many TTLs.
     */
    long sweepAdvanceMs()
    {
        return random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(20);
    }

    static boolean isSequential(final CreateMode mode)
    {
        return CreateMode.PERSISTENT_SEQUENTIAL == mode || CreateMode.EPHEMERAL_SEQUENTIAL == mode ||
            CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode;
    }

    private ReferenceTree.MultiOp multiOp(final List<ReferenceTree.MultiOp> previous)
    {
        final int roll = random.nextInt(100);
        if (roll < 35)
        {
            final CreateMode mode = pickMode();
            final String path = isSequential(mode) ?
                (random.nextBoolean() || previous.isEmpty() ? pickSequentialPath() : sequentialUnder(previous)) :
                pickMultiCreatePath(previous);
            final long ttlMs = pickTtl(mode);
            final byte[] data = pickData();
            final AclList acl = pickAcl(false);
            return new ReferenceTree.MultiOp(OpType.CREATE, path, data, acl, mode, ttlMs, -1);
        }
        final String path = pickMultiPath(previous);
        final int version = pickVersion(path, false);
        if (roll < 55)
        {
            return new ReferenceTree.MultiOp(OpType.DELETE, path, null, null, null, -1, version);
        }
        if (roll < 80)
        {
            final byte[] data = pickData();
            return new ReferenceTree.MultiOp(OpType.SET_DATA, path, data, null, null, -1, version);
        }
        return new ReferenceTree.MultiOp(OpType.CHECK, path, null, null, null, -1, version);
    }

    private CreateMode pickMode()
    {
        final int roll = validArgumentsOnly ? 99 : random.nextInt(100);
        if (roll < 1)
        {
            return null;
        }
        return roll < 2 ? CreateMode.NULL_VAL : MODES[random.nextInt(MODES.length)];
    }

    private long pickTtl(final CreateMode mode)
    {
        final int roll = validArgumentsOnly ? random.nextInt(80) : random.nextInt(100);
        if (CreateMode.PERSISTENT_WITH_TTL == mode || CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL == mode)
        {
            if (roll < 86)
            {
                return 1 + random.nextInt(600);
            }
            if (roll < 90)
            {
                return 1;
            }
            if (roll < 93)
            {
                return 0;
            }
            if (roll < 96)
            {
                return -1 - random.nextInt(5);
            }
            return roll < 98 ? ReferenceTree.MAX_TTL_MS : ReferenceTree.MAX_TTL_MS + 1;
        }
        if (roll < 80)
        {
            return -1;
        }
        return roll < 93 ? 0 : 1 + random.nextInt(1000);
    }

    private long pickSession()
    {
        return random.nextInt(100) < 4 ? 0 : SESSIONS[random.nextInt(SESSIONS.length)];
    }

    /**
     * @return the length of data, 0 for null data.
     */
    static int lengthOf(final byte[] data)
    {
        return null == data ? 0 : data.length;
    }

    static String lengthText(final byte[] data)
    {
        return null == data ? "null" : String.valueOf(data.length);
    }

    private byte[] pickData()
    {
        final int roll = validArgumentsOnly ? random.nextInt(97) : random.nextInt(100);
        final int length;
        if (roll < 8)
        {
            // Null data, which ZooKeeper keeps apart from empty data.
            return null;
        }
        if (roll < 20)
        {
            length = 0;
        }
        else if (roll < 58)
        {
            length = 1 + random.nextInt(64);
        }
        else if (roll < 70)
        {
            length = 65 + random.nextInt(192);
        }
        else if (roll < 85)
        {
            length = 257 + random.nextInt(MAX_DATA_LENGTH - 257);
        }
        else if (roll < 92)
        {
            final int[] boundaries = { 255, 256, 257, 4095, 4096, 4097, 8192, 8193 };
            length = boundaries[random.nextInt(boundaries.length)];
        }
        else if (roll < 97)
        {
            length = MAX_DATA_LENGTH;
        }
        else
        {
            length = MAX_DATA_LENGTH + 1 + random.nextInt(50);
        }
        final byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private AclList pickAcl(final boolean allowNull)
    {
        final int roll = validArgumentsOnly ? 99 : random.nextInt(100);
        if (allowNull && roll < 2)
        {
            return null;
        }
        return roll < 10 ? INVALID_ACLS[random.nextInt(INVALID_ACLS.length)] :
            VALID_ACLS[random.nextInt(VALID_ACLS.length)];
    }

    private String pickPath()
    {
        final int roll = random.nextInt(100);
        if (roll < 70)
        {
            return pickUniversePath(3);
        }
        if (roll < 88)
        {
            return pickExistingPath();
        }
        if (roll < 90)
        {
            return "/";
        }
        return roll < 95 ? INVALID_PATHS[random.nextInt(INVALID_PATHS.length)] :
            SPECIAL_VALID_PATHS[random.nextInt(SPECIAL_VALID_PATHS.length)];
    }

    private String pickUniversePath(final int maxDepth)
    {
        final int roll = random.nextInt(100);
        final int depth = roll < 25 ? 1 : (roll < 65 || maxDepth < 3 ? 2 : 3);
        final StringBuilder path = new StringBuilder();
        path.append('/').append(LEVEL_1[random.nextInt(LEVEL_1.length)]);
        if (depth >= 2 && maxDepth >= 2)
        {
            path.append('/').append(LEVEL_2[random.nextInt(LEVEL_2.length)]);
        }
        if (depth >= 3)
        {
            path.append('/').append(LEVEL_3[random.nextInt(LEVEL_3.length)]);
        }
        return path.toString();
    }

    private String pickExistingPath()
    {
        final List<String> paths = model.paths();
        return paths.get(random.nextInt(paths.size()));
    }

    private String pickSequentialPath()
    {
        final int roll = random.nextInt(100);
        if (roll < 6)
        {
            return ODD_SEQUENTIAL_PATHS[random.nextInt(ODD_SEQUENTIAL_PATHS.length)];
        }
        final String parent = roll < 20 ? "/" : (roll < 80 ? pickUniversePath(2) : pickExistingPath());
        return childPath(parent, SEQUENTIAL_PREFIXES[random.nextInt(SEQUENTIAL_PREFIXES.length)]);
    }

    private String sequentialUnder(final List<ReferenceTree.MultiOp> previous)
    {
        final String parent = previous.get(random.nextInt(previous.size())).path();
        return model.isValidPath(parent) ?
            childPath(parent, SEQUENTIAL_PREFIXES[random.nextInt(SEQUENTIAL_PREFIXES.length)]) : parent;
    }

    /**
     * A path for a multi op: often the path of an earlier op in the same multi, its child or its parent, so
     * that ops depend on each other (create then setData, create a parent then its child, ...).
     */
    private String pickMultiPath(final List<ReferenceTree.MultiOp> previous)
    {
        final int source = random.nextInt(100);
        if (source < 40)
        {
            return pickExistingPath();
        }
        if (previous.isEmpty() || source < 65)
        {
            return pickPath();
        }
        final String earlier = previous.get(random.nextInt(previous.size())).path();
        final int roll = random.nextInt(100);
        if (roll < 40 || !model.isValidPath(earlier))
        {
            return earlier;
        }
        if (roll < 75 || "/".equals(earlier))
        {
            return childPath(earlier, CHILD_NAMES[random.nextInt(CHILD_NAMES.length)]);
        }
        return ReferenceTree.parentOf(earlier);
    }

    /**
     * A path for a create in a multi: often a new child of an existing node, else as {@link #pickMultiPath}.
     */
    private String pickMultiCreatePath(final List<ReferenceTree.MultiOp> previous)
    {
        return random.nextInt(100) < 40 ?
            childPath(pickExistingPath(), CHILD_NAMES[random.nextInt(CHILD_NAMES.length)]) :
            pickMultiPath(previous);
    }

    private String pickPrefix()
    {
        final int roll = random.nextInt(100);
        if (roll < 25)
        {
            return "/";
        }
        if (roll < 45)
        {
            return "/" + LEVEL_1[random.nextInt(LEVEL_1.length)];
        }
        if (roll < 70)
        {
            return pickUniversePath(3);
        }
        if (roll < 90)
        {
            return pickExistingPath();
        }
        return INVALID_PATHS[random.nextInt(INVALID_PATHS.length)];
    }

    private int pickVersion(final String path, final boolean aclVersion)
    {
        final ReferenceTree.Node node = model.isValidPath(path) ? model.node(path) : null;
        final int actual = null == node ? 0 : (aclVersion ? node.aversion : node.version);
        final int roll = random.nextInt(100);
        if (roll < 35)
        {
            return -1;
        }
        if (roll < 75)
        {
            return actual;
        }
        return roll < 97 ? actual + 1 + random.nextInt(3) : -2 - random.nextInt(3);
    }

    private static String childPath(final String parent, final String name)
    {
        return "/".equals(parent) ? "/" + name : parent + "/" + name;
    }

    private static List<String> universe()
    {
        final List<String> paths = new ArrayList<>();
        for (final String first : LEVEL_1)
        {
            paths.add("/" + first);
            for (final String second : LEVEL_2)
            {
                paths.add("/" + first + "/" + second);
                for (final String third : LEVEL_3)
                {
                    paths.add("/" + first + "/" + second + "/" + third);
                }
            }
        }
        return List.copyOf(paths);
    }

    private static String describe(final List<ReferenceTree.MultiOp> ops)
    {
        final StringBuilder sb = new StringBuilder("[");
        for (final ReferenceTree.MultiOp op : ops)
        {
            if (sb.length() > 1)
            {
                sb.append(", ");
            }
            sb.append(op.type()).append(' ').append(TreeComparison.quote(op.path()));
            if (OpType.CREATE == op.type())
            {
                sb.append(" mode=").append(op.mode()).append(" ttl=").append(op.ttlMs())
                    .append(" acl=").append(op.acl());
            }
            if (null != op.data())
            {
                sb.append(" data=").append(op.data().length);
            }
            if (OpType.CREATE != op.type())
            {
                sb.append(" version=").append(op.version());
            }
        }
        return sb.append(']').toString();
    }
}
