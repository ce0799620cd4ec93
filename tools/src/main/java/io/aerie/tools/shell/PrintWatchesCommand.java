package io.aerie.tools.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code printwatches [on|off]}: whether watch events are printed (on at start); without an argument, says which.
 * As zkCli, any argument but {@code on} turns printing off. Events still arrive and watches still fire while off.
 */
@Command(
    name = "printwatches",
    customSynopsis = "printwatches on|off",
    description = "Turn the printing of watch events on or off; without an argument, say whether it is on.")
final class PrintWatchesCommand extends ZnodeCommand
{
    private static final String ON = "on";

    @Parameters(index = "0", arity = "0..1", paramLabel = "on|off")
    String onOff;

    public Integer call()
    {
        final EventPrinter watcher = session().watcher();
        if (null == onOff)
        {
            out().println("printwatches is " + (watcher.isPrinting() ? ON : "off"));
        }
        else
        {
            watcher.printing(ON.equals(onOff));
        }
        return 0;
    }
}
