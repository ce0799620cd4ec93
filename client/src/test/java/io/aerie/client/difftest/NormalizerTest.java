package io.aerie.client.difftest;

import io.aerie.codecs.CreateMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The differential test's normalization and known-difference rules, without any server: zxids compared as
 * relations, sessions as labels, null data apart from empty, and rules that accept only the difference they name.
 */
class NormalizerTest
{
    private static final DiffOp GET_DATA = DiffOp.read(DiffOp.Kind.GET_DATA, 0, "/r/a");

    @Test
    void shouldMapZxidsToOrderOfFirstAppearance()
    {
        final ZxidOrder order = new ZxidOrder();

        assertEquals(1, order.ordinal(900));
        assertEquals(2, order.ordinal(17));
        assertEquals(1, order.ordinal(900));
        assertEquals(0, order.ordinal(0));
        assertEquals(3, order.ordinal(5));
    }

    @Test
    void shouldForgetZxidsRegisteredAfterMark()
    {
        final ZxidOrder order = new ZxidOrder();
        order.ordinal(10);
        final int mark = order.mark();
        order.ordinal(20);

        order.rollback(mark);

        assertEquals(2, order.ordinal(30));
        assertEquals(1, order.ordinal(10));
    }

    @Test
    void shouldCompareStatsWithDifferentRawZxidsButSameRelations()
    {
        final Normalizer zooKeeper = new Normalizer();
        final Normalizer aerie = new Normalizer();

        final Result zkCreated = zooKeeper.normalize(DiffOp.Kind.CREATE, created(stat(40, 40, 40, 0, 0)));
        final Result aeCreated = aerie.normalize(DiffOp.Kind.CREATE, created(stat(3, 3, 3, 0, 0)));
        final Result zkChanged = zooKeeper.normalize(DiffOp.Kind.SET_DATA, Outcome.stat(stat(40, 47, 40, 0, 0)));
        final Result aeChanged = aerie.normalize(DiffOp.Kind.SET_DATA, Outcome.stat(stat(3, 4, 3, 0, 0)));

        assertEquals(zkCreated, aeCreated);
        assertEquals(zkChanged, aeChanged);
        assertEquals(1, aeChanged.stat().czxid());
        assertEquals(2, aeChanged.stat().mzxid());
    }

    @Test
    void shouldTellWhenOneSystemReusesZxidAndOtherDoesNot()
    {
        final Normalizer zooKeeper = new Normalizer();
        final Normalizer aerie = new Normalizer();

        final Result zk = zooKeeper.normalize(DiffOp.Kind.SET_DATA, Outcome.stat(stat(40, 41, 40, 0, 0)));
        final Result ae = aerie.normalize(DiffOp.Kind.SET_DATA, Outcome.stat(stat(3, 3, 3, 0, 0)));

        assertNotEquals(zk, ae);
    }

    @Test
    void shouldRelateZxidsWithinOneAnswerOnlyWithOwnZxids()
    {
        final Normalizer normalizer = new Normalizer();
        normalizer.session(5, "s0g0");
        normalizer.normalize(DiffOp.Kind.SET_DATA, Outcome.stat(stat(40, 41, 40, 0, 0)));

        final Normalizer own = normalizer.withOwnZxids();
        final Result.NStat stat = own.stat(stat(41, 42, 41, 0, 0));

        assertEquals(1, stat.czxid());
        assertEquals(2, stat.mzxid());
        assertEquals("s0g0", own.owner(5));
    }

    @Test
    void shouldLabelSessionsAndShowOtherOwnersRaw()
    {
        final Normalizer normalizer = new Normalizer();
        normalizer.session(0x1234L, "s0g0");

        assertEquals("s0g0", normalizer.owner(0x1234L));
        assertEquals("0", normalizer.owner(0));
        assertEquals("raw:0x8000000000000000", normalizer.owner(Long.MIN_VALUE));
    }

    @Test
    void shouldKeepNullDataApartFromEmptyData()
    {
        final Normalizer normalizer = new Normalizer();

        final Result nullData = normalizer.normalize(DiffOp.Kind.GET_DATA, readData(null));
        final Result emptyData = normalizer.normalize(DiffOp.Kind.GET_DATA, readData(new byte[0]));
        final Result noData = normalizer.normalize(DiffOp.Kind.SET_DATA, Outcome.stat(stat(1, 1, 1, 0, 0)));

        assertEquals("null", nullData.data());
        assertEquals("empty", emptyData.data());
        assertNull(noData.data());
        assertNotEquals(normalizer.normalize(DiffOp.Kind.GET_DATA, readData(new byte[] { 1 })).data(),
            normalizer.normalize(DiffOp.Kind.GET_DATA, readData(new byte[] { 2 })).data());
    }

