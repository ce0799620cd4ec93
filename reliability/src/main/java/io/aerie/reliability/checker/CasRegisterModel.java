package io.aerie.reliability.checker;

import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;

/**
 * A znode used as a register with versions: its state is (value, version), packed in a long (value high, version
 * low). Operations, as the register workload records them:
 * <ul>
 *   <li>{@code read}: OK with {@code r0} = value, {@code r1} = version.</li>
 *   <li>{@code write} (setData, version -1): {@code a} = value; OK with {@code r1} = the new version, or -1.</li>
 *   <li>{@code cas} (setData with an expected version): {@code a} = expected version, {@code b} = value; OK with
 *   {@code r1} = the new version; FAIL when the version did not match (BadVersion).</li>
 * </ul>
 * An indeterminate write or cas applies if linearized (a cas only if the version matches): placed after every
 * other operation, that is the same as never having happened.
 */
final class CasRegisterModel
{
    /** {@link #step} result: the operation cannot happen in that state. */
    static final long ILLEGAL = Long.MIN_VALUE;

    private CasRegisterModel()
    {
    }

    /**
     * @return the state of a register created with value 0: (0, 0).
     */
    static long initial()
    {
        return state(0, 0);
    }

    static long state(final long value, final int version)
    {
        return (value << 32) | (version & 0xFFFF_FFFFL);
    }

    static long value(final long state)
    {
        return state >> 32;
    }

    static int version(final long state)
    {
        return (int)state;
    }

    /**
     * @return true if the checker must consider the operation: reads that did not complete and operations that
     * certainly did not happen (other than a cas refused for its version, which observed the version) say nothing.
     */
    static boolean isRelevant(final Op op)
    {
        return switch (op.f())
        {
            case "read" -> Outcome.OK == op.outcome();
            case "write" -> Outcome.FAIL != op.outcome();
            case "cas" -> Outcome.FAIL != op.outcome() || "bad-version".equals(op.note());
            default -> false;
        };
    }

    /**
     * @param state the state before.
     * @param op    a relevant operation.
     * @return the state after, or {@link #ILLEGAL}.
     */
    static long step(final long state, final Op op)
    {
        final int version = version(state);
        switch (op.f())
        {
            case "read":
                return value(state) == op.r0() && version == op.r1() ? state : ILLEGAL;

            case "write":
                return Outcome.OK == op.outcome() && op.r1() >= 0 && op.r1() != version + 1 ?
                    ILLEGAL : state(op.a(), version + 1);

            case "cas":
                final boolean matches = version == op.a();
                if (Outcome.INFO == op.outcome())
                {
                    return matches ? state(op.b(), version + 1) : state;
                }
                if (Outcome.FAIL == op.outcome())
                {
                    return matches ? ILLEGAL : state;
                }
                return matches && (op.r1() < 0 || op.r1() == version + 1) ? state(op.b(), version + 1) : ILLEGAL;

            default:
                return ILLEGAL;
        }
    }
}
