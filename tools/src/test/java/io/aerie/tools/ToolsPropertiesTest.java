package io.aerie.tools;

import io.aerie.tools.cli.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unknown or misspelt {@code aerie.*} properties stop a command before it does anything, naming the known one.
 */
class ToolsPropertiesTest
{
    private static final String MISSPELT_STACK_TRACES = "aerie.tools.stack.trace";
    private static final String MISSPELT_MEMBER_ID = "aerie.node.memberid";
    private static final String NODE_DIR = "aerie.node.dir";

    @TempDir
    File tempDir;

    @AfterEach
    void clearProperties()
    {
        System.clearProperty(MISSPELT_STACK_TRACES);
        System.clearProperty(MISSPELT_MEMBER_ID);
        System.clearProperty(NODE_DIR);
    }

    @Test
    void shouldRejectAMisspeltToolsPropertyWithTheUsageExitCode()
    {
        System.setProperty(MISSPELT_STACK_TRACES, "true");

        final CommandRun run = CommandRun.execute("admin", "status", "--dir", tempDir.getPath());

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.USAGE, run.exitCode),
            () -> assertEquals(1, run.errLines()),
            () -> assertTrue(run.err.contains("unknown property " + MISSPELT_STACK_TRACES)),
            () -> assertTrue(run.err.contains("did you mean aerie.tools.stack.traces?")));
    }

    @Test
    void shouldNotStartANodeWhosePropertiesFileHasAMisspeltProperty() throws IOException
    {
        final File file = new File(tempDir, "node.properties");
        Files.writeString(file.toPath(),
            MISSPELT_MEMBER_ID + "=1\n" + NODE_DIR + "=" + new File(tempDir, "node").getPath() + "\n",
            StandardCharsets.UTF_8);

        final CommandRun run = CommandRun.execute("node", file.getPath());

        assertAll(run.toString(),
            () -> assertEquals(ExitCodes.FAILURE, run.exitCode),
            () -> assertTrue(run.err.contains("unknown property " + MISSPELT_MEMBER_ID)),
            () -> assertTrue(run.err.contains("did you mean aerie.node.member.id?")),
            () -> assertTrue(!new File(tempDir, "node").exists(), "the node left nothing"));
    }
}
