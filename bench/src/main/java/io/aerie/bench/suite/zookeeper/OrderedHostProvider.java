package io.aerie.bench.suite.zookeeper;

import org.apache.zookeeper.client.HostProvider;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

/**
 * A ZooKeeper {@link HostProvider} that tries the servers in the given order, round robin, instead of
 * ZooKeeper's shuffled order: the suite puts the leader first so that every session starts on the leader, as an
 * Aerie client does, and runs are comparable. After a lost connection it moves on to the next server, and sleeps
 * the client's spin delay once it has tried them all since the last connection, like ZooKeeper's
 * {@code StaticHostProvider}.
 * <p>
 * Thread-safe: called by the client's send thread.
 */
final class OrderedHostProvider implements HostProvider
{
    private final List<InetSocketAddress> addresses;
    private int currentIndex = -1;
    private int lastConnectedIndex = -1;

    /**
     * @param addresses the servers, resolved, in the order to try; not empty.
     */
    OrderedHostProvider(final List<InetSocketAddress> addresses)
    {
        if (addresses.isEmpty())
        {
            throw new IllegalArgumentException("no servers");
        }
        this.addresses = List.copyOf(addresses);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int size()
    {
        return addresses.size();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public InetSocketAddress next(final long spinDelay)
    {
        final InetSocketAddress address;
        final boolean triedAll;
        synchronized (this)
        {
            currentIndex = (currentIndex + 1) % addresses.size();
            address = addresses.get(currentIndex);
            triedAll = currentIndex == lastConnectedIndex && spinDelay > 0;
            if (lastConnectedIndex == -1)
            {
                lastConnectedIndex = 0;
            }
        }

        if (triedAll)
        {
            try
            {
                Thread.sleep(spinDelay);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        return address;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized void onConnected()
    {
        lastConnectedIndex = currentIndex;
    }

    /**
     * The suite never reconfigures an ensemble: the list stays as it is.
     *
     * @return false, the client keeps its connection.
     */
    @Override
    public boolean updateServerList(final Collection<InetSocketAddress> serverAddresses,
        final InetSocketAddress currentHost)
    {
        return false;
    }
}
