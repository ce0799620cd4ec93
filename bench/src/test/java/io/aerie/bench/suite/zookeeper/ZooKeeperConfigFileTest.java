package io.aerie.bench.suite.zookeeper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZooKeeperConfigFileTest
{
    @TempDir
    File tempDir;

    @Test
    void shouldWriteAStandaloneServerWithoutServerLinesOrMyid() throws Exception
    {
        final ZooKeeperEnsemble.Context ctx = new ZooKeeperEnsemble.Context().servers(1).portBase(31_000).conclude();

        final List<String> lines = Files.readAllLines(
            ZooKeeperConfigFile.write(ctx, 0, tempDir).toPath(), StandardCharsets.UTF_8);

        assertTrue(lines.contains("clientPort=31000"), lines::toString);
        assertTrue(lines.contains("clientPortAddress=127.0.0.1"), lines::toString);
        assertTrue(lines.contains("tickTime=2000"), lines::toString);
        assertTrue(lines.contains("admin.enableServer=false"), lines::toString);
        assertTrue(lines.contains("4lw.commands.whitelist=srvr,stat,mntr,ruok"), lines::toString);
        assertTrue(lines.contains("dataDir=" + new File(tempDir, "data").getAbsolutePath()), lines::toString);
        assertTrue(lines.contains("dataLogDir=" + new File(tempDir, "datalog").getAbsolutePath()), lines::toString);
        assertFalse(lines.stream().anyMatch((line) -> line.startsWith("server.")), lines::toString);
        assertFalse(new File(tempDir, "data/myid").exists());
    }

    @Test
    void shouldWriteEveryPeerAndTheServersMyidInAnEnsemble() throws Exception
    {
        final ZooKeeperEnsemble.Context ctx = new ZooKeeperEnsemble.Context().servers(3).portBase(31_100).conclude();

        final List<String> lines = Files.readAllLines(
            ZooKeeperConfigFile.write(ctx, 1, tempDir).toPath(), StandardCharsets.UTF_8);

        assertTrue(lines.contains("clientPort=31101"), lines::toString);
        assertTrue(lines.contains("server.1=127.0.0.1:31110:31120"), lines::toString);
        assertTrue(lines.contains("server.2=127.0.0.1:31111:31121"), lines::toString);
        assertTrue(lines.contains("server.3=127.0.0.1:31112:31122"), lines::toString);
        assertEquals("2", Files.readString(new File(tempDir, "data/myid").toPath()).trim());
    }

    @Test
    void shouldTurnFsyncOnOrOffWithForceSync()
    {
        final File data = new File(tempDir, "data");
        final File log = new File(tempDir, "datalog");

        final String on = ZooKeeperConfigFile.content(new ZooKeeperEnsemble.Context().conclude(), 0, data, log);
        final String off = ZooKeeperConfigFile.content(
            new ZooKeeperEnsemble.Context().forceSync(false).conclude(), 0, data, log);

        assertTrue(on.contains("\nforceSync=yes\n"), on);
        assertTrue(off.contains("\nforceSync=no\n"), off);
    }
}
