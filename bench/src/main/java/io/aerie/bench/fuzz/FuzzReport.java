package io.aerie.bench.fuzz;

import io.aerie.codecs.ResultCode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a fuzz run sent, what came of it, and the oracles' verdicts; {@link #failures()} is empty when every oracle
 * held. Printed by the long run and attached to a failing test, with the command that replays the run.
 */
final class FuzzReport
{
    final long seed;
    final long frames;
    final Map<FrameMutator.Kind, long[]> kinds = new EnumMap<>(FrameMutator.Kind.class);
    final List<String> failures = new ArrayList<>();
    long rawSent;
    long rawSkippedProbe;
    long rawSkippedEscape;
    long paddedByGuard;
    long requestSent;
    long requestSkippedEscape;
    long requestTooLong;
    long[] answersByCode = new long[0];
    long answers;
    long watchEvents;
    long sessionEvents;
    long foreignMessages;
    long reconnects;
    long stalls;
    long victimAnswers;
    long victimStalls;
    long refusedConnects;
    long probes;
    long guardReports;
    long warnings;
    long responseChannelsRefused;
    long unexpectedErrors;
    long nodeErrorsBefore;
    long nodeErrorsAfter;
    long sandboxNodes;
    long outsideDigestBefore;
    long outsideDigestAfter;
    long elapsedMs;
    String nodeState = "";
    Throwable stopped;

    FuzzReport(final long seed, final long frames)
    {
        this.seed = seed;
        this.frames = frames;
        for (final FrameMutator.Kind kind : FrameMutator.Kind.values())
        {
            kinds.put(kind, new long[2]);
        }
    }

    void count(final FrameMutator.Kind kind, final boolean raw)
    {
        kinds.get(kind)[raw ? 0 : 1]++;
    }

    /**
     * @return the oracles that failed, empty if none.
     */
    List<String> failures()
    {
        return failures;
    }

    /**
     * @return the command that replays this run.
     */
    String replay()
    {
        return "bench/bin/fuzz --seed " + seed + " --frames " + frames;
    }

    public String toString()
    {
        final StringBuilder out = new StringBuilder(2048);
        out.append(String.format("aerie ingress fuzz: seed %d, %d frames in %.1f s (%.0f frames/s)%n",
            seed, frames, elapsedMs / 1000.0, frames * 1000.0 / Math.max(1, elapsedMs)));
        out.append(String.format("  raw ingress layer: %d sent; padded by the node's guard %d; the other %d reached " +
            "Aeron's consensus module (ignored or rejected there, or forged session messages passed on); skipped: " +
            "%d naming the probe's session, %d writes escaping the sandbox%n",
            rawSent, paddedByGuard, Math.max(0, rawSent - paddedByGuard), rawSkippedProbe, rawSkippedEscape));
        out.append(String.format("  request layer: %d sent in a valid session; skipped: %d writes escaping the " +
            "sandbox, %d longer than a message; %d fresh sessions (%d after the connection stopped answering: " +
            "closed by a forged close)%n", requestSent, requestSkippedEscape, requestTooLong, reconnects, stalls));
        out.append("  mutations (raw/request):");
        for (final Map.Entry<FrameMutator.Kind, long[]> entry : kinds.entrySet())
        {
            out.append(' ').append(entry.getKey()).append(' ').append(entry.getValue()[0]).append('/')
                .append(entry.getValue()[1]);
        }
        out.append(String.format("%n  answers %d (to the fuzz session, forged ones included):", answers));
        for (int i = 0; i < answersByCode.length; i++)
        {
            if (answersByCode[i] > 0)
            {
                out.append(' ').append(codeName(i - answersByCode.length / 2)).append(' ').append(answersByCode[i]);
            }
        }
        out.append(String.format("%n  also: %d watch events, %d session events, %d foreign messages; the victim " +
            "session had %d answers (to its keepalives, and to any forged request applied as its own) and was closed by " +
            "forged frames %d times; %d connects of the fuzzer refused by the node (session limit) or timed out%n",
            watchEvents, sessionEvents, foreignMessages, victimAnswers, victimStalls, refusedConnects));
        out.append(String.format("  probe: %d create/get/set/get/delete round trips%n", probes));
        out.append(String.format("  node: %s; errors %d -> %d (guard reports %d, response channels Aeron refused %d, " +
            "Aeron warnings %d, unexpected %d)%n", nodeState, nodeErrorsBefore, nodeErrorsAfter, guardReports,
            responseChannelsRefused, warnings, unexpectedErrors));
        out.append(String.format("  digest outside the sandbox: before %016x after %016x (%s); sandbox %d nodes%n",
            outsideDigestBefore, outsideDigestAfter,
            outsideDigestBefore == outsideDigestAfter ? "unchanged" : "CHANGED", sandboxNodes));
        out.append(failures.isEmpty() ? "  oracles: all held" : "  ORACLES FAILED: " + failures).append('\n');
        out.append("  replay: ").append(replay()).append('\n');
        return out.toString();
    }

    private static String codeName(final int code)
    {
        for (final ResultCode value : ResultCode.values())
        {
            if (value.value() == code)
            {
                return value.name();
            }
        }
        return Integer.toString(code);
    }
}
