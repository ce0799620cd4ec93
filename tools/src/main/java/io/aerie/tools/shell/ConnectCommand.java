package io.aerie.tools.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code connect [host:port,...]}: closes the current session and opens one on the given cluster, or, without an
 * argument, on the cluster last connected to (as zkCli's bare {@code connect}).
 */
@Command(
    name = "connect",
    customSynopsis = "connect [host:port,...]",
    description = "Close the current session and connect to a cluster: each member's ingress as host:port (ids " +
        "0, 1, ... in order), or id=host:port as aerie local prints it; without it, the cluster last connected to.")
final class ConnectCommand extends ZnodeCommand
{
    @Parameters(index = "0", arity = "0..1", paramLabel = "host:port,...", converter = ConnectString.Converter.class)
    ConnectString connectString;

    public Integer call()
    {
        session().connect(null == connectString ? session().connectString() : connectString);
        return 0;
    }
}
