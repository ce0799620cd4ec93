package io.aerie.bench.suite;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts about the machine and JVM a run happened on, recorded with the results.
 */
public final class MachineInfo
{
    private MachineInfo()
    {
    }

    /**
     * @return cores, CPU model, memory, OS, JDK, the rig JVM's arguments and the rig's idle strategies.
     */
    public static Map<String, String> describe()
    {
        final Map<String, String> info = new LinkedHashMap<>();
        info.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        info.put("cpu", cpuModel());
        info.put("memory", memory());
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch"));
        info.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        info.put("rigJvmArgs", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        info.put("rigIdle", "polling clients: " + Rig.POLLING_IDLE + "; clients with own threads: " + Rig.WAITING_IDLE);
        info.put("loadAverageAtStart",
            String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return info;
    }

    private static String cpuModel()
    {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memory()
    {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal");
    }

    private static String firstValue(final Path file, final String key)
    {
        try
        {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                if (line.startsWith(key))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
        return "unknown";
    }
}
