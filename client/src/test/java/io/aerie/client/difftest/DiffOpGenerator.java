package io.aerie.client.difftest;

import io.aerie.codecs.CreateMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random operations over a small path space under one root, so that creates collide, parents are missing
 * or ephemeral, versions are right, wrong or -1, and sequential names pile up: depth 1 {a, b, c}, depth 2 {x, y},
 * depth 3 {z}, the sequential paths created so far, the root itself and, rarely, "/", ZooKeeper's reserved
 * {@code /zookeeper} and malformed paths. Data is null, empty, a few bytes or 10 KiB. The generator learns from ZooKeeper's answers
 * (created sequential paths, last versions seen), so the same seed gives the same operations against the same
 * ZooKeeper behaviour.
 */
final class DiffOpGenerator
{
    static final int LARGE_DATA_LENGTH = 10 * 1024;
    private static final String[] LEVEL1 = { "a", "b", "c" };
    private static final String[] LEVEL2 = { "x", "y" };
    private static final String[] LEVEL3 = { "z" };
    private static final int[] VERSIONS = { -1, -1, 0, 0, 1, 2, 5 };
    private static final long[] TTLS_MS = { 1_000, 60_000, 3_600_000 };
    private static final long[] INVALID_TTLS_MS = { 0, -1, 1L << 40 };
    private static final int MAX_LEARNED = 12;

    private final Random random;
    private final String root;
    private final int sessions;
    private final List<String> learnedPaths = new ArrayList<>();
    private final Map<String, Integer> learnedVersions = new HashMap<>();

    /**
     * @param seed     the seed.
     * @param root     the root every path is under; not created here.
     * @param sessions number of session slots to spread ops over.
     */
    DiffOpGenerator(final long seed, final String root, final int sessions)
    {
        this.random = new Random(seed);
        this.root = root;
        this.sessions = sessions;
    }

    /**
     * @return the next operation.
     */
    DiffOp next()
    {
        final int session = random.nextInt(sessions);
        final int dice = random.nextInt(100);
        if (dice < 30)
        {
            return create(session);
        }
        if (dice < 42)
        {
            final String path = path();
            return DiffOp.delete(session, path, version(path));
        }
        if (dice < 54)
        {
            final String path = path();
            return DiffOp.setData(session, path, data(), version(path));
        }
        if (dice < 63)
        {
            return DiffOp.read(DiffOp.Kind.GET_DATA, session, path());
        }
        if (dice < 69)
        {
            return DiffOp.read(DiffOp.Kind.EXISTS, session, path());
        }
        if (dice < 78)
        {
            return DiffOp.read(DiffOp.Kind.GET_CHILDREN, session, path());
        }
        if (dice < 90)
        {
            return multi(session);
        }
        if (dice < 93)
        {
            return DiffOp.read(DiffOp.Kind.GET_ALL_CHILDREN_NUMBER, session, path());
        }
        if (dice < 98)
        {
            return DiffOp.read(DiffOp.Kind.GET_EPHEMERALS, session, ephemeralsPrefix());
        }
        return DiffOp.closeSession(session);
    }

    /**
     * Learn from ZooKeeper's answer to an op: the sequential paths it created and the versions it reported.
     */
    void learn(final DiffOp op, final Result zooKeeper)
    {
        if (null != zooKeeper.path() && !zooKeeper.path().equals(op.path()))
        {
            learnPath(zooKeeper.path());
        }
        if (null != zooKeeper.subs())
        {
            for (final Result.Sub sub : zooKeeper.subs())
            {
                if (null != sub.path())
                {
                    learnPath(sub.path());
                }
            }
        }
        if (null != op.path() && null != zooKeeper.stat())
        {
            learnedVersions.put(op.path(), zooKeeper.stat().version());
        }
    }

    private void learnPath(final String path)
    {
        if (path.startsWith(root + "/") && !learnedPaths.contains(path))
        {
            if (learnedPaths.size() == MAX_LEARNED)
            {
                learnedPaths.remove(0);
            }
            learnedPaths.add(path);
        }
    }

    private DiffOp create(final int session)
    {
        final String path = path();
        final byte[] data = data();
        final CreateMode mode = mode();
        final boolean withStat = random.nextBoolean();
        final long ttlMs = ttl();
        return DiffOp.create(session, path, data, mode, -1, withStat).withTtlForMode(ttlMs);
    }

