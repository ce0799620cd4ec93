package io.aerie.tools.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code connect host:port,...}: closes the current session and opens one on the given cluster.
 */
@Command(
    name = "connect",
    customSynopsis = "connect host:port,...",
    description = "Close the current session and connect to a cluster: each member's ingress as host:port (ids " +
        "0, 1, ... in order), or id=host:port as aerie local prints it.")
final class ConnectCommand extends ZnodeCommand
{
    @Parameters(index = "0", paramLabel = "host:port,...", converter = ConnectString.Converter.class)
    ConnectString connectString;

    public Integer call()
    {
        session().connect(connectString);
        return 0;
    }
}
