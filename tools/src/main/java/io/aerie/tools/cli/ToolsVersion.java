package io.aerie.tools.cli;

/**
 * The version of the tools: the tools jar's {@code Implementation-Version}.
 */
public final class ToolsVersion
{
    private ToolsVersion()
    {
    }

    /**
     * The tools jar's {@code Implementation-Version}.
     *
     * @return the version, or {@code (development build)} when run from classes.
     */
    public static String version()
    {
        final String version = ToolsVersion.class.getPackage().getImplementationVersion();
        return null == version ? "(development build)" : version;
    }
}
