package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.codecs.ResultCode;
import io.aerie.codecs.model.Stat;
import io.aerie.tools.StatFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code config [-c] [-w] [-s]}: the cluster's configuration as zkCli's GetConfigCommand prints it: the data of
 * {@value #CONFIG_PATH}, outside any chroot ({@code null} for null data), with {@code -c} only the version and the client addresses of
 * its {@code server.N} lines, with {@code -s} the stat after it. A cluster without that znode fails with a line
 * that says so.
 */
@Command(
    name = "config",
    customSynopsis = "config [-c] [-w] [-s]",
    description = "Print the cluster's configuration, the data of " + ConfigCommand.CONFIG_PATH + ".")
final class ConfigCommand extends ZnodeCommand
{
    /**
     * Where ZooKeeper keeps the configuration (its {@code ZooDefs.CONFIG_NODE}), read outside any chroot.
     */
    static final String CONFIG_PATH = AerieClient.CONFIG_NODE;

    private static final String SERVER_KEY_PREFIX = "server.";

    @Option(names = "-c", description = "Only the version and the client connect string.")
    boolean isClientConfig;

    @Option(names = "-w", description = "Leave a one-time data watch on the configuration.")
    boolean isWatch;

    @Option(names = "-s", description = "Print the stat too.")
    boolean withStat;

    public Integer call() throws AerieException
    {
        final Stat stat = new Stat();
        final byte[] data;
        try
        {
            data = client().getConfig(isWatch ? session().watcher() : null, stat);
        }
        catch (final AerieException ex)
        {
            if (ResultCode.NO_NODE == ex.code())
            {
                throw new ShellFailure("No configuration: this cluster has no " + CONFIG_PATH + " znode");
            }
            throw ex;
        }

        final String text = null == data ? "null" : new String(data, StandardCharsets.UTF_8);
        out().println(isClientConfig ? clientConfig(text) : text);
        if (withStat)
        {
            out().print(StatFormat.zkCli(stat));
        }
        return 0;
    }

    /**
     * ZooKeeper's {@code ConfigUtils.getClientConfigStr}: {@code version host:port,...} from the client address
     * after the {@code ;} of each {@code server.N=...} line, in server id order.
     *
     * @param config the configuration text, as properties.
     * @return the version (empty if none), a space, then the client addresses separated by commas.
     */
    static String clientConfig(final String config)
    {
        final Properties properties = new Properties();
        try
        {
            properties.load(new StringReader(config));
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            return "";
        }

        final Map<Long, String> clientAddresses = new TreeMap<>();
        for (final String key : properties.stringPropertyNames())
        {
            final String name = key.trim();
            if (name.startsWith(SERVER_KEY_PREFIX))
            {
                final String value = properties.getProperty(key).trim();
                final int semicolon = value.indexOf(';');
                try
                {
                    clientAddresses.put(Long.parseLong(name.substring(SERVER_KEY_PREFIX.length())),
                        semicolon < 0 ? "" : clientAddress(value.substring(semicolon + 1).trim()));
                }
                catch (final NumberFormatException ex)
                {
                    // Not a server line ZooKeeper would parse either: skipped, as ZooKeeper does.
                }
            }
        }

        return properties.getProperty("version", "").trim() + " " + String.join(",", clientAddresses.values());
    }

    /**
     * A client address as ZooKeeper writes it, {@code port} alone meaning {@code 0.0.0.0:port}.
     */
    private static String clientAddress(final String address)
    {
        return address.contains(":") ? address : "0.0.0.0:" + address;
    }
}
