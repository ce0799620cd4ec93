package io.aerie.tools.shell;

import picocli.CommandLine.Command;

/**
 * {@code whoami}: the identities of this session, as zkCli prints them. Aerie does not authenticate yet, so the
 * session has only the {@code ip} identity ZooKeeper gives every connection: the local address that reaches the
 * cluster. Needs a session, as in zkCli.
 */
@Command(
    name = "whoami",
    customSynopsis = "whoami",
    description = "Print the identities of this session: its ip (Aerie does not authenticate yet).")
final class WhoAmICommand extends ZnodeCommand
{
    public Integer call()
    {
        client();
        out().println("Auth scheme: User");
        out().println("ip: " + session().connectString().localAddress());
        return 0;
    }
}
