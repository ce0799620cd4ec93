package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.codecs.model.Paths;
import io.aerie.engine.tree.ZnodeTreeConfiguration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * What every shell command has: the session (through the dispatcher, its parent command), {@code -h}, and checks
 * of its arguments that turn bad input into a usage error before anything is sent. Subclasses run on the client
 * thread; they return 0, or throw: {@link ParameterException} for bad input (exit 2), an
 * {@link io.aerie.client.AerieException} or {@link ShellFailure} for a failure (exit 1).
 */
abstract class ZnodeCommand implements Callable<Integer>
{
    /**
     * Characters of a path a message shows at most.
     */
    static final int MAX_SHOWN_PATH_LENGTH = 80;

    @ParentCommand
    ShellDispatcher dispatcher;

    @Spec
    CommandSpec spec;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this command's usage.")
    boolean isHelp;

    ShellSession session()
    {
        return dispatcher.session();
    }

    /**
     * @return the connected client; connects on first use.
     */
    AerieClient client()
    {
        return session().client();
    }

    PrintWriter out()
    {
        return session().out();
    }

    /**
     * @return the path, if valid; see {@link #checkPath(String, boolean)}.
     */
    String checkPath(final String path)
    {
        return checkPath(path, false);
    }

    /**
     * Check a path as ZooKeeper's client does before sending it, and its length against the cluster's limit
     * ({@value ZnodeTreeConfiguration#MAX_PATH_LENGTH_PROP_NAME}, read here as the node reads it).
     *
     * @param path       the path typed.
     * @param sequential true for a sequential create, whose path may end in '/' (the sequence number follows).
     * @return the path.
     * @throws ParameterException with the reason in ZooKeeper's client's words, if the path is not valid.
     */
    String checkPath(final String path, final boolean sequential)
    {
        final String reason = Paths.invalidReason(path, sequential);
        if (null != reason)
        {
            throw usage("Invalid path \"" + abbreviated(path) + "\": " + reason);
        }
        final int length = path.getBytes(StandardCharsets.UTF_8).length;
        final int maxLength = Integer.getInteger(
            ZnodeTreeConfiguration.MAX_PATH_LENGTH_PROP_NAME, ZnodeTreeConfiguration.MAX_PATH_LENGTH_DEFAULT);
        if (length > maxLength)
        {
            throw usage("Invalid path \"" + abbreviated(path) + "\": " + length + " bytes, longer than the " +
                maxLength + " a path may have (" + ZnodeTreeConfiguration.MAX_PATH_LENGTH_PROP_NAME + ")");
        }

        return path;
    }

    /**
     * A path short enough for a one-line message: an over-long one is cut in the middle.
     *
     * @param path as typed.
     * @return the path, or its start and end around {@code ...}.
     */
    static String abbreviated(final String path)
    {
        return path.length() <= MAX_SHOWN_PATH_LENGTH ? path :
            path.substring(0, MAX_SHOWN_PATH_LENGTH / 2) + "..." +
            path.substring(path.length() - MAX_SHOWN_PATH_LENGTH / 2);
    }

    ParameterException usage(final String message)
    {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Join a parent path and a child name.
     */
    static String child(final String parent, final String name)
    {
        return "/".equals(parent) ? "/" + name : parent + "/" + name;
    }
}
