package io.aerie.codecs;

import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.xml.IrGenerator;
import uk.co.real_logic.sbe.xml.ParserOptions;
import uk.co.real_logic.sbe.xml.XmlSchemaParser;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire layout of a schema as SBE's own IR (what the code generator works from) describes it, one line per element:
 * {@code <key> :: <attributes>}. The key names the element by what identifies it on the wire (template id, field id,
 * group id; type and value names), the attributes are what an existing element must keep (name, offset, type,
 * length, presence, sinceVersion). Block and group entry lengths are left out: appending fields changes them.
 */
final class SchemaLayout
{
    /** Separates an element's key from its attributes. */
    static final String SEPARATOR = " :: ";

    private SchemaLayout()
    {
    }

    /**
     * @param schemaResource the schema on the classpath, e.g. {@code /aerie-schema.xml}.
     * @return the schema's version and layout lines, in schema order.
     */
    static Layout of(final String schemaResource) throws Exception
    {
        try (InputStream in = SchemaLayout.class.getResourceAsStream(schemaResource))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("not on the classpath: " + schemaResource);
            }
            final Ir ir = new IrGenerator().generate(XmlSchemaParser.parse(in, ParserOptions.DEFAULT));
            final List<String> lines = new ArrayList<>();
            lines.add("schema" + SEPARATOR + "id=" + ir.id() + " byteOrder=" + ir.byteOrder() + " package=" +
                ir.packageName() + " sinceVersion=0");
            // In a stable order for a reader of the frozen copy: types by name, messages by template id.
            final List<List<Token>> types = new ArrayList<>(ir.types());
            types.sort(Comparator.comparing((type) -> type.get(0).name()));
            for (final List<Token> type : types)
            {
                addType(type, lines);
            }
            final List<List<Token>> messages = new ArrayList<>(ir.messages());
            messages.sort(Comparator.comparingInt((message) -> message.get(0).id()));
            for (final List<Token> message : messages)
            {
                addMessage(message, lines);
            }
            return new Layout(ir.version(), lines);
        }
    }

    /**
     * @return the sinceVersion attribute of a layout line.
     */
    static int sinceVersion(final String line)
    {
        final int at = line.lastIndexOf("sinceVersion=");
        return Integer.parseInt(line.substring(at + "sinceVersion=".length()).trim());
    }

    /**
     * @return the key of a layout line.
     */
    static String key(final String line)
    {
        return line.substring(0, line.indexOf(SEPARATOR));
    }

    /**
     * @return each frozen element whose line differs in the current layout, or is missing from it, as
     * "frozen: ... / now: ..." text.
     */
    static List<String> changed(final List<String> frozenLines, final List<String> currentLines)
    {
        final Map<String, String> current = byKey(currentLines);
        final List<String> changed = new ArrayList<>();
        for (final Map.Entry<String, String> frozen : byKey(frozenLines).entrySet())
        {
            final String now = current.get(frozen.getKey());
            if (!frozen.getValue().equals(now))
            {
                changed.add("  frozen: " + frozen.getValue() + "\n  now:    " + (null == now ? "(missing)" : now));
            }
        }
        return changed;
    }

    /**
     * @return the current elements the frozen layout does not have whose sinceVersion is not above the frozen version.
     */
    static List<String> addedAtOrBelow(
        final int frozenVersion, final List<String> frozenLines, final List<String> currentLines)
    {
        final Map<String, String> frozen = byKey(frozenLines);
        final Map<String, String> current = byKey(currentLines);
        final List<String> added = new ArrayList<>();
        for (final String line : currentLines)
        {
            if (!frozen.containsKey(key(line)) && sinceVersion(line) <= frozenVersion &&
                !isInMessageAddedAfter(frozenVersion, key(line), current))
            {
                added.add("  " + line);
            }
        }
        return added;
    }

    /**
     * The fields, groups and var data of a message that is itself new since the frozen version are new with it: SBE
     * versions the message, its elements need no sinceVersion of their own.
     */
    private static boolean isInMessageAddedAfter(
        final int frozenVersion, final String key, final Map<String, String> current)
    {
        final String[] parts = key.split(" ");
        if (parts.length <= 2 || !"message".equals(parts[0]))
        {
            return false;
        }
        final String message = current.get(parts[0] + " " + parts[1]);
        return null != message && sinceVersion(message) > frozenVersion;
    }

    private static Map<String, String> byKey(final List<String> lines)
    {
        final Map<String, String> byKey = new LinkedHashMap<>();
        for (final String line : lines)
        {
            if (null != byKey.put(key(line), line))
            {
                throw new IllegalStateException("two elements with one key: " + line);
            }
        }
        return byKey;
    }

    private static void addType(final List<Token> tokens, final List<String> lines)
    {
        final Token begin = tokens.get(0);
        final String kind = begin.signal() == Signal.BEGIN_ENUM ? "enum" :
            begin.signal() == Signal.BEGIN_SET ? "set" : begin.signal() == Signal.BEGIN_COMPOSITE ? "composite" : "type";
        lines.add(kind + " " + begin.name() + SEPARATOR + "encoding=" + typeOf(begin) + " length=" +
            begin.encodedLength() + " sinceVersion=" + begin.version());
        for (int i = 1; i < tokens.size() - 1; i += Math.max(1, tokens.get(i).componentTokenCount()))
        {
            final Token token = tokens.get(i);
            if (Signal.VALID_VALUE == token.signal())
            {
                lines.add(kind + " " + begin.name() + " value " + token.name() + SEPARATOR + "value=" +
                    token.encoding().constValue() + " sinceVersion=" + token.version());
            }
            else if (Signal.CHOICE == token.signal())
            {
                lines.add(kind + " " + begin.name() + " choice " + token.name() + SEPARATOR + "bit=" +
                    token.encoding().constValue() + " sinceVersion=" + token.version());
            }
            else
            {
                lines.add(kind + " " + begin.name() + " member " + token.name() + SEPARATOR + "offset=" +
                    token.offset() + " type=" + typeOf(token) + " length=" + token.encodedLength() + " presence=" +
                    token.encoding().presence() + " sinceVersion=" + token.version());
            }
        }
    }

    private static void addMessage(final List<Token> tokens, final List<String> lines)
    {
        final Token begin = tokens.get(0);
        final String prefix = "message " + begin.id();
        lines.add(prefix + SEPARATOR + "name=" + begin.name() + " sinceVersion=" + begin.version());
        final Deque<String> scope = new ArrayDeque<>();
        scope.push(prefix);
        int i = 1;
        while (i < tokens.size() - 1)
        {
            final Token token = tokens.get(i);
            switch (token.signal())
            {
                case BEGIN_FIELD:
                {
                    final Token type = tokens.get(i + 1);
                    lines.add(scope.peek() + " field " + token.id() + SEPARATOR + "name=" + token.name() + " offset=" +
                        token.offset() + " type=" + typeOf(type) + " length=" + type.encodedLength() + " presence=" +
                        type.encoding().presence() + " sinceVersion=" + token.version());
                    i += token.componentTokenCount();
                    break;
                }
                case BEGIN_GROUP:
                {
                    final Token dimensions = tokens.get(i + 1);
                    final String group = scope.peek() + " group " + token.id();
                    lines.add(group + SEPARATOR + "name=" + token.name() + " dimensions=" + dimensions.name() +
                        " sinceVersion=" + token.version());
                    scope.push(group);
                    i += 1 + dimensions.componentTokenCount();
                    break;
                }
                case END_GROUP:
                    scope.pop();
                    i++;
                    break;
                case BEGIN_VAR_DATA:
                {
                    final Token type = tokens.get(i + 1);
                    lines.add(scope.peek() + " data " + token.id() + SEPARATOR + "name=" + token.name() + " type=" +
                        type.name() + " sinceVersion=" + token.version());
                    i += token.componentTokenCount();
                    break;
                }
                default:
                    i++;
            }
        }
    }

    /**
     * @return the token's type: a named enum, set or composite, or a primitive type (with its array length if any).
     */
    private static String typeOf(final Token token)
    {
        switch (token.signal())
        {
            case BEGIN_ENUM:
            case BEGIN_SET:
            case BEGIN_COMPOSITE:
                return token.name() + (null == token.encoding().primitiveType() ? "" : "/" + token.encoding().primitiveType());
            default:
                return null == token.encoding().primitiveType() ? token.name() :
                    token.encoding().primitiveType() + (token.arrayLength() > 1 ? "[" + token.arrayLength() + "]" : "");
        }
    }

    /**
     * A schema's version and its layout lines.
     */
    record Layout(int version, List<String> lines)
    {
    }
}
