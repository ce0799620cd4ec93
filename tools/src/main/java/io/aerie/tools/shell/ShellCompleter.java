package io.aerie.tools.shell;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.List;
import java.util.function.Function;

/**
 * Tab completion: the first word (and the word after {@code help}) from the command names; a word starting with
 * {@code /} from the children of the parent it names ({@code /app/co} lists {@code /app}'s children; JLine keeps
 * those starting with {@code co}). A completed path gets no trailing space, so the next {@code /} and name can
 * follow. Called on the reader thread.
 */
final class ShellCompleter implements Completer
{
    private final List<String> commandNames;
    private final Function<String, List<String>> childrenOf;

    /**
     * @param commandNames the shell's commands.
     * @param childrenOf   children of a path, empty when unknown; bounded in time, as it runs while the user waits.
     */
    ShellCompleter(final List<String> commandNames, final Function<String, List<String>> childrenOf)
    {
        this.commandNames = commandNames;
        this.childrenOf = childrenOf;
    }

    public void complete(final LineReader reader, final ParsedLine line, final List<Candidate> candidates)
    {
        final String word = line.word().substring(0, line.wordCursor());
        if (0 == line.wordIndex() || (1 == line.wordIndex() && "help".equals(line.words().get(0))))
        {
            for (final String name : commandNames)
            {
                candidates.add(new Candidate(name));
            }
        }
        else if (word.startsWith("/"))
        {
            final int slash = word.lastIndexOf('/');
            final String parent = 0 == slash ? "/" : word.substring(0, slash);
            for (final String child : childrenOf.apply(parent))
            {
                final String path = ZnodeCommand.child(parent, child);
                candidates.add(new Candidate(path, child, null, null, null, null, false));
            }
        }
    }
}
