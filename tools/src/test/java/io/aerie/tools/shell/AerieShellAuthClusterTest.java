package io.aerie.tools.shell;

import io.aerie.engine.acl.AuthSchemes;
import io.aerie.tools.cli.ExitCodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shell's ACL scenario on a real one-node cluster, with zkCli's output: a digest ACL refuses {@code set}
 * ("Insufficient permission"), {@code addauth digest} lets it through, {@code -auth} does the same at start, and
 * {@code whoami} names the digest user.
 */
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AerieShellAuthClusterTest
{
    private static final int PORT_BASE = 14100;
    private static final String BOB = AuthSchemes.generateDigest("bob:secret");

    @RegisterExtension
    static final ShellTestCluster CLUSTER = new ShellTestCluster(PORT_BASE, 10_000, 8L * 1024 * 1024);

    @Test
    void shouldRefuseSetUntilAddAuthThenAllowIt()
    {
        CLUSTER.script("create /app v0\nsetAcl /app digest:" + BOB + ":rw,world:anyone:r\n");

        final ShellRun refused = CLUSTER.shell("set", "/app", "v1");
        final ShellRun allowed = CLUSTER.script("addauth digest bob:secret\nset /app v1\nget /app\nwhoami\n");

        assertAll(refused + "\n" + allowed,
            () -> assertEquals(ExitCodes.FAILURE, refused.exitCode),
            () -> assertEquals("Insufficient permission : /app\n", refused.err),
            () -> assertEquals(0, allowed.exitCode),
            () -> assertEquals("v1\nAuth scheme: User\nip: 127.0.0.1\ndigest: bob\n", allowed.out));
    }

    @Test
    void shouldAddDigestCredentialsGivenAtStart()
    {
        CLUSTER.script("create /start v0\nsetAcl /start digest:" + BOB + ":rw\n");

        final ShellRun run = CLUSTER.shell("-auth", "bob:secret", "get", "/start");

        assertAll(run.toString(),
            () -> assertEquals(0, run.exitCode),
            () -> assertEquals("v0\n", run.out));
    }
}
