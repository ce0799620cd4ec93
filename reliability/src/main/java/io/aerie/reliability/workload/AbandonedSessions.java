package io.aerie.reliability.workload;

import io.aerie.client.AerieClient;
import io.aerie.codecs.CreateMode;
import io.aerie.codecs.model.AclList;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process that opens sessions and is then killed with them open, as a crashed client is: each session
 * (short timeout) creates an ephemeral under the given parent, then the process prints {@code ready N} and waits to
 * be killed; its sessions are abandoned, never closed, and must expire.
 * <p>
 * Arguments: ingress endpoints, client host, parent path, sessions, session timeout ms, Aeron directory.
 */
public final class AbandonedSessions
{
    private AbandonedSessions()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception on a failure; the parent reads the output.
     */
    public static void main(final String[] args) throws Exception
    {
        final String parent = args[2];
        final int sessions = Integer.parseInt(args[3]);
        final int timeoutMs = Integer.parseInt(args[4]);
        final List<AerieClient> open = new ArrayList<>();
        try (ClientFactory factory = new ClientFactory(args[0], args[1], args[5], timeoutMs, TimeUnit.SECONDS.toNanos(5)))
        {
            for (int i = 0; i < sessions; i++)
            {
                final AerieClient client = factory.connect(TimeUnit.SECONDS.toNanos(30));
                client.create(parent + "/s-", null, AclList.openAclUnsafe(), CreateMode.EPHEMERAL_SEQUENTIAL, -1);
                open.add(client);
                for (final AerieClient earlier : open)
                {
                    earlier.poll(); // keep them alive until all are open
                }
            }
            System.out.println("ready " + open.size());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
