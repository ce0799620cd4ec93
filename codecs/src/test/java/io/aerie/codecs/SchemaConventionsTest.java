package io.aerie.codecs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The conventions of aerie-schema.xml that SBE itself does not enforce, checked on the schema as
 * packaged, so that a future edit that breaks one fails here rather than in the engine or client.
 */
class SchemaConventionsTest
{
    private static final String SBE_NAMESPACE = "http://fixprotocol.io/2016/sbe";
    private static final int REQUEST_TO_RESPONSE_OFFSET = 40;

    private static List<Element> messages;
    private static Map<String, Integer> templateIdByName;

    @BeforeAll
    static void parseSchema() throws Exception
    {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        final Document document;
        try (InputStream in = SchemaConventionsTest.class.getResourceAsStream("/aerie-schema.xml"))
        {
            assertNotNull(in, "aerie-schema.xml on the classpath");
            document = factory.newDocumentBuilder().parse(in);
        }

        messages = new ArrayList<>();
        templateIdByName = new HashMap<>();
        final NodeList nodes = document.getElementsByTagNameNS(SBE_NAMESPACE, "message");
        for (int i = 0; i < nodes.getLength(); i++)
        {
            final Element message = (Element)nodes.item(i);
            messages.add(message);
            templateIdByName.put(message.getAttribute("name"), Integer.parseInt(message.getAttribute("id")));
        }
        assertFalse(messages.isEmpty());
    }

    @Test
    void shouldDescribeEveryMessageGroupAndField()
    {
        for (final Element message : messages)
        {
            assertDescribed(message, message.getAttribute("name"));
            for (final Element member : descendants(message))
            {
                assertDescribed(member, message.getAttribute("name") + "." + member.getAttribute("name"));
            }
        }
    }

    @Test
    void shouldGiveEveryFieldAnIdUniqueWithinItsMessage()
    {
        for (final Element message : messages)
        {
            final Set<String> ids = new HashSet<>();
            for (final Element member : descendants(message))
            {
                assertTrue(ids.add(member.getAttribute("id")),
                    () -> message.getAttribute("name") + " reuses id " + member.getAttribute("id"));
            }
        }
    }

    @Test
    void shouldKeepTemplateIdsUniqueAndInsideTheirRanges()
    {
        final Set<Integer> seen = new HashSet<>();
        for (final Map.Entry<String, Integer> entry : templateIdByName.entrySet())
        {
            final String name = entry.getKey();
            final int id = entry.getValue();
            assertTrue(seen.add(id), () -> "duplicate template id " + id);
            if (id >= 10 && id <= 14)
            {
                // Framing and credentials, not requests: the header before every request, what Aeron's connect
                // carries, what the node's authenticator makes of it, the header before every local read, and a
                // node's offer of its read channel over IPC.
                assertTrue(Set.of("SessionHeader", "Credentials", "Principal", "ReadHeader", "ReadIpcOffer")
                    .contains(name), name);
            }
            else if (id >= 1 && id <= 19)
            {
                assertTrue(name.endsWith("Request") || name.endsWith("Response") || name.endsWith("Event"), name);
            }
            else if (id >= 20 && id <= 59)
            {
                assertTrue(name.endsWith("Request"), name);
            }
            else if (id >= 60 && id <= 99)
            {
                assertTrue(name.endsWith("Response"), name);
            }
            else if (id >= 100 && id <= 119)
            {
                assertTrue(name.endsWith("Event"), name);
            }
            else
            {
                fail(name + " has template id " + id + " outside every range");
            }
        }
    }

    @Test
    void shouldStartEveryRequestWithCorrelationId()
    {
        for (final Element message : messages)
        {
            if (message.getAttribute("name").endsWith("Request"))
            {
                final List<Element> fields = children(message, "field");
                assertField(message, fields, 0, "correlationId", "int64");
            }
        }
    }

    @Test
    void shouldStartEveryResponseWithCorrelationIdCodeAndZxid()
    {
        for (final Element message : messages)
        {
            if (message.getAttribute("name").endsWith("Response"))
            {
                final List<Element> fields = children(message, "field");
                assertField(message, fields, 0, "correlationId", "int64");
                assertField(message, fields, 1, "code", "ResultCode");
                assertField(message, fields, 2, "zxid", "int64");
            }
        }
    }

    @Test
    void shouldPairEveryRequestWithItsResponse()
    {
        for (final Map.Entry<String, Integer> entry : templateIdByName.entrySet())
        {
            final String name = entry.getKey();
            if (name.endsWith("Request"))
            {
                final int requestId = entry.getValue();
                final String responseName = name.substring(0, name.length() - "Request".length()) + "Response";
                final int expectedResponseId = requestId < 20 ? requestId + 1 : requestId + REQUEST_TO_RESPONSE_OFFSET;
                assertEquals(Integer.valueOf(expectedResponseId), templateIdByName.get(responseName), responseName);
            }
        }
    }

    @Test
    void shouldAlignEveryRootBlockFieldToItsSize() throws Exception
    {
        for (final String name : templateIdByName.keySet())
        {
            final Class<?> encoder = Class.forName("io.aerie.codecs." + name + "Encoder");
            int checked = 0;
            for (final Method method : encoder.getDeclaredMethods())
            {
                final String methodName = method.getName();
                if (methodName.endsWith("EncodingOffset") && method.getParameterCount() == 0)
                {
                    final String field = methodName.substring(0, methodName.length() - "EncodingOffset".length());
                    final int offset = (int)method.invoke(null);
                    final int length = (int)encoder.getMethod(field + "EncodingLength").invoke(null);
                    final int alignment = Math.min(Integer.highestOneBit(length), Long.BYTES);
                    assertEquals(0, offset % alignment, () -> name + "." + field + " at offset " + offset);
                    checked++;
                }
            }
            assertTrue(checked > 0, name);
        }
    }

    private static void assertDescribed(final Element element, final String what)
    {
        assertFalse(element.getAttribute("description").isBlank(), () -> what + " has no description");
    }

    private static void assertField(
        final Element message, final List<Element> fields, final int index, final String name, final String type)
    {
        final String messageName = message.getAttribute("name");
        assertTrue(fields.size() > index, () -> messageName + " has too few fields");
        assertEquals(name, fields.get(index).getAttribute("name"), messageName);
        assertEquals(type, fields.get(index).getAttribute("type"), messageName + "." + name);
    }

    /** Direct children of the given tag: the root block's fields, not those inside groups. */
    private static List<Element> children(final Element parent, final String tag)
    {
        final List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling())
        {
            if (node instanceof Element && tag.equals(node.getLocalName()))
            {
                result.add((Element)node);
            }
        }
        return result;
    }

    /** Every field, group and var data element of a message, groups' members included. */
    private static List<Element> descendants(final Element parent)
    {
        final List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling())
        {
            if (node instanceof Element)
            {
                final Element element = (Element)node;
                result.add(element);
                if ("group".equals(element.getLocalName()))
                {
                    result.addAll(descendants(element));
                }
            }
        }
        return result;
    }
}
