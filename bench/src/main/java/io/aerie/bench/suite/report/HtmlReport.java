package io.aerie.bench.suite.report;

import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteResults;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's latency percentile plots as one self-contained HTML page with inline SVG (no scripts): one chart
 * per workload, one line per target, drawn from the HdrHistogram percentile distributions. The x axis is the
 * percentile on HdrHistogram's usual scale (log of 1 / (1 - p): 90 %, 99 %, 99.9 % ... equally spaced), the
 * y axis the latency on a log scale.
 */
public final class HtmlReport
{
    private static final int WIDTH = 760;
    private static final int HEIGHT = 380;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;
    private static final double MAX_X = 6; // 99.9999 %
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf",
        "#bcbd22" };

    private HtmlReport()
    {
    }

    /**
     * @param results the run.
     * @return the HTML page.
     */
    public static String render(final SuiteResults results)
    {
        final List<String> columns = new ArrayList<>(results.targets().keySet());
        final StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Aerie benchmark suite ")
            .append(results.date()).append("</title>\n<style>body{font-family:sans-serif;margin:2em}")
            .append("svg{background:#fff;border:1px solid #ddd;margin:0.5em 0 2em}text{font-size:11px}")
            .append("</style></head><body>\n<h1>Aerie benchmark suite, ").append(results.date()).append(" (")
            .append(results.mode().name().toLowerCase()).append(")</h1>\n<p>")
            .append(escape(results.machine().get("cores") + " cores, " + results.machine().get("jdk")))
            .append(", ").append(results.roundCount())
            .append(" round(s). Latency by percentile over every round's samples, log scales; one line per target.</p>\n");
        for (final Map.Entry<String, String> workload : results.workloads().entrySet())
        {
            final List<Row> rows = new ArrayList<>();
            for (final Row row : results.rows())
            {
                if (row.workload().equals(workload.getKey()) && null != row.histogram() &&
                    row.histogram().getTotalCount() > 0)
                {
                    rows.add(row);
                }
            }
            if (!rows.isEmpty())
            {
                out.append("<h2>").append(escape(workload.getValue())).append("</h2>\n");
                chart(out, rows, columns);
            }
        }
        return out.append("</body></html>\n").toString();
    }

    private static void chart(final StringBuilder out, final List<Row> rows, final List<String> columns)
    {
        final Row.Kind kind = rows.get(0).kind();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (final Row row : rows)
        {
            min = Math.min(min, Math.max(1e-3, row.histogram().getMinNonZeroValue() / kind.nsPerUnit()));
            max = Math.max(max, row.histogram().getMaxValue() / kind.nsPerUnit());
        }
        final double yMin = Math.floor(Math.log10(min));
        final double yMax = Math.max(yMin + 1, Math.ceil(Math.log10(Math.max(max, min))));
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(HEIGHT).append("\">\n");
        axes(out, yMin, yMax, kind.percentileUnit());
        int legend = 0;
        for (final Row row : rows)
        {
            final int index = Math.max(0, columns.indexOf(row.column()));
            final String colour = COLOURS[index % COLOURS.length];
            out.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"");
            final Histogram histogram = row.histogram();
            // The last (100 %) point would sit at infinity: end the line at 1 - 1/N, the resolution of N samples.
            final double lastX = Math.min(MAX_X, Math.log10(Math.max(10, histogram.getTotalCount())));
            for (final HistogramIterationValue v : histogram.percentiles(5))
            {
                final double xv = Math.min(lastX, Math.log10(100.0 / Math.max(1e-9, 100.0 - v.getPercentileLevelIteratedTo())));
                final double value = histogram.highestEquivalentValue(v.getValueIteratedTo()) / kind.nsPerUnit();
                out.append(fmt(x(xv))).append(',').append(fmt(y(Math.log10(Math.max(value, min)), yMin, yMax))).append(' ');
            }
            out.append("\"/>\n");
            final int ly = TOP + 10 + legend * 18;
            out.append("<line x1=\"").append(WIDTH - RIGHT + 15).append("\" y1=\"").append(ly).append("\" x2=\"")
                .append(WIDTH - RIGHT + 40).append("\" y2=\"").append(ly).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"3\"/><text x=\"").append(WIDTH - RIGHT + 45).append("\" y=\"").append(ly + 4)
                .append("\">").append(escape(row.column() + " (p50 " + fmt(row.percentiles()[0]) + ")")).append("</text>\n");
            legend++;
        }
        out.append("</svg>\n");
    }

    private static void axes(final StringBuilder out, final double yMin, final double yMax, final String unit)
    {
        final int bottom = HEIGHT - BOTTOM;
        out.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
            .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\" stroke=\"#000\"/>\n");
        out.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
            .append("\" y2=\"").append(bottom).append("\" stroke=\"#000\"/>\n");
        final String[] xLabels = { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%" };
        for (int i = 0; i <= MAX_X; i++)
        {
            final String x = fmt(x(i));
            out.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP).append("\" x2=\"").append(x)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#eee\"/><text x=\"").append(x)
                .append("\" y=\"").append(bottom + 15).append("\" text-anchor=\"middle\">").append(xLabels[i])
                .append("</text>\n");
        }
        for (int e = (int)yMin; e <= (int)yMax; e++)
        {
            final String y = fmt(y(e, yMin, yMax));
            out.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(y).append("\" stroke=\"#eee\"/><text x=\"").append(LEFT - 5).append("\" y=\"")
                .append(y).append("\" text-anchor=\"end\">").append(fmt(Math.pow(10, e))).append(' ').append(unit)
                .append("</text>\n");
        }
        out.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 12)
            .append("\" text-anchor=\"middle\">percentile</text>\n");
    }

    private static double x(final double xv)
    {
        return LEFT + xv / MAX_X * (WIDTH - LEFT - RIGHT);
    }

    private static double y(final double logValue, final double yMin, final double yMax)
    {
        return HEIGHT - BOTTOM - (logValue - yMin) / (yMax - yMin) * (HEIGHT - BOTTOM - TOP);
    }

    private static String fmt(final double value)
    {
        if (value >= 100 || value == Math.rint(value))
        {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 1 ? "%.1f" : "%.3f", value);
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
