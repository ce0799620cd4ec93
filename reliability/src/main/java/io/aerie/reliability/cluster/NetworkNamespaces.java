package io.aerie.reliability.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Each node on its own host, as far as the network goes: a network namespace {@code aerie-j-<i>} per node with a
 * veth pair to the bridge {@code aerie-jbr0}, node i at {@code 10.77.0.<i+1>/24}, clients in the root namespace at
 * {@code 10.77.0.254}. Faults:
 * <ul>
 *   <li>Partitions, per direction and silent (the sender's {@code sendmsg} succeeds, the packet goes nowhere): a
 *   permanent neighbour entry for the peer's address with a MAC no interface has. Healing deletes it and ARP
 *   resolves the real one again. (This kernel has no {@code nft}, {@code iptables} or tc drop actions; a
 *   blackhole route would make Aeron's sends fail with EINVAL instead of losing the packets.)</li>
 *   <li>A slow link: {@code tc netem} delay and loss where the kernel has netem, else a token bucket
 *   ({@code tbf}) so narrow that queueing delays packets and overflow drops them.</li>
 * </ul>
 * Namespaces and links are created at {@link #create()} and removed by {@link #close()}; leftovers with these names
 * from an earlier run that died are removed first. Needs root and {@code ip}; one such run at a time per machine.
 */
public final class NetworkNamespaces implements AutoCloseable
{
    /** Prefix of every namespace and link this class makes. */
    public static final String PREFIX = "aerie-j";
    /** The bridge. */
    public static final String BRIDGE = "aerie-jbr0";
    /** Address of the clients (the bridge, in the root namespace). */
    public static final String CLIENT_HOST = "10.77.0.254";

    private static final String UNREACHABLE_MAC = "02:00:5e:00:77:fe";

    private final int nodes;
    private final Set<String> poisoned = new LinkedHashSet<>();
    private boolean hasNetem;
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
        return PREFIX + "-" + member;
    }

    /**
     * @param member a node.
     * @return the node's address.
     */
    public static String address(final int member)
    {
        return "10.77.0." + (member + 1);
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
                    Shell.run(inNamespace(a, "ip", "neigh", "replace", address(b), "lladdr", UNREACHABLE_MAC, "dev",
                        "eth0", "nud", "permanent"));
                    poisoned.add(a + " " + b);
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
        }
        isSlow[member] = true;
    }

    /**
     * @return what {@link #slow(int)} does on this kernel.
     */
    public String slowLinkKind()
    {
        return hasNetem ? "netem delay 40ms±20ms loss 5%" : "tbf rate 2mbit burst 16kb latency 150ms (no netem here)";
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

    private static void removeLeftovers()
    {
        final Shell.Result list = Shell.tryRun(List.of("ip", "netns", "list"));
        for (final String line : list.output().split("\n"))
        {
            final String name = line.trim().split(" ")[0];
            if (name.startsWith(PREFIX + "-"))
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
