package io.aerie.client;

import org.agrona.concurrent.Agent;

/**
 * The client's duty cycle in the default threading mode, run by an {@link org.agrona.concurrent.AgentRunner} on its
 * own thread: take the requests application threads handed over, then poll the cluster (answers, watch events,
 * keepalives, resends, reconnects). Every callback runs here.
 */
final class ClientConductorAgent implements Agent
{
    static final String ROLE_NAME = "aerie-client-conductor";

    private final ClientConductor conductor;
    private final ConductorCommands commands;
    private final ClientThreading threading;

    ClientConductorAgent(final ClientConductor conductor, final ConductorCommands commands, final ClientThreading threading)
    {
        this.conductor = conductor;
        this.commands = commands;
        this.threading = threading;
    }

    @Override
    public void onStart()
    {
        threading.conductorThread(Thread.currentThread());
    }

    @Override
    public int doWork()
    {
        return commands.drain() + conductor.poll();
    }

    @Override
    public String roleName()
    {
        return ROLE_NAME;
    }
}
