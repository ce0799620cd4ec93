package io.aerie.tools.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code addauth scheme auth}: adding credentials to a session. The cluster does not authenticate yet (it answers
 * an AddAuthRequest with UNIMPLEMENTED) and the client has no call for it, so the command says so and fails.
 */
@Command(
    name = "addauth",
    customSynopsis = "addauth scheme auth",
    description = "Add credentials to the session, e.g. addauth digest user:password. Not supported yet: the " +
        "cluster does not authenticate.")
final class AddAuthCommand extends ZnodeCommand
{
    @Parameters(index = "0", paramLabel = "scheme")
    String scheme;

    @Parameters(index = "1", paramLabel = "auth")
    String auth;

    public Integer call()
    {
        throw new ShellFailure("addauth " + scheme + ": authentication is not implemented by the cluster yet " +
            "(UNIMPLEMENTED); the session keeps no credentials");
    }
}