    private DiffOp multi(final int session)
    {
        final String base = nodePath();
        final String child = base + "/" + LEVEL2[random.nextInt(LEVEL2.length)];
        // Now and then an empty multi: ZooKeeper answers it with an empty result list.
        final int count = 0 == random.nextInt(40) ? 0 : 1 + random.nextInt(4);
        final List<DiffOp> subOps = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final String path = random.nextInt(3) == 0 ? child : base;
            switch (random.nextInt(4))
            {
                case 0 -> subOps.add(DiffOp.create(session, path, data(), mode(), -1, false).withTtlForMode(ttl()));
                case 1 -> subOps.add(DiffOp.delete(session, path, version(path)));
                case 2 -> subOps.add(DiffOp.setData(session, path, data(), version(path)));
                default -> subOps.add(DiffOp.check(session, path, version(path)));
            }
        }
        return DiffOp.multi(session, subOps);
    }

    private String path()
    {
        final int dice = random.nextInt(100);
        if (dice < 3)
        {
            return 0 == random.nextInt(3) ? "/" : root;
        }
        if (dice < 5)
        {
            return switch (random.nextInt(4))
            {
                case 0 -> "/zookeeper";
                case 1 -> "/zookeeper/quota";
                case 2 -> "/zookeeper/config";
                default -> "/zookeeper" + root;
            };
        }
        if (dice < 6)
        {
            return malformedPath();
        }
        return nodePath();
    }

    /**
     * Paths ZooKeeper's client refuses (a sequential create may end in '/': ZooKeeper names the child by the
     * sequence number alone).
     */
    private String malformedPath()
    {
        final String node = root + "/" + LEVEL1[random.nextInt(LEVEL1.length)];
        return switch (random.nextInt(6))
        {
            case 0 -> node + "/";
            case 1 -> root + "//" + LEVEL1[random.nextInt(LEVEL1.length)];
            case 2 -> node + "/.";
            case 3 -> node + "/../" + LEVEL1[random.nextInt(LEVEL1.length)];
            case 4 -> node.substring(1);
            default -> "";
        };
    }

    private String nodePath()
    {
        if (!learnedPaths.isEmpty() && random.nextInt(100) < 15)
        {
            final String learned = learnedPaths.get(random.nextInt(learnedPaths.size()));
            return random.nextInt(3) == 0 ? learned + "/" + LEVEL2[random.nextInt(LEVEL2.length)] : learned;
        }
        final int depthDice = random.nextInt(100);
        final StringBuilder path = new StringBuilder(root).append('/').append(LEVEL1[random.nextInt(LEVEL1.length)]);
        if (depthDice >= 45)
        {
            path.append('/').append(LEVEL2[random.nextInt(LEVEL2.length)]);
        }
        if (depthDice >= 85)
        {
            path.append('/').append(LEVEL3[random.nextInt(LEVEL3.length)]);
        }
        return path.toString();
    }

    private String ephemeralsPrefix()
    {
        return switch (random.nextInt(4))
        {
            case 0 -> "/";
            case 1 -> root;
            // A string prefix, not a path: ZooKeeper matches it against whole paths ("/r/a" matches "/r/ab").
            case 2 -> root + "/" + LEVEL1[random.nextInt(LEVEL1.length)];
            default -> nodePath();
        };
    }

    private byte[] data()
    {
        final int dice = random.nextInt(100);
        if (dice < 20)
        {
            return null;
        }
        if (dice < 40)
        {
            return new byte[0];
        }
        final byte[] data = new byte[dice < 90 ? 1 + random.nextInt(16) : LARGE_DATA_LENGTH];
        random.nextBytes(data);
        return data;
    }

    private CreateMode mode()
    {
        final int dice = random.nextInt(100);
        if (dice < 30)
        {
            return CreateMode.PERSISTENT;
        }
        if (dice < 50)
        {
            return CreateMode.EPHEMERAL;
        }
        if (dice < 60)
        {
            return CreateMode.PERSISTENT_SEQUENTIAL;
        }
        if (dice < 70)
        {
            return CreateMode.EPHEMERAL_SEQUENTIAL;
        }
        if (dice < 85)
        {
            return CreateMode.CONTAINER;
        }
        return dice < 95 ? CreateMode.PERSISTENT_WITH_TTL : CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL;
    }

    private long ttl()
    {
        if (0 == random.nextInt(20))
        {
            // Out of range: ZooKeeper encodes a TTL in 40 bits of the ephemeralOwner and wants it above 0.
            return INVALID_TTLS_MS[random.nextInt(INVALID_TTLS_MS.length)];
        }
        return TTLS_MS[random.nextInt(TTLS_MS.length)];
    }

    private int version(final String path)
    {
        final Integer learned = learnedVersions.get(path);
        if (null != learned && random.nextInt(100) < 35)
        {
            return learned;
        }
        return VERSIONS[random.nextInt(VERSIONS.length)];
    }
}
