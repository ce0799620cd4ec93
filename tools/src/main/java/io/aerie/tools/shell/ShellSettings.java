package io.aerie.tools.shell;

/**
 * How the shell reaches the cluster, from {@code aerie shell}'s options.
 *
 * @param connectString    the cluster to connect to first.
 * @param timeoutMs        how long a connect or a request may take, ms.
 * @param sessionTimeoutMs the session timeout to ask for, ms; 0 for the client's default.
 * @param digestAuth       {@code user:password} to add as digest credentials at every connect, or null.
 */
record ShellSettings(ConnectString connectString, long timeoutMs, int sessionTimeoutMs, String digestAuth)
{
    /**
     * Settings without credentials.
     */
    ShellSettings(final ConnectString connectString, final long timeoutMs, final int sessionTimeoutMs)
    {
        this(connectString, timeoutMs, sessionTimeoutMs, null);
    }
}
