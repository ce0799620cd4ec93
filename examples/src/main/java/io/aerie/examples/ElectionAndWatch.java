package io.aerie.examples;

import io.aerie.client.AerieClient;
import io.aerie.client.AerieException;
import io.aerie.client.recipes.LeaderLatch;
import io.aerie.codecs.EventType;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Leader election and a watch, as an application embedding the Aerie client would write them: connect, stand in
 * an election ({@link LeaderLatch}), and once leading publish a configuration value that a data watch set
 * beforehand reports. Run it against {@code tools/bin/aerie local} (its connect string is the default); several
 * at once elect one leader at a time, each leading in turn as the previous one closes.
 * <p>
 * Exit status 0 when it led and saw its own change through the watch, 1 otherwise.
 */
public final class ElectionAndWatch
{
    static final String ELECTION_PATH = "/examples/election";
    static final String CONFIG_PATH = "/examples/config";

    private ElectionAndWatch()
    {
    }

    /**
     * @param args the cluster's connect string ("0=localhost:20000,1=localhost:20100,2=localhost:20200").
     * @throws Exception if the cluster cannot be reached or a request fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final String connect = args.length > 0 ? args[0] : "0=localhost:20000,1=localhost:20100,2=localhost:20200";
        final AerieClient.Context ctx = new AerieClient.Context();
        ctx.connection().ingressEndpoints(connect);
        ctx.session().sessionTimeoutMs(5_000);

        try (AerieClient client = AerieClient.connect(ctx);
            LeaderLatch latch = new LeaderLatch(client, ELECTION_PATH))
        {
            System.out.printf("connected: session 0x%x%n", client.sessionId());
            createIfMissing(client, "/examples");
            latch.start();
            if (!latch.awaitLeadership(30, TimeUnit.SECONDS))
            {
                System.out.println("not elected within 30 s");
                System.exit(1);
            }
            System.out.printf("leader: %s, fencing token %d%n", latch.nodePath(), latch.fencingToken());

            createIfMissing(client, CONFIG_PATH);
            final AtomicReference<String> seen = new AtomicReference<>();
            // A one-time data watch; the event object is reused after the callback, so keep what it says.
            client.getData(CONFIG_PATH, event -> seen.set(event.type() + " " + event.path()), null);

            final String value = "leader " + latch.fencingToken();
            client.setData(CONFIG_PATH, value.getBytes(StandardCharsets.UTF_8), -1);
            // Watch callbacks run in poll() (or inside a blocking call) on this thread.
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (null == seen.get() && System.nanoTime() < deadlineNs)
            {
                client.poll();
                Thread.onSpinWait();
            }

            final String event = seen.get();
            System.out.println("watch: " + event);
            final String read = new String(client.getData(CONFIG_PATH), StandardCharsets.UTF_8);
            System.out.println("config: " + read);
            final boolean ok = (EventType.NODE_DATA_CHANGED + " " + CONFIG_PATH).equals(event) && value.equals(read);
            System.out.println(ok ? "ok" : "unexpected");
            if (!ok)
            {
                System.exit(1);
            }
        }
    }

    private static void createIfMissing(final AerieClient client, final String path) throws AerieException
    {
        try
        {
            client.create(path, null);
        }
        catch (final AerieException.NodeExistsException ex)
        {
            // Left by an earlier run: the watch below needs the node, not a fresh one.
        }
    }
}
