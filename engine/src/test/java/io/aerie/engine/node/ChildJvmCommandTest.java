package io.aerie.engine.node;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildJvmCommandTest
{
    @Test
    void shouldPutJavaFlagsOptionsClassPathMainClassAndArgumentsInThatOrder()
    {
        final List<String> command = ChildJvmCommand.of("a.Main").jvmOptions("-Xmx64m").args("x", "y").build();

        final int options = command.indexOf("-Xmx64m");
        final int classPath = command.indexOf("-cp");
        assertEquals(ChildJvmCommand.javaExecutable(), command.get(0));
        assertTrue(options > 0 && classPath == options + 1, command.toString());
        assertEquals(ChildJvmCommand.classPath(), command.get(classPath + 1));
        assertEquals(List.of("a.Main", "x", "y"), command.subList(classPath + 2, command.size()));
    }

    @Test
    void shouldPassOnThisJvmsRequiredFlagsAndOnlyTheOthersAsked()
    {
        final List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();

        final List<String> plain = ChildJvmCommand.of("a.Main").build();
        final List<String> withXx = ChildJvmCommand.of("a.Main").inheritAlso(ChildJvmCommand::isXxFlag).build();

        for (final String arg : jvmArgs)
        {
            assertEquals(ChildJvmCommand.isRequiredFlag(arg), plain.contains(arg), arg);
            assertEquals(ChildJvmCommand.isRequiredFlag(arg) || ChildJvmCommand.isXxFlag(arg), withXx.contains(arg), arg);
        }
        assertFalse(plain.contains("-Xmx64m"));
    }

    @Test
    void shouldGiveAChildJvmTheAeronStallTimeoutsOfThisOne()
    {
        final List<String> command = ChildJvmCommand.of("Main").build();

        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("-Daeron.client.liveness.timeout=") || arg.startsWith("-Daeron.driver.timeout=") ||
                arg.startsWith("-Daeron.publication.unblock.timeout="))
            {
                assertTrue(command.contains(arg), arg + " in " + command);
            }
        }
        assertTrue(command.stream().anyMatch((arg) -> arg.startsWith("-Daeron.client.liveness.timeout=")),
            "the project's JVM flags (surefire argLine) set the client liveness timeout: " + command);
    }
}
