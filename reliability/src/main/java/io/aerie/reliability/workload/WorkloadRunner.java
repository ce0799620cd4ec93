package io.aerie.reliability.workload;

import io.aerie.client.AerieClient;
import io.aerie.reliability.history.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs workloads: for each, a number of threads, each being one logical process at a time with its own client.
 * A thread whose operation ended indeterminate retires that process (closing its client) and becomes a new one,
 * with a new process id and a new client. Processes pause {@code thinkNs} between operations.
 */
public final class WorkloadRunner
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final ClientFactory clients;
    private final long thinkNs;
    private final AtomicInteger processIds = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean isRunning = true;

    /**
     * @param clients connects the processes.
     * @param thinkNs pause between one process's operations.
     */
    public WorkloadRunner(final ClientFactory clients, final long thinkNs)
    {
        this.clients = clients;
        this.thinkNs = thinkNs;
    }

    /**
     * Start processes of a workload.
     *
     * @param workload  the workload, set up.
     * @param processes how many at a time.
     */
    public void start(final Workload workload, final int processes)
    {
        for (int i = 0; i < processes; i++)
        {
            final Thread thread = new Thread(() -> run(workload), "jepsen-" + workload.name() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * @return how many logical processes there have been.
     */
    public int processesUsed()
    {
        return processIds.get();
    }

    /**
     * Stop every process and wait for them (each finishes its operation).
     *
     * @param timeoutMs how long to wait for each thread.
     */
    public void stop(final long timeoutMs)
    {
        isRunning = false;
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(timeoutMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(final Workload workload)
    {
        int process = processIds.getAndIncrement();
        AerieClient client = null;
        while (isRunning)
        {
            if (null == client)
            {
                try
                {
                    client = clients.connect(CONNECT_TIMEOUT_NS);
                }
                catch (final RuntimeException ex)
                {
                    continue; // no cluster to talk to now: keep trying while running
                }
            }
            if (Outcome.INFO == workload.invoke(client, process))
            {
                workload.retire(process);
                ClientFactory.closeQuietly(client);
                client = null;
                process = processIds.getAndIncrement();
            }
            LockSupport.parkNanos(thinkNs);
        }
        workload.retire(process);
        ClientFactory.closeQuietly(client);
    }
}
