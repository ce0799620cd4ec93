package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import io.aerie.client.ClientInfo;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * {@code whoami}: the identities of this session as the cluster holds them, printed as zkCli does
 * ({@code Auth scheme: User}, then {@code scheme: user} per identity). ZooKeeper gives every connection an
 * {@code ip} identity, its address: when the cluster reports none (it adds it only once connections carry their
 * address), the local address that reaches the cluster is shown first in its place.
 */
@Command(
    name = "whoami",
    customSynopsis = "whoami",
    description = "Print the identities of this session.")
final class WhoAmICommand extends ZnodeCommand
{
    public Integer call() throws AerieException
    {
        final List<ClientInfo> infos = client().whoAmI();
        out().println("Auth scheme: User");
        if (infos.stream().noneMatch(info -> "ip".equals(info.getAuthScheme())))
        {
            out().println("ip: " + session().connectString().localAddress());
        }
        for (final ClientInfo info : infos)
        {
            out().println(info.getAuthScheme() + ": " + info.getUser());
        }
        return 0;
    }
}
