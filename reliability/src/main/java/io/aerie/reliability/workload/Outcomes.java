package io.aerie.reliability.workload;

import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import io.aerie.reliability.history.Outcome;

/**
 * Which errors mean an operation certainly did not happen.
 */
final class Outcomes
{
    private Outcomes()
    {
    }

    /**
     * @param ex what an operation threw.
     * @return FAIL for an answer from the cluster that refused it (bad version, no node, node exists), INFO for
     * anything that leaves its fate open (connection loss, timeouts, an expired session, a client failure).
     */
    static Outcome of(final Exception ex)
    {
        if (ex instanceof AerieException aerie)
        {
            final ResultCode code = aerie.code();
            if (ResultCode.BAD_VERSION == code || ResultCode.NO_NODE == code || ResultCode.NODE_EXISTS == code)
            {
                return Outcome.FAIL;
            }
        }
        return Outcome.INFO;
    }

    /**
     * @param ex what an operation threw.
     * @return a short note for the history.
     */
    static String note(final Exception ex)
    {
        if (ex instanceof AerieException aerie && null != aerie.code())
        {
            return ResultCode.BAD_VERSION == aerie.code() ? "bad-version" : aerie.code().name().toLowerCase();
        }
        return ex.getClass().getSimpleName();
    }
}
