package io.aerie.bench.suite.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerie.bench.suite.MachineLoad;
import io.aerie.bench.suite.Row;
import io.aerie.bench.suite.SuiteResults;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run as JSON, with Jackson: date, mode, rounds, duration, machine, targets with their configurations, the
 * machine's load per target and round, notes, and every row (merged over the rounds) with its median value, each
 * round's value and p99, its percentiles over every sample (and whether the p99 rests on enough samples) and its
 * percentile distribution (percentile, value in the row's unit), which the plot is drawn from. Figures keep three
 * decimals at most; a figure that is not a number (none measured) is null.
 */
public final class JsonReport
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Indented, with {@code "name": value} as the earlier reports wrote it (Jackson's default is {@code " : "}). */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonReport()
    {
    }

    /**
     * @param results the run.
     * @return the JSON document, indented, ending with a newline.
     */
    public static String render(final SuiteResults results)
    {
        final ObjectNode root = NODES.objectNode();
        root.put("date", results.date());
        root.put("mode", results.mode().name().toLowerCase(Locale.ROOT));
        root.put("rounds", results.roundCount());
        root.put("durationMs", results.durationMs());
        final ObjectNode machine = root.putObject("machine");
        for (final Map.Entry<String, String> entry : results.machine().entrySet())
        {
            machine.put(entry.getKey(), entry.getValue());
        }
        final ArrayNode targets = root.putArray("targets");
        for (final SuiteResults.TargetInfo target : results.targets().values())
        {
            targets.addObject().put("column", target.column()).put("title", target.title()).put("name", target.name())
                .put("description", target.description());
        }
        final ArrayNode load = root.putArray("load");
        for (final MachineLoad.Round round : results.rounds())
        {
            final ObjectNode entry = load.addObject().put("round", round.round()).put("target", round.column());
            entry.set("loadAverageStart", number(round.loadAverageStart()));
            entry.set("loadAverageEnd", number(round.loadAverageEnd()));
            entry.set("othersCores", number(round.othersCores()));
            entry.set("seconds", number(round.seconds()));
            entry.put("busy", round.busy());
        }
        final ArrayNode notes = root.putArray("notes");
        results.notes().forEach(notes::add);
        final ArrayNode rows = root.putArray("rows");
        for (final Row row : results.rows())
        {
            rows.add(row(row));
        }
        try
        {
            return MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static ObjectNode row(final Row row)
    {
        final ObjectNode out = NODES.objectNode();
        out.put("workload", row.workload()).put("title", row.title()).put("target", row.column())
            .put("kind", row.kind().name()).put("unit", row.kind().unit());
        out.set("value", number(row.value()));
        out.put("samples", row.samples()).put("failed", row.failed());
        out.set("bytesPerOp", number(row.bytesPerOp()));
        out.put("p99Shown", row.p99Shown());
        out.set("roundValues", array(row.roundValues()));
        out.set("roundP99s", array(row.roundP99s()));
        if (row.percentiles().length > 0)
        {
            out.put("percentileUnit", row.kind().percentileUnit());
            final ObjectNode percentiles = out.putObject("percentiles");
            for (int i = 0; i < row.percentiles().length; i++)
            {
                percentiles.set(Row.PERCENTILE_LABELS[i], number(row.percentiles()[i]));
            }
        }
        if (null != row.histogram() && row.histogram().getTotalCount() > 0)
        {
            out.set("distribution", distribution(row.histogram(), row.kind().nsPerUnit()));
        }
        if (null != row.error())
        {
            out.put("error", row.error());
        }
        return out;
    }

    /**
     * The histogram's percentile distribution, 5 ticks per half distance (as HdrHistogram's output), as
     * [percentile, value] pairs.
     */
    private static ArrayNode distribution(final Histogram histogram, final double nsPerUnit)
    {
        final ArrayNode pairs = NODES.arrayNode();
        for (final HistogramIterationValue v : histogram.percentiles(5))
        {
            pairs.addArray().add(number(v.getPercentileLevelIteratedTo()))
                .add(number(histogram.highestEquivalentValue(v.getValueIteratedTo()) / nsPerUnit));
        }
        return pairs;
    }

    private static ArrayNode array(final double[] values)
    {
        final ArrayNode array = NODES.arrayNode();
        for (final double value : values)
        {
            array.add(number(value));
        }
        return array;
    }

    /**
     * @param value a figure.
     * @return null for NaN or infinite, a whole number as such, else the value to three decimals.
     */
    static JsonNode number(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return NODES.nullNode();
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return NODES.numberNode((long)value);
        }
        final BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        // A figure that rounds to a whole number is written as one, never in exponent form (1E+1).
        return rounded.scale() <= 0 ? NODES.numberNode(rounded.longValue()) : NODES.numberNode(rounded);
    }
}