    @Test
    void shouldNameCodesAsAerieResultCodes()
    {
        assertEquals("NO_NODE", Normalizer.codeName(-101));
        assertEquals("RUNTIME_INCONSISTENCY", Normalizer.codeName(-2));
        assertEquals("CLIENT_REJECTED", Normalizer.codeName(Outcome.CLIENT_REJECTED));
        assertEquals("CODE(-9999)", Normalizer.codeName(-9999));
    }

    @Test
    void shouldReconcileInvalidPathOnlyWhereZooKeeperClientRefused()
    {
        final Normalizer normalizer = new Normalizer();
        final Result refused = normalizer.normalize(DiffOp.Kind.GET_DATA,
            Outcome.error(Outcome.CLIENT_REJECTED, "IllegalArgumentException"));
        final Result invalid = normalizer.normalize(DiffOp.Kind.GET_DATA, Outcome.error(-200, "AerieException"));
        final Result noNode = normalizer.normalize(DiffOp.Kind.GET_DATA, Outcome.error(-101, "NoNodeException"));

        assertEquals(refused, KnownDifference.CLIENT_VALIDATION_ANSWERED_NOT_THROWN.reconcile(GET_DATA, refused, invalid));
        assertSame(invalid, KnownDifference.CLIENT_VALIDATION_ANSWERED_NOT_THROWN.reconcile(GET_DATA, noNode, invalid));
    }

    @Test
    void shouldReconcileChrootStrippedOnlyFromSiblingOfChroot()
    {
        final Normalizer normalizer = new Normalizer();
        final DiffOp create = DiffOp.create(0, "/", null, CreateMode.PERSISTENT_SEQUENTIAL, -1, false);
        final Result zk = normalizer.normalize(DiffOp.Kind.CREATE, created("0000000001"));
        final Result sibling = normalizer.normalize(DiffOp.Kind.CREATE, created("/app0000000001"));
        final Result elsewhere = normalizer.normalize(DiffOp.Kind.CREATE, created("/other/1"));

        assertEquals(zk, KnownDifference.CHROOT_STRIPPED_AS_STRING_PREFIX.reconcile(create, zk, sibling));
        assertSame(elsewhere, KnownDifference.CHROOT_STRIPPED_AS_STRING_PREFIX.reconcile(create, zk, elsewhere));
    }

    @Test
    void shouldReconcileInvalidTtlOnlyWhereRefusedWhole()
    {
        final Normalizer normalizer = new Normalizer();
        final DiffOp badTtl = DiffOp.create(0, "/r/t", null, CreateMode.PERSISTENT_WITH_TTL, -1, false).withTtlForMode(0);
        final DiffOp goodTtl = DiffOp.create(0, "/r/t", null, CreateMode.PERSISTENT_WITH_TTL, -1, false)
            .withTtlForMode(1000);
        final DiffOp multi = DiffOp.multi(0, List.of(DiffOp.check(0, "/r", -1), badTtl));
        final Result refused = normalizer.normalize(DiffOp.Kind.CREATE,
            Outcome.error(Outcome.CLIENT_REJECTED, "IllegalArgumentException"));
        final Result badArguments = normalizer.normalize(DiffOp.Kind.CREATE, Outcome.error(-8, "BadArgumentsException"));
        final Result multiFailed = normalizer.normalize(DiffOp.Kind.MULTI, Outcome.error(-101, "NoNodeException"));
        final Result multiOk = normalizer.normalize(DiffOp.Kind.MULTI, Outcome.ok());
        final KnownDifference rule = KnownDifference.CLIENT_VALIDATION_ANSWERED_NOT_THROWN;

        assertEquals(refused, rule.reconcile(badTtl, refused, badArguments));
        assertSame(badArguments, rule.reconcile(goodTtl, refused, badArguments));
        assertEquals(refused, rule.reconcile(multi, refused, multiFailed));
        assertSame(multiOk, rule.reconcile(multi, refused, multiOk));
    }

    private static RawStat stat(final long czxid, final long mzxid, final long pzxid, final int cversion, final int numChildren)
    {
        return new RawStat(czxid, mzxid, pzxid, 1000, 1000, 0, cversion, 0, 0, 0, numChildren);
    }

    private static Outcome created(final RawStat stat)
    {
        return new Outcome(0, "/r/a", null, null, stat, -1, null, null);
    }

    private static Outcome created(final String path)
    {
        return new Outcome(0, path, null, null, null, -1, null, null);
    }

    private static Outcome readData(final byte[] data)
    {
        return new Outcome(0, null, data, null, stat(1, 1, 1, 0, 0), -1, null, null);
    }
}
