package io.aerie.tools.admin;

import java.io.File;

/**
 * Where one node keeps its state: its directory and the {@code cluster/} directory in it, plus the member id its
 * name suggests ({@code node-N}, as {@code aerie local} names them) until the mark file says. Immutable.
 */
final class NodeDir
{
    /**
     * The member id of a directory not named {@code node-N}.
     */
    static final int UNKNOWN_MEMBER_ID = -1;

    private final File nodeDir;
    private final File clusterDir;
    private final int memberIdHint;

    /**
     * @param nodeDir      the node's directory; not null.
     * @param clusterDir   its cluster directory (recording log, mark files); not null.
     * @param memberIdHint the member id from the directory's name, or {@link #UNKNOWN_MEMBER_ID}.
     */
    NodeDir(final File nodeDir, final File clusterDir, final int memberIdHint)
    {
        this.nodeDir = nodeDir;
        this.clusterDir = clusterDir;
        this.memberIdHint = memberIdHint;
    }

    File nodeDir()
    {
        return nodeDir;
    }

    File clusterDir()
    {
        return clusterDir;
    }

    int memberIdHint()
    {
        return memberIdHint;
    }

    public String toString()
    {
        return nodeDir.getPath();
    }
}
