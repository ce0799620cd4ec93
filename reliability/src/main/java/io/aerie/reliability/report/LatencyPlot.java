package io.aerie.reliability.report;

import io.aerie.reliability.history.Op;
import io.aerie.reliability.history.Outcome;
import io.aerie.reliability.nemesis.Fault;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG: each operation a dot at (completion time, latency, log scale), green OK, grey FAIL, red
 * INFO; each fault a shaded band from injection to healing, labelled with its kind. No scripts, no libraries.
 */
public final class LatencyPlot
{
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 500;
    private static final int LEFT = 60;
    private static final int TOP = 20;
    private static final int PLOT_W = WIDTH - LEFT - 20;
    private static final int PLOT_H = HEIGHT - TOP - 60;
    private static final double MIN_MS = 0.1;
    private static final double MAX_MS = 100_000;
    private static final int MAX_DOTS = 60_000;

    private LatencyPlot()
    {
    }

    /**
     * @param title   the title.
     * @param startNs the run's start (x = 0).
     * @param endNs   the run's end.
     * @param ops     the operations (thinned evenly past a limit).
     * @param faults  the faults.
     * @return the SVG document.
     */
    public static String svg(
        final String title, final long startNs, final long endNs, final List<Op> ops, final List<Fault> faults)
    {
        final StringBuilder out = new StringBuilder(1 << 20);
        out.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(WIDTH).append("' height='").append(HEIGHT)
            .append("' font-family='sans-serif' font-size='11'>\n<rect width='100%' height='100%' fill='white'/>\n")
            .append("<text x='").append(LEFT).append("' y='14' font-size='13'>").append(escape(title)).append("</text>\n");
        final double spanNs = Math.max(1, endNs - startNs);
        for (final Fault fault : faults)
        {
            final double x0 = x(fault.startNs(), startNs, spanNs);
            final double x1 = Math.max(x0 + 1, x(fault.healNs(), startNs, spanNs));
            out.append(String.format(Locale.ROOT,
                "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='#f4c542' fill-opacity='0.35'/>" +
                "<text x='%.1f' y='%d' font-size='9' transform='rotate(-90 %.1f %d)'>%s</text>\n",
                x0, TOP, x1 - x0, PLOT_H, x0 + 8, TOP + PLOT_H - 4, x0 + 8, TOP + PLOT_H - 4, fault.kind().label()));
        }
        axes(out, spanNs);
        final int step = Math.max(1, ops.size() / MAX_DOTS);
        for (int i = 0; i < ops.size(); i += step)
        {
            final Op op = ops.get(i);
            final String colour = Outcome.OK == op.outcome() ? "#2a9d3a" : Outcome.FAIL == op.outcome() ? "#888" : "#d62828";
            out.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='1.2' fill='%s'/>\n",
                x(op.completeNs(), startNs, spanNs), y(op.latencyNs() / 1e6), colour));
        }
        return out.append("</svg>\n").toString();
    }

    private static void axes(final StringBuilder out, final double spanNs)
    {
        out.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#333'/>\n",
            LEFT, TOP, PLOT_W, PLOT_H));
        for (double ms = MIN_MS; ms <= MAX_MS; ms *= 10)
        {
            final double y = y(ms);
            out.append(String.format(Locale.ROOT,
                "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/><text x='4' y='%.1f'>%s ms</text>\n",
                LEFT, y, LEFT + PLOT_W, y, y + 4, ms < 1 ? String.format(Locale.ROOT, "%.1f", ms) : Long.toString((long)ms)));
        }
        final double seconds = spanNs / 1e9;
        final double tick = seconds > 600 ? 60 : seconds > 120 ? 30 : seconds > 30 ? 10 : 5;
        for (double s = 0; s <= seconds; s += tick)
        {
            final double x = LEFT + s / seconds * PLOT_W;
            out.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d'>%ds</text>\n", x - 8, TOP + PLOT_H + 16, (long)s));
        }
        out.append(String.format(Locale.ROOT,
            "<text x='%d' y='%d'>completion time; latency (log); green ok, grey fail, red indeterminate; " +
            "bands: faults, injection to heal</text>\n", LEFT, TOP + PLOT_H + 40));
    }

    private static double x(final long ns, final long startNs, final double spanNs)
    {
        return LEFT + Math.max(0, Math.min(1, (ns - startNs) / spanNs)) * PLOT_W;
    }

    private static double y(final double ms)
    {
        final double clamped = Math.max(MIN_MS, Math.min(MAX_MS, ms));
        final double f = (Math.log10(clamped) - Math.log10(MIN_MS)) / (Math.log10(MAX_MS) - Math.log10(MIN_MS));
        return TOP + PLOT_H - f * PLOT_H;
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
