package io.aerie.engine.node;

import io.aeron.cluster.ClusterMember;
import io.aeron.exceptions.ConfigurationException;

import java.util.HashSet;
import java.util.Set;

import static io.aerie.engine.node.NodeTransport.Configuration.ARCHIVE_PORT_OFFSET;
import static io.aerie.engine.node.NodeTransport.Configuration.CONSENSUS_PORT_OFFSET;
import static io.aerie.engine.node.NodeTransport.Configuration.INGRESS_PORT_OFFSET;
import static io.aerie.engine.node.NodeTransport.Configuration.LOG_PORT_OFFSET;
import static io.aerie.engine.node.NodeTransport.Configuration.PORTS_PER_MEMBER;

/**
 * The cluster member string of Aeron Cluster
 * ({@code id,ingress,consensus,log,catchup,archive|id,...}): derived from a host list and a port base,
 * parsed and checked, and turned into the ingress endpoints a client needs.
 */
final class ClusterMembers
{
    private ClusterMembers()
    {
    }

    /**
     * Members from a comma-separated host list, member i on {@code portBase + 100·i + 0..5}.
     *
     * @throws ConfigurationException if the list is empty or the ports fall outside 1..65535.
     */
    static String fromHostList(final String clusterHosts, final int portBase)
    {
        final String[] hosts = null == clusterHosts ? new String[0] : clusterHosts.trim().split("\\s*,\\s*");
        if (0 == hosts.length || hosts[0].isEmpty())
        {
            throw new ConfigurationException("neither clusterMembers nor clusterHosts is set");
        }
        final int lastPort = portBase + (hosts.length - 1) * NodeTransport.Configuration.PORTS_PER_MEMBER +
            NodeTransport.Configuration.REPLICATION_PORT_OFFSET;
        if (portBase < 1 || lastPort > 65535)
        {
            throw new ConfigurationException(
                "portBase=" + portBase + " gives ports outside 1..65535 for " + hosts.length + " members");
        }
        return fromHosts(hosts, portBase);
    }

    /**
     * Derive the member string: member {@code i} runs on {@code hosts[i]} with ports
     * {@code portBase + i * 100 + offset}, except its catch-up endpoint, {@code host:0}: the follower's subscription
     * binds a port the system assigns at each catch-up and tells the leader which (Aeron's own test clusters do the
     * same). A fixed catch-up port made a follower whose first catch-up timed out (a loaded machine, a heal after a
     * partition) meet its previous one: the leader's new replay to the same endpoint, with the same session id (the
     * log's), was refused while the stopped replay's publication still lingered in the leader's driver ("existing
     * publication has clashing sessionId ... alias=catchup-followerId-N"), and the stopped replay's stream could
     * reach the new subscription at the same port; each round cost an election.
     *
     * @param hosts    one host per member, member id = index.
     * @param portBase port of member 0's ingress.
     * @return the Aeron cluster members string.
     */
    static String fromHosts(final String[] hosts, final int portBase)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hosts.length; i++)
        {
            final String host = hosts[i];
            final int memberBase = portBase + i * PORTS_PER_MEMBER;
            if (i > 0)
            {
                sb.append('|');
            }
            sb.append(i)
                .append(',').append(host).append(':').append(memberBase + INGRESS_PORT_OFFSET)
                .append(',').append(host).append(':').append(memberBase + CONSENSUS_PORT_OFFSET)
                .append(',').append(host).append(':').append(memberBase + LOG_PORT_OFFSET)
                .append(',').append(host).append(":0")
                .append(',').append(host).append(':').append(memberBase + ARCHIVE_PORT_OFFSET);
        }

        return sb.toString();
    }

    /**
     * Parse and check a member string.
     *
     * @param members the Aeron cluster members string.
     * @return the parsed members.
     * @throws ConfigurationException if it does not parse or has duplicate ids or endpoints.
     */
    static ClusterMember[] parse(final String members)
    {
        final ClusterMember[] parsed;
        try
        {
            parsed = ClusterMember.parse(members);
        }
        catch (final RuntimeException ex)
        {
            throw new ConfigurationException("invalid cluster members '" + members + "': " + ex.getMessage());
        }

        if (0 == parsed.length)
        {
            throw new ConfigurationException("cluster members is empty");
        }

        final Set<Integer> ids = new HashSet<>();
        final Set<String> endpoints = new HashSet<>();
        for (final ClusterMember member : parsed)
        {
            if (!ids.add(member.id()))
            {
                throw new ConfigurationException("duplicate member id " + member.id() + " in '" + members + "'");
            }

            for (final String endpoint : fixedEndpoints(member))
            {
                // Port 0 (system assigned, as Aeron suggests for catchup) may repeat.
                if (0 != port(endpoint) && !endpoints.add(endpoint))
                {
                    throw new ConfigurationException("endpoint " + endpoint + " used twice in '" + members + "'");
                }
            }
        }

        for (final ClusterMember member : parsed)
        {
            final String replication = replicationEndpoint(member);
            if (endpoints.contains(replication))
            {
                throw new ConfigurationException(
                    "replication endpoint " + replication + " of member " + member.id() +
                    " (archive port + 1) collides with a member endpoint in '" + members + "'");
            }
        }

        return parsed;
    }

    /**
     * The member with the id.
     *
     * @param members  parsed members.
     * @param memberId to find.
     * @return the member.
     * @throws ConfigurationException if no member has the id.
     */
    static ClusterMember find(final ClusterMember[] members, final int memberId)
    {
        for (final ClusterMember member : members)
        {
            if (member.id() == memberId)
            {
                return member;
            }
        }

        throw new ConfigurationException("member id " + memberId + " is not in the cluster members");
    }

    /**
     * The ingress endpoints for {@code AeronCluster.Context.ingressEndpoints}: {@code id=host:port,...}.
     *
     * @param members parsed members.
     * @return the endpoints string.
     */
    static String ingressEndpoints(final ClusterMember[] members)
    {
        final StringBuilder sb = new StringBuilder();
        for (final ClusterMember member : members)
        {
            if (sb.length() > 0)
            {
                sb.append(',');
            }
            sb.append(member.id()).append('=').append(member.ingressEndpoint());
        }

        return sb.toString();
    }

    /**
     * The endpoint on which this member's archive receives replicated recordings: its archive host, on the
     * archive port + 1 (offset 5 in the port layout derived from a port base).
     *
     * @param member the member.
     * @return {@code host:port}.
     */
    static String replicationEndpoint(final ClusterMember member)
    {
        final String archive = member.archiveEndpoint();
        return host(archive) + ':' + (port(archive) + 1);
    }

    /**
     * The host part of {@code host:port} ({@code [v6]:port} keeps its brackets).
     *
     * @param endpoint {@code host:port}.
     * @return the host.
     */
    static String host(final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new ConfigurationException("endpoint '" + endpoint + "' is not host:port");
        }

        return endpoint.substring(0, colon);
    }

    /**
     * The port part of {@code host:port}.
     *
     * @param endpoint {@code host:port}.
     * @return the port, 0 allowed (system assigned).
     */
    static int port(final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        final int port;
        try
        {
            port = colon <= 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigurationException("endpoint '" + endpoint + "' has no numeric port");
        }

        if (port < 0 || port > 65535)
        {
            throw new ConfigurationException("endpoint '" + endpoint + "' is not host:port with a valid port");
        }

        return port;
    }

    private static String[] fixedEndpoints(final ClusterMember member)
    {
        return new String[]{
            member.ingressEndpoint(),
            member.consensusEndpoint(),
            member.logEndpoint(),
            member.catchupEndpoint(),
            member.archiveEndpoint() };
    }
}
