package io.aerie.tools.shell;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code setquota}, {@code listquota} and {@code delquota} against a real one-node cluster, printing what zkCli
 * 3.9.5 prints for the same lines (its output was taken from a real ZooKeeper 3.9.5 with the same commands).
 */
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AerieShellQuotaClusterTest
{
    private static final int PORT_BASE = 20800;

    @RegisterExtension
    static final ShellTestCluster CLUSTER = new ShellTestCluster(PORT_BASE, 10_000, 8L * 1024 * 1024);

    @Test
    void shouldSetAndListQuotaWithCountedStatsAndWarning()
    {
        final ShellRun setUp = CLUSTER.script("create /app\ncreate /app/a 12\ncreate /app/b 345\n");
        final ShellRun set = CLUSTER.shell("setquota", "-n", "1", "/app");
        final ShellRun list = CLUSTER.shell("listquota", "/app");

        assertAll(setUp + "\n" + set + "\n" + list,
            () -> assertEquals(0, set.exitCode),
            () -> assertEquals("[Warning]: the count quota you create is less than the existing count:3\n", set.out),
            () -> assertEquals(0, list.exitCode),
            () -> assertEquals("Output quota for /app count=1,bytes=-1=;byteHardLimit=-1;countHardLimit=-1\n" +
                "Output stat for /app count=3,bytes=5\n", list.out),
            () -> assertEquals("absolute path is /zookeeper/quota/app/zookeeper_limits\n", list.err));
    }

    @Test
    void shouldUpdateLimitsOfExistingQuotaAndCountLaterChanges()
    {
        CLUSTER.script("create /upd\ncreate /upd/a 12\nsetquota -n 10 /upd\n");
        final ShellRun set = CLUSTER.shell("setquota", "-b", "100", "/upd");
        final ShellRun changes = CLUSTER.script("create /upd/b 345\nset /upd/a 1\ndelete /upd/b\n");
        final ShellRun list = CLUSTER.shell("listquota", "/upd");

        assertAll(set + "\n" + changes + "\n" + list,
            () -> assertEquals(0, set.exitCode),
            () -> assertEquals("", set.out),
            () -> assertEquals(0, changes.exitCode),
            () -> assertEquals("Output quota for /upd count=10,bytes=100=;byteHardLimit=-1;countHardLimit=-1\n" +
                "Output stat for /upd count=2,bytes=1\n", list.out));
    }

    @Test
    void shouldRefuseNestedQuotasAsZkCliDoes()
    {
        CLUSTER.script("create /nest\ncreate /nest/a\ncreate /nest/a/b\nsetquota -N 3 /nest/a\n");
        final ShellRun child = CLUSTER.shell("setquota", "-n", "2", "/nest/a/b");
        final ShellRun parent = CLUSTER.shell("setquota", "-n", "2", "/nest");

        assertAll(child + "\n" + parent,
            () -> assertEquals(1, child.exitCode),
            () -> assertEquals("/nest/a/b has a parent /nest/a which has a quota\n", child.err),
            () -> assertEquals(1, parent.exitCode),
            () -> assertEquals("/nest has a child /nest/a which has a quota\n", parent.err));
    }

    @Test
    void shouldRefuseBadQuotaArgumentsWithZkClisMessages()
    {
        final ShellRun underQuota = CLUSTER.shell("setquota", "-n", "3", "/zookeeper/quota/q");
        final ShellRun missing = CLUSTER.shell("setquota", "-n", "3", "/missing");
        final ShellRun zero = CLUSTER.shell("setquota", "-n", "0", "/zookeeper");
        final ShellRun notNumber = CLUSTER.shell("setquota", "-b", "abc", "/zookeeper");
        final ShellRun noLimit = CLUSTER.shell("setquota", "/zookeeper");

        assertAll(underQuota + "\n" + missing + "\n" + zero + "\n" + notNumber + "\n" + noLimit,
            () -> assertEquals(1, underQuota.exitCode),
            () -> assertEquals("cannot set a quota under the path: /zookeeper/quota\n", underQuota.err),
            () -> assertEquals(1, missing.exitCode),
            () -> assertEquals("/missing does not exist.\n", missing.err),
            () -> assertEquals(2, zero.exitCode),
            () -> assertEquals(true, zero.err.contains("the num quota must be greater than zero"), zero.err),
            () -> assertEquals(2, notNumber.exitCode),
            () -> assertEquals(true,
                notNumber.err.contains("NumberFormatException happens when parsing the option value"), notNumber.err),
            () -> assertEquals(2, noLimit.exitCode));
    }

    @Test
    void shouldDeleteOneLimitThenTheWholeQuota()
    {
        CLUSTER.script("create /del\ncreate /del/x\nsetquota -n 5 /del/x\nsetquota -b 9 /del/x\n");
        final ShellRun one = CLUSTER.shell("delquota", "-n", "/del/x");
        final ShellRun listOne = CLUSTER.shell("listquota", "/del/x");
        final ShellRun all = CLUSTER.shell("delquota", "/del/x");
        final ShellRun quotaNodes = CLUSTER.shell("ls", "/zookeeper/quota");
        final ShellRun listAll = CLUSTER.shell("listquota", "/del/x");
        final ShellRun again = CLUSTER.shell("delquota", "/del/x");

        assertAll(one + "\n" + listOne + "\n" + all + "\n" + quotaNodes + "\n" + listAll + "\n" + again,
            () -> assertEquals(0, one.exitCode),
            () -> assertEquals("Output quota for /del/x count=-1,bytes=9=;byteHardLimit=-1;countHardLimit=-1\n" +
                "Output stat for /del/x count=1,bytes=0\n", listOne.out),
            () -> assertEquals(0, all.exitCode),
            () -> assertFalse(quotaNodes.out.contains("del"), quotaNodes.out),
            () -> assertEquals(1, listAll.exitCode),
            () -> assertEquals("absolute path is /zookeeper/quota/del/x/zookeeper_limits\n" +
                "quota for /del/x does not exist.\n", listAll.err),
            () -> assertEquals(0, again.exitCode),
            () -> assertEquals("Quota does not exist for /del/x\n", again.out));
    }
}
