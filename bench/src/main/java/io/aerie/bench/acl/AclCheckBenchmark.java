package io.aerie.bench.acl;

import io.aerie.bench.BenchmarkMain;
import io.aerie.codecs.model.AclList;
import io.aerie.engine.acl.AclCheck;
import io.aerie.engine.acl.AuthSchemes;
import io.aerie.engine.acl.Identities;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One ACL permission check as the apply path makes it ({@link AclCheck#permits}) on a cached ACL list, for each
 * kind of ACL: {@code open} (world:anyone), {@code digest} (alice's entry, then bob's, which matches; the session
 * holds an ip identity and bob's digest), {@code ip} (a CIDR block containing the session's address). Run with
 * {@code -prof gc}: the check allocates nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AclCheckBenchmark
{
    /** Kind of ACL on the node. */
    @Param({ "open", "digest", "ip" })
    public String acl;

    private final AclCheck check = new AclCheck();
    private final Identities identities = new Identities();
    private final AclList list = new AclList();

    /**
     * The node's ACL and the session's identities.
     */
    @Setup
    public void setUp()
    {
        identities.add("ip", "10.1.2.3");
        identities.add("digest", AuthSchemes.generateDigest("bob:secret"));
        switch (acl)
        {
            case "open":
                list.add(AclList.ALL, "world", "anyone");
                break;
            case "digest":
                list.add(AclList.READ, "digest", AuthSchemes.generateDigest("alice:other"))
                    .add(AclList.ALL, "digest", AuthSchemes.generateDigest("bob:secret"));
                break;
            default:
                list.add(AclList.ALL, "ip", "10.0.0.0/8");
        }
    }

    /**
     * @return whether WRITE is permitted (true in every case).
     */
    @Benchmark
    public boolean permitsWrite()
    {
        return check.permits(list, AclList.WRITE, identities);
    }

    /**
     * @param args JMH options; by default this benchmark with -prof gc.
     * @throws Exception from JMH.
     */
    public static void main(final String[] args) throws Exception
    {
        BenchmarkMain.run(AclCheckBenchmark.class, args);
    }
}
