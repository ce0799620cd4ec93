package io.aerie.client;

import io.aerie.codecs.model.Paths;
import org.apache.zookeeper.common.PathUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The client checks a path before sending it as ZooKeeper 3.9.5's client does ({@code PathUtils.validatePath}):
 * the same paths refused, with the same message, plain and as a sequential create's.
 */
class PathValidationTest
{
    @ParameterizedTest
    @ValueSource(strings = {
        "", "/", "a", "a/b", "/a", "/a/b", "/a/", "/a//b", "//", "/.", "/..", "/a/.", "/a/..", "/a/./b", "/a/../b",
        "/.a", "/..a", "/a.", "/a..", "/...", "/a\u0000b", "/a\u0001", "/a\u001f", "/\u007f", "/a\u0085",
        "/\ud83d\ude00", "/\ue000", "/\ufff0", "/\uffff", "/zookeeper", "/z\u00e9", "/\u4e2d\u6587", "/a/b/c/", "/ /x"})
    void shouldRefuseWhatZooKeepersClientRefusesWithItsMessage(final String path)
    {
        assertEquals(zooKeeperMessage(path, false), ourMessage(path, false), "plain: " + path);
        assertEquals(zooKeeperMessage(path, true), ourMessage(path, true), "sequential: " + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a/", "/lock-", "/a/b/"})
    void shouldLetASequentialCreateEndInASlash(final String path)
    {
        assertNull(Paths.invalidReason(path, true));
    }

    private static String zooKeeperMessage(final String path, final boolean sequential)
    {
        try
        {
            PathUtils.validatePath(path, sequential);
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }

    private static String ourMessage(final String path, final boolean sequential)
    {
        try
        {
            Paths.validate(path, sequential);
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }
}
