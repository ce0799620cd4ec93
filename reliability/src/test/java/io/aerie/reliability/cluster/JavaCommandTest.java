package io.aerie.reliability.cluster;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaCommandTest
{
    @Test
    void shouldGiveAChildJvmTheAeronStallTimeoutsOfThisOne()
    {
        final List<String> command = JavaCommand.of(List.of(), "Main", List.of());

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
