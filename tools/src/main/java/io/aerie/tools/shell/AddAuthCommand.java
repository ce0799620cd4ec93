package io.aerie.tools.shell;

import io.aerie.client.AerieException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;

/**
 * {@code addauth scheme auth}: add credentials to the session, as zkCli: {@code addauth digest user:password} makes
 * the session hold {@code digest:user:base64(sha1(user:password))}. Prints nothing on success; a scheme the
 * cluster does not know fails the session (AUTH_FAILED), as in ZooKeeper.
 */
@Command(
    name = "addauth",
    customSynopsis = "addauth scheme auth",
    description = "Add credentials to the session, e.g. addauth digest user:password.")
final class AddAuthCommand extends ZnodeCommand
{
    @Parameters(index = "0", paramLabel = "scheme")
    String scheme;

    @Parameters(index = "1", paramLabel = "auth")
    String auth;

    public Integer call() throws AerieException
    {
        client().addAuthInfo(scheme, auth.getBytes(StandardCharsets.UTF_8));
        return 0;
    }
}
