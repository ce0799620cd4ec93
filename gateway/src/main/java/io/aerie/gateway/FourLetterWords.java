package io.aerie.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;

/**
 * ZooKeeper's four-letter words on the gateway's port, as a ZooKeeper server answers them when they are in its
 * {@code 4lw.commands.whitelist}: {@code ruok}, {@code srvr}, {@code stat}, {@code mntr}. Figures are the gateway's
 * (connections, packets, the highest zxid it has answered with), and for a gateway beside a node that node's role
 * ({@code Mode: leader|follower}, {@code standalone} in a one-member cluster) and znode count ({@link NodeFigures});
 * the rest of the tree's figures are read with {@code aerie admin mntr}. A word not enabled is answered as ZooKeeper
 * answers it; a node in an election, or a gateway whose Aeron client has closed, answers as not serving.
 */
final class FourLetterWords
{
    /** The ZooKeeper version the gateway speaks; clients see it in {@code srvr} and {@code mntr}. */
    static final String VERSION = "3.9.5-aerie-gateway";
    private static final Set<String> KNOWN = Set.of(
        "ruok", "srvr", "stat", "mntr", "conf", "cons", "crst", "dump", "envi", "gtmk", "isro", "srst", "stmk", "wchc",
        "wchp", "wchs", "dirs");

    private FourLetterWords()
    {
    }

    /**
     * @param words comma-separated words to answer ({@code ruok,srvr,stat,mntr}), {@code *} for all four.
     * @return the words, trimmed, blanks dropped.
     */
    static Set<String> parse(final String words)
    {
        if ("*".equals(words.trim()))
        {
            return Set.of("ruok", "srvr", "stat", "mntr");
        }
        final java.util.HashSet<String> set = new java.util.HashSet<>();
        for (final String word : words.split(","))
        {
            if (!word.isBlank())
            {
                set.add(word.trim());
            }
        }
        return Set.copyOf(set);
    }

    /**
     * @param firstInt the first four bytes of a connection, big-endian, as a packet length would be read.
     * @return the four-letter word they spell, or null if they are no known word (then they are a length).
     */
    static String wordOf(final int firstInt)
    {
        final byte[] bytes = {
            (byte)(firstInt >>> 24), (byte)(firstInt >>> 16), (byte)(firstInt >>> 8), (byte)firstInt };
        final String word = new String(bytes, StandardCharsets.US_ASCII);
        return KNOWN.contains(word) ? word : null;
    }

    /**
     * @param word     the word received.
     * @param enabled  the words this gateway answers.
     * @param counters the gateway's counters.
     * @param clients  remote addresses of the open connections, for {@code stat}.
     * @param node     what the gateway knows of the node beside it.
     * @return the answer, ZooKeeper's text for the word.
     */
    static String answer(
        final String word,
        final Set<String> enabled,
        final GatewayCounters counters,
        final Collection<String> clients,
        final NodeFigures node)
    {
        if (!enabled.contains(word))
        {
            return word + " is not executed because it is not in the whitelist.\n";
        }
        if (!node.isServing() && !"ruok".equals(word))
        {
            return notServing(word, enabled);
        }
        switch (word)
        {
            case "ruok":
                return "imok";
            case "srvr":
                return srvr(counters, node);
            case "stat":
                return stat(counters, clients, node);
            case "mntr":
                return mntr(counters, node);
            default:
                return word + " is not supported by the Aerie gateway.\n";
        }
    }

    /**
     * The answer of a gateway whose Aeron client has closed (its media driver went away): ZooKeeper's answer when it
     * is not serving, {@code ruok} unanswered.
     *
     * @param word    the word received.
     * @param enabled the words this gateway answers.
     * @return the answer, empty for {@code ruok}.
     */
    static String notServing(final String word, final Set<String> enabled)
    {
        if (!enabled.contains(word))
        {
            return word + " is not executed because it is not in the whitelist.\n";
        }
        return "ruok".equals(word) ? "" : "This ZooKeeper instance is not currently serving requests\n";
    }

    private static String srvr(final GatewayCounters counters, final NodeFigures node)
    {
        return "Zookeeper version: " + VERSION + "\n" +
            "Latency min/avg/max: 0/0.0/0\n" +
            "Received: " + counters.packetsReceived.get() + "\n" +
            "Sent: " + counters.packetsSent.get() + "\n" +
            "Connections: " + counters.connections.get() + "\n" +
            "Outstanding: " + counters.outstanding.get() + "\n" +
            "Zxid: 0x" + Long.toHexString(counters.lastZxid.get()) + "\n" +
            "Mode: " + node.mode() + "\n" +
            (node.znodes() >= 0 ? "Node count: " + node.znodes() + "\n" : "");
    }

    private static String stat(
        final GatewayCounters counters, final Collection<String> clients, final NodeFigures node)
    {
        final StringBuilder out = new StringBuilder("Zookeeper version: " + VERSION + "\nClients:\n");
        for (final String client : clients)
        {
            out.append(' ').append(client).append("[0](queued=0,recved=0,sent=0)\n");
        }
        out.append('\n');
        final String srvr = srvr(counters, node);
        return out.append(srvr.substring(srvr.indexOf('\n') + 1)).toString();
    }

    private static String mntr(final GatewayCounters counters, final NodeFigures node)
    {
        return "zk_version\t" + VERSION + "\n" +
            "zk_server_state\t" + node.mode() + "\n" +
            (node.znodes() >= 0 ? "zk_znode_count\t" + node.znodes() + "\n" : "") +
            "zk_packets_received\t" + counters.packetsReceived.get() + "\n" +
            "zk_packets_sent\t" + counters.packetsSent.get() + "\n" +
            "zk_num_alive_connections\t" + counters.connections.get() + "\n" +
            "zk_outstanding_requests\t" + counters.outstanding.get() + "\n" +
            "aerie_gateway_sessions_opened\t" + counters.sessionsOpened.get() + "\n" +
            "aerie_gateway_sessions_resumed\t" + counters.sessionsResumed.get() + "\n" +
            "aerie_gateway_protocol_errors\t" + counters.protocolErrors.get() + "\n" +
            "aerie_gateway_connects_refused\t" + counters.connectsRefused.get() + "\n";
    }
}
