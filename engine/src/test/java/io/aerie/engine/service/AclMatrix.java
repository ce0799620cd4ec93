package io.aerie.engine.service;

import io.aerie.codecs.model.AclList;
import io.aerie.engine.acl.AuthSchemes;

import java.util.ArrayList;
import java.util.List;

/**
 * The ACL matrix, shared by the Aerie service test and the ZooKeeper 3.9.5 comparison: every operation, each of
 * the five permissions granted alone or withheld (every other one granted), under each way of holding an
 * identity, with the answer ZooKeeper's rules give.
 * <p>
 * Each case runs on a fresh node {@code /cN} with a child {@code /cN/child}, both created with an open ACL by the
 * case's caller, who then sets the case's ACL on {@code /cN} (for {@link Scheme#AUTH}, through the {@code auth}
 * scheme) and runs the operation on it: create and delete act on a child, every other operation on the node.
 */
final class AclMatrix
{
    static final String BOB = AuthSchemes.generateDigest("bob:secret");
    static final String ALICE = AuthSchemes.generateDigest("alice:other");
    static final String SUPER_DIGEST = AuthSchemes.generateDigest("super:admin");
    /** The address every caller connects from in both targets: ZooKeeper's client on loopback. */
    static final String CALLER_ADDRESS = "127.0.0.1";
    static final int[] PERMISSIONS = { AclList.READ, AclList.WRITE, AclList.CREATE, AclList.DELETE, AclList.ADMIN };

    /** Operations, with the permissions of which one is needed on the node (0: none, as in ZooKeeper). */
    enum Operation
    {
        CREATE(AclList.CREATE),
        DELETE(AclList.DELETE),
        SET_DATA(AclList.WRITE),
        GET_DATA(AclList.READ),
        EXISTS(AclList.READ),
        GET_CHILDREN(AclList.READ),
        GET_ALL_CHILDREN_NUMBER(AclList.READ),
        GET_ACL(AclList.READ | AclList.ADMIN),
        SET_ACL(AclList.ADMIN),
        MULTI_CHECK(AclList.READ),
        MULTI_CREATE(AclList.CREATE),
        MULTI_DELETE(AclList.DELETE),
        MULTI_SET_DATA(AclList.WRITE),
        ADD_WATCH(0),
        SYNC(0),
        GET_EPHEMERALS(0);

        final int needs;

        Operation(final int needs)
        {
            this.needs = needs;
        }
    }

    /** How the caller relates to the node's ACL. */
    enum Scheme
    {
        /** world:anyone entries; the caller holds nothing. */
        WORLD("world", "anyone", null, false),
        /** digest:bob entries; the caller added bob's credentials. */
        DIGEST("digest", BOB, "bob:secret", false),
        /** digest:alice entries; the caller added bob's: no match. */
        DIGEST_OTHER("digest", ALICE, "bob:secret", false),
        /** ip entries of the caller's block (127.0.0.0/8); the caller's address identity matches. */
        IP("ip", "127.0.0.0/8", null, false),
        /** ip entries of another block; no match. */
        IP_OTHER("ip", "10.0.0.0/8", null, false),
        /** auth entries set by bob: stored as digest:bob, bob calls. */
        AUTH("auth", "", "bob:secret", false),
        /** digest:alice entries; the caller added the super user's credentials. */
        SUPER("digest", ALICE, "super:admin", true);

        final String aclScheme;
        final String aclId;
        final String credentials;
        final boolean isSuper;

        Scheme(final String aclScheme, final String aclId, final String credentials, final boolean isSuper)
        {
            this.aclScheme = aclScheme;
            this.aclId = aclId;
            this.credentials = credentials;
            this.isSuper = isSuper;
        }

        boolean matches()
        {
            return this != DIGEST_OTHER && this != IP_OTHER;
        }
    }

    /** One cell: operation, the permission in question, granted or withheld, scheme; and ZooKeeper's answer. */
    record Case(int index, Operation operation, int permission, boolean granted, Scheme scheme)
    {
        /** @return the permission bits of the node's ACL entry. */
        int aclPerms()
        {
            return granted ? permission : AclList.ALL & ~permission;
        }

        /** @return true if ZooKeeper's rules allow the operation. */
        boolean allowed()
        {
            return 0 == operation.needs || scheme.isSuper || (scheme.matches() && (aclPerms() & operation.needs) != 0);
        }

        String path()
        {
            return "/c" + index;
        }

        @Override
        public String toString()
        {
            return operation + " with " + (granted ? "only " : "all but ") + permission + " via " + scheme;
        }
    }

    private AclMatrix()
    {
    }

    /**
     * @return every case, numbered.
     */
    static List<Case> cases()
    {
        final List<Case> cases = new ArrayList<>();
        for (final Scheme scheme : Scheme.values())
        {
            for (final Operation operation : Operation.values())
            {
                for (final int permission : PERMISSIONS)
                {
                    cases.add(new Case(cases.size(), operation, permission, true, scheme));
                    cases.add(new Case(cases.size(), operation, permission, false, scheme));
                }
            }
        }
        return cases;
    }
}
