package io.aerie.reliability.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Each node on its own host, as far as the network goes: a network namespace {@code aerie-jn-<i>} per node with a
 * veth pair ({@code aerie-jn-v<i>}) to the bridge {@code aerie-jn-br}, node i at {@code 10.77.0.<i+1>/24}, clients
 * in the root namespace at {@code 10.77.0.254}. Faults:
 * <ul>
 *   <li>Partitions, silent (the sender's {@code sendmsg} succeeds, the packet goes nowhere), both ways between the
 *   two sides, clients still reaching every node: with {@code nft} (and nf_tables in the kernel), a rule in each
 *   node's namespace that drops what arrives from the other side ({@code input} hook: dropping on {@code output}
 *   would fail the sender's {@code sendmsg} with EPERM, which a real partition does not); without it, a permanent
 *   neighbour entry for each peer on the other side with a MAC no interface has (a blackhole route would make
 *   Aeron's sends fail with EINVAL). Healing flushes the rules or deletes the entries.</li>
 *   <li>A slow, lossy link of one node: {@code tc netem} delay 40 ms ± 20 ms and 5 % loss where the kernel has
 *   netem; else a token bucket ({@code tbf} 2 Mbit/s) on its link, whose queue delays packets and overflow drops
 *   them, and, with {@code nft}, 5 % of what reaches it dropped at random.</li>
 * </ul>
 * Namespaces and links are created at {@link #create()} and removed by {@link #close()}; leftovers with these names
 * from an earlier run that died are removed first. Needs root and {@code ip}; one such run at a time per prefix and
 * subnet: runs side by side on one machine each take their own ({@value #PREFIX_PROP_NAME},
 * {@value #SUBNET_PROP_NAME}), or the second run's start removes the first one's namespaces.
 */
public final class NetworkNamespaces implements AutoCloseable
{
    /** System property naming the prefix of the namespaces and links, at most 12 characters (Linux link names). */
    public static final String PREFIX_PROP_NAME = "aerie.reliability.netns.prefix";
    /** System property naming the /24 subnet of the nodes and clients by its first three octets. */
    public static final String SUBNET_PROP_NAME = "aerie.reliability.netns.subnet";
    /** Prefix of every namespace and link this class makes. */
    public static final String PREFIX = prefix(System.getProperty(PREFIX_PROP_NAME, "aerie-jn-"));
    /** The bridge. */
    public static final String BRIDGE = PREFIX + "br";
    /** The nftables table made in each node's namespace. */
    static final String NFT_TABLE = "aerie_jn";
    /** The nodes' and clients' /24 subnet, by its first three octets. */
    public static final String SUBNET = subnet(System.getProperty(SUBNET_PROP_NAME, "10.77.0"));
    /** Address of the clients (the bridge, in the root namespace). */
    public static final String CLIENT_HOST = SUBNET + ".254";

    private static final String UNREACHABLE_MAC = "02:00:5e:00:77:fe";

    private final int nodes;
    private final Set<String> poisoned = new LinkedHashSet<>();
    private boolean hasNetem;
    private boolean hasNft;
    private final boolean[] isSlow;

    /**
     * @param nodes how many nodes (namespaces).
     */
    public NetworkNamespaces(final int nodes)
    {
        this.nodes = nodes;
        this.isSlow = new boolean[nodes];
    }

    /**
     * @return null if namespaces can be made here, else why not (not root, no {@code ip}...).
     */
    public static String unavailableReason()
    {
        final Shell.Result id = Shell.tryRun(List.of("id", "-u"));
        if (0 != id.status() || !"0".equals(id.output()))
        {
            return "network namespaces need root (id -u: " + id.output() + ")";
        }
        final Shell.Result ip = Shell.tryRun(List.of("ip", "netns", "list"));
        if (0 != ip.status())
        {
            return "'ip netns list' failed: " + ip.output();
        }
        return null;
    }

    /**
     * @param member a node.
     * @return the node's namespace.
     */
    public static String namespace(final int member)
    {
        return PREFIX + member;
    }

    /**
     * @param member a node.
     * @return the node's address.
     */
    public static String address(final int member)
    {
        return SUBNET + "." + (member + 1);
    }

    /**
     * Remove leftovers, then make the bridge, the namespaces and their links.
     *
     * @throws IllegalStateException if a command fails.
     */
    public void create()
    {
        removeLeftovers();
        Shell.run(List.of("ip", "link", "add", BRIDGE, "type", "bridge"));
        Shell.run(List.of("ip", "addr", "add", CLIENT_HOST + "/24", "dev", BRIDGE));
        Shell.run(List.of("ip", "link", "set", BRIDGE, "up"));
        for (int i = 0; i < nodes; i++)
        {
            final String ns = namespace(i);
            final String veth = PREFIX + "v" + i;
            Shell.run(List.of("ip", "netns", "add", ns));
            Shell.run(List.of("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns));
            Shell.run(List.of("ip", "link", "set", veth, "master", BRIDGE));
            Shell.run(List.of("ip", "link", "set", veth, "up"));
            Shell.run(inNamespace(i, "ip", "addr", "add", address(i) + "/24", "dev", "eth0"));
            Shell.run(inNamespace(i, "ip", "link", "set", "eth0", "up"));
            Shell.run(inNamespace(i, "ip", "link", "set", "lo", "up"));
        }
        final Shell.Result netem = Shell.tryRun(inNamespace(0, "tc", "qdisc", "add", "dev", "lo", "root", "netem",
            "delay", "1ms"));
        hasNetem = 0 == netem.status();
        if (hasNetem)
        {
            Shell.tryRun(inNamespace(0, "tc", "qdisc", "del", "dev", "lo", "root"));
        }
        hasNft = 0 == Shell.tryRun(inNamespace(0, "nft", "add", "table", "inet", NFT_TABLE)).status();
        for (int i = 0; i < nodes && hasNft; i++)
        {
            Shell.run(inNamespace(i, "nft", "add", "table", "inet", NFT_TABLE));
            Shell.run(inNamespace(i, "nft", "add", "chain", "inet", NFT_TABLE, "input",
                "{ type filter hook input priority 0; policy accept; }"));
        }
    }

    /**
     * @return how partitions are made here: {@code nft} drop rules, or neighbour entries without {@code nft}.
     */
    public String partitionKind()
    {
        return hasNft ? "nft drop on input" : "unreachable neighbour entries (no nft)";
    }

    /**
     * @param member  the node.
     * @param command a command.
     * @return the command, to run in the node's namespace.
     */
    public static List<String> inNamespace(final int member, final String... command)
    {
        final List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace(member)));
        wrapped.addAll(List.of(command));
        return wrapped;
    }

    /**
     * Cut every node of {@code side} off from every node not in it, both ways (clients still reach all).
     *
     * @param side the nodes on one side.
     */
    public synchronized void partition(final Set<Integer> side)
    {
        for (int a = 0; a < nodes; a++)
        {
            for (int b = 0; b < nodes; b++)
            {
                if (side.contains(a) != side.contains(b))
                {
                    if (hasNft)
                    {
                        Shell.run(inNamespace(a, "nft", "add", "rule", "inet", NFT_TABLE, "input", "ip", "saddr",
                            address(b), "drop"));
                    }
                    else
                    {
                        Shell.run(inNamespace(a, "ip", "neigh", "replace", address(b), "lladdr", UNREACHABLE_MAC,
                            "dev", "eth0", "nud", "permanent"));
                        poisoned.add(a + " " + b);
                    }
                }
            }
        }
    }

    /**
     * Make one node's link slow: delay and loss (netem) or a narrow token bucket (tbf).
     *
     * @param member the node.
     */
    public synchronized void slow(final int member)
    {
        if (hasNetem)
        {
            Shell.run(inNamespace(member, "tc", "qdisc", "replace", "dev", "eth0", "root", "netem", "delay", "40ms",
                "20ms", "loss", "5%"));
        }
        else
        {
            Shell.run(inNamespace(member, "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "2mbit",
                "burst", "16kb", "latency", "150ms"));
            if (hasNft)
            {
                Shell.run(inNamespace(member, "nft", "add", "rule", "inet", NFT_TABLE, "input", "ip", "saddr",
                    SUBNET + ".0/24", "numgen", "random", "mod", "100", "<", "5", "drop"));
            }
        }
        isSlow[member] = true;
    }

    /**
     * @return what {@link #slow(int)} does on this kernel.
     */
    public String slowLinkKind()
    {
        if (hasNetem)
        {
            return "netem delay 40ms±20ms loss 5%";
        }
        return "tbf rate 2mbit burst 16kb latency 150ms" + (hasNft ? " and nft loss 5% inbound" : "") +
            " (no netem here)";
    }

    /**
     * Undo every partition and slow link. Never throws.
     */
    public synchronized void heal()
    {
        for (final String pair : poisoned)
        {
            final String[] ab = pair.split(" ");
            Shell.tryRun(inNamespace(Integer.parseInt(ab[0]), "ip", "neigh", "del", address(Integer.parseInt(ab[1])),
                "dev", "eth0"));
        }
        poisoned.clear();
        for (int i = 0; i < nodes && hasNft; i++)
        {
            Shell.tryRun(inNamespace(i, "nft", "flush", "chain", "inet", NFT_TABLE, "input"));
        }
        for (int i = 0; i < nodes; i++)
        {
            if (isSlow[i])
            {
                Shell.tryRun(inNamespace(i, "tc", "qdisc", "del", "dev", "eth0", "root"));
                isSlow[i] = false;
            }
        }
    }

    /**
     * Remove the namespaces and links. Never throws.
     */
    @Override
    public void close()
    {
        removeLeftovers();
    }

    private static String prefix(final String prefix)
    {
        // Link names are at most 15 characters: the prefix, "v" and a member number, or "br".
        if (!prefix.matches("[a-z0-9-]{1,12}"))
        {
            throw new IllegalArgumentException(PREFIX_PROP_NAME + "=" + prefix + ": 1 to 12 of a-z, 0-9 and -");
        }
        return prefix;
    }

    private static String subnet(final String subnet)
    {
        if (!subnet.matches("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){2}"))
        {
            throw new IllegalArgumentException(SUBNET_PROP_NAME + "=" + subnet + ": three octets, e.g. 10.77.0");
        }
        return subnet;
    }

    private static void removeLeftovers()
    {
        final Shell.Result list = Shell.tryRun(List.of("ip", "netns", "list"));
        for (final String line : list.output().split("\n"))
        {
            final String name = line.trim().split(" ")[0];
            if (name.startsWith(PREFIX))
            {
                Shell.tryRun(List.of("ip", "netns", "del", name));
            }
        }
        final Shell.Result links = Shell.tryRun(List.of("ip", "-o", "link", "show"));
        for (final String line : links.output().split("\n"))
        {
            final String[] fields = line.split(": ");
            if (fields.length > 1 && fields[1].startsWith(PREFIX))
            {
                Shell.tryRun(List.of("ip", "link", "del", fields[1].split("@")[0]));
            }
        }
    }
}
