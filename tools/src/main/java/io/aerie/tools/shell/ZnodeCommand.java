package io.aerie.tools.shell;

import io.aerie.client.AerieClient;
import io.aerie.engine.tree.Paths;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every shell command has: the session (through the dispatcher, its parent command), {@code -h}, and checks
 * of its arguments that turn bad input into a usage error before anything is sent. Subclasses run on the client
 * thread; they return 0, or throw: {@link ParameterException} for bad input (exit 2), an
 * {@link io.aerie.client.AerieException} or {@link ShellFailure} for a failure (exit 1).
 */
abstract class ZnodeCommand implements Callable<Integer>
{
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
     * Check a path as ZooKeeper's client does before sending it.
     *
     * @param path       the path typed.
     * @param sequential true for a sequential create, whose path may end in '/' (the sequence number follows).
     * @return the path.
     * @throws ParameterException with the reason, if the path is not valid.
     */
    String checkPath(final String path, final boolean sequential)
    {
        if (!Paths.isValid(sequential ? path + '1' : path))
        {
            throw usage("Invalid path \"" + path + "\": " + reason(path));
        }

        return path;
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

    private static String reason(final String path)
    {
        if (path.isEmpty())
        {
            return "path length must be > 0";
        }
        if ('/' != path.charAt(0))
        {
            return "path must start with / character";
        }
        if ('/' == path.charAt(path.length() - 1))
        {
            return "path must not end with / character";
        }

        return "empty, '.' or '..' node name, or a character ZooKeeper does not allow";
    }
}
