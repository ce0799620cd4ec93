package io.aerie.client;

import io.aerie.codecs.ResultCode;

/**
 * A request answered with an error, in the blocking API: the {@link ResultCode} names the ZooKeeper
 * equivalent (NO_NODE is ZooKeeper's NoNodeException, and so on).
 */
public final class AerieException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final ResultCode code;
    private final String path;

    /**
     * @param code the error.
     * @param path the path the request named, or null.
     */
    public AerieException(final ResultCode code, final String path)
    {
        super(null == path ? String.valueOf(code) : code + " for " + path);
        this.code = code;
        this.path = path;
    }

    /**
     * @return the error.
     */
    public ResultCode code()
    {
        return code;
    }

    /**
     * @return the path the request named, or null.
     */
    public String path()
    {
        return path;
    }
}
