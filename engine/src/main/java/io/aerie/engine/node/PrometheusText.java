package io.aerie.engine.node;

/**
 * The Prometheus text exposition format (version 0.0.4) of the node's metrics: per metric a HELP line, a TYPE line
 * and one sample labelled with the member id. Any thread; appends to the caller's builder.
 */
final class PrometheusText
{
    private PrometheusText()
    {
    }

    /**
     * Append one metric: HELP, TYPE and a sample labelled with the member id.
     *
     * @param out      where the text goes; not null.
     * @param name     metric name, {@code _total} included for a counter.
     * @param type     {@code counter} or {@code gauge}.
     * @param help     one line of description.
     * @param value    the sample.
     * @param memberId the {@code member} label.
     */
    static void appendSample(
        final StringBuilder out,
        final String name,
        final String type,
        final String help,
        final long value,
        final int memberId)
    {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append("{member=\"").append(memberId).append("\"} ").append(value).append('\n');
    }
}
