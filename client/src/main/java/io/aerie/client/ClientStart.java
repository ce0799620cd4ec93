package io.aerie.client;

import io.aerie.codecs.ResultCode;
import io.aerie.codecs.SessionState;

/**
 * How a client starts, for {@link AerieClient#connect(AerieClient.Context)}: it connects to the cluster, opens its
 * session (or resumes the one its context names) and waits for the answer, then starts its conductor thread, or in
 * invoker mode hands itself to the application. A start that fails releases what it opened. On the calling thread.
 */
final class ClientStart
{
    private static final byte[] NO_PASSWORD = new byte[0];

    private ClientStart()
    {
    }

    /**
     * @param client a new client, its context concluded.
     * @return the client, connected.
     * @throws AerieException if the session could not be opened; AUTH_FAILED if the cluster refused the credentials.
     */
    static AerieClient start(final AerieClient client) throws AerieException
    {
        final AerieClient.Context ctx = client.ctx;
        try
        {
            client.conductor.connectCluster();
            openSession(client);
            if (ctx.agents().useConductorInvoker())
            {
                client.threading.connected();
            }
            else
            {
                client.threading.start(
                    new ClientConductorAgent(client.conductor, client.commands, client.threading),
                    ctx.agents().idleStrategySupplier().get(),
                    ctx.errorHandler());
            }
            return client;
        }
        catch (final io.aeron.security.AuthenticationException ex)
        {
            // The cluster's authenticator refused the credentials: malformed, or not Aerie's.
            client.conductor.closeResources();
            final AerieException failed = AerieException.create(ResultCode.AUTH_FAILED, null);
            failed.initCause(ex);
            throw failed;
        }
        catch (final AerieException | RuntimeException ex)
        {
            client.conductor.closeResources();
            throw ex;
        }
    }

    private static void openSession(final AerieClient client) throws AerieException
    {
        final BlockingResult blocking = client.calls.arm();
        final long correlationId = client.conductor.nextCorrelationId();
        final ClientSession.Context session = client.ctx.session();
        final long resumeId = session.resumeSessionId();
        final byte[] password = 0 == resumeId ? NO_PASSWORD : session.resumePassword();
        client.conductor.send(correlationId,
            client.encoder.connect(correlationId, session.sessionTimeoutMs(), resumeId, password, 0), blocking);
        client.calls.awaitAnswer(correlationId, blocking);
        if (ResultCode.OK != blocking.code)
        {
            throw AerieException.create(blocking.code, null);
        }
        client.conductor.changeState(SessionState.CONNECTED);
    }
}
