package io.aerie.engine.node;

import io.aerie.codecs.config.AerieProperties;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one node for {@link AerieNode#main(String[])}: launch, wait for SIGTERM, SIGINT, a cluster shutdown or a fatal
 * error, close. A node that must start again from its snapshot and log ({@link UnusableLogWatch}) is closed and
 * launched again here, in the same process, with a new context; the process never ends for it.
 */
final class NodeRunner
{
    private NodeRunner()
    {
    }

    /**
     * The body of {@link AerieNode#main(String[])}: load the optional properties file into the system properties, run
     * nodes, exit with {@link AerieNode#EXIT_FAILED} after a fatal error.
     *
     * @param args {@code [properties-file]}.
     * @throws IOException if the properties file cannot be read.
     */
    static void main(final String[] args) throws IOException
    {
        if (args.length > 1)
        {
            System.err.println("usage: AerieNode [properties-file]");
            System.exit(2);
        }
        if (1 == args.length)
        {
            AerieProperties.loadIntoSystemProperties(Paths.get(args[0]));
        }

        final Throwable fatalError = run(
            AerieNode.Context::new, (node) -> System.out.println("aerie node started: " + node.context()), System.out);
        if (null != fatalError)
        {
            System.err.println("aerie node stopped abnormally: " + fatalError);
            System.exit(AerieNode.EXIT_FAILED);
        }
    }

    /**
     * Run nodes until one stops for a reason other than a restart.
     *
     * @param contexts makes each incarnation's context; its termination hook is replaced.
     * @param onStart  told of each incarnation once launched (the launcher prints it).
     * @param out      where starts, stops and restarts are reported.
     * @return the fatal error that stopped the last node, or null if it stopped as asked.
     */
    static Throwable run(
        final Supplier<AerieNode.Context> contexts, final Consumer<AerieNode> onStart, final PrintStream out)
    {
        while (true)
        {
            final Throwable fatalError;
            final Throwable restartCause;
            try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
                AerieNode node = AerieNode.launch(contexts.get().terminationHook(barrier::signal)))
            {
                onStart.accept(node);
                barrier.await();
                fatalError = node.fatalError();
                restartCause = node.errorHandler().restartCause();
                out.println("aerie node " + node.memberId() + " stopping");
            }

            if (null != fatalError || null == restartCause)
            {
                return fatalError;
            }
            out.println("aerie node restarting from its snapshot and log: " + restartCause.getMessage());
        }
    }
}
