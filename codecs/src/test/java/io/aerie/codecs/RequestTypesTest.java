package io.aerie.codecs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RequestTypes} against the schema as packaged: every request the service answers has its row, and what
 * the row says matches the generated codecs.
 */
class RequestTypesTest
{
    private static final String SBE_NAMESPACE = "http://fixprotocol.io/2016/sbe";
    /** Requests of other protocols than the service's: the local read channel opens with its own. */
    private static final Set<String> NOT_SERVICE_REQUESTS = Set.of("ReadOpenRequest");

    private static final Map<String, Integer> TEMPLATE_ID_BY_NAME = new TreeMap<>();

    @BeforeAll
    static void parseSchema() throws Exception
    {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        final Document document;
        try (InputStream in = RequestTypesTest.class.getResourceAsStream("/aerie-schema.xml"))
        {
            assertNotNull(in, "aerie-schema.xml on the classpath");
            document = factory.newDocumentBuilder().parse(in);
        }
        final NodeList nodes = document.getElementsByTagNameNS(SBE_NAMESPACE, "message");
        for (int i = 0; i < nodes.getLength(); i++)
        {
            final Element message = (Element)nodes.item(i);
            TEMPLATE_ID_BY_NAME.put(message.getAttribute("name"), Integer.parseInt(message.getAttribute("id")));
        }
        assertFalse(TEMPLATE_ID_BY_NAME.isEmpty());
    }

    @Test
    void shouldHaveARowForEveryServiceRequestAndNothingElse()
    {
        TEMPLATE_ID_BY_NAME.forEach((name, templateId) ->
        {
            final boolean serviceRequest = name.endsWith("Request") && !NOT_SERVICE_REQUESTS.contains(name);
            assertEquals(serviceRequest, RequestTypes.isRequest(templateId), name);
        });
    }

    @Test
    void shouldNameTheAnswerOfEachRequest()
    {
        TEMPLATE_ID_BY_NAME.forEach((name, templateId) ->
        {
            if (RequestTypes.isRequest(templateId))
            {
                final String response = name.substring(0, name.length() - "Request".length()) + "Response";
                assertEquals(TEMPLATE_ID_BY_NAME.get(response), RequestTypes.responseTemplateId(templateId), name);
                assertTrue(RequestTypes.isResponse(RequestTypes.responseTemplateId(templateId)), response);
            }
        });
    }

    @Test
    void shouldNeedNoLongerBlockThanTheGeneratedOne() throws Exception
    {
        for (final Map.Entry<String, Integer> entry : TEMPLATE_ID_BY_NAME.entrySet())
        {
            if (RequestTypes.isRequest(entry.getValue()))
            {
                final int blockLength = Class.forName("io.aerie.codecs." + entry.getKey() + "Decoder")
                    .getField("BLOCK_LENGTH").getInt(null);
                final int minBlockLength = RequestTypes.minBlockLength(entry.getValue());
                assertTrue(minBlockLength > 0 && minBlockLength <= blockLength, entry.getKey());
            }
        }
    }

    @Test
    void shouldFindCorrelationIdCodeAndZxidAtTheSameOffsetsInEveryResponse() throws Exception
    {
        int responses = 0;
        for (final Map.Entry<String, Integer> entry : TEMPLATE_ID_BY_NAME.entrySet())
        {
            if (RequestTypes.isResponse(entry.getValue()))
            {
                final Class<?> decoder = Class.forName("io.aerie.codecs." + entry.getKey() + "Decoder");
                assertEquals(RequestTypes.RESPONSE_CORRELATION_ID_OFFSET, offset(decoder, "correlationId"), entry.getKey());
                assertEquals(RequestTypes.RESPONSE_CODE_OFFSET, offset(decoder, "code"), entry.getKey());
                assertEquals(RequestTypes.RESPONSE_ZXID_OFFSET, offset(decoder, "zxid"), entry.getKey());
                responses++;
            }
        }
        assertEquals(TEMPLATE_ID_BY_NAME.keySet().stream().filter(RequestTypesTest::isAnswer).count(), responses);
    }

    @Test
    void shouldKnowWhichReadsOnlyAnswer()
    {
        assertTrue(RequestTypes.is(SyncRequestDecoder.TEMPLATE_ID, RequestTypes.ANSWER_ONLY));
        assertFalse(RequestTypes.is(GetDataRequestDecoder.TEMPLATE_ID, RequestTypes.ANSWER_ONLY));
        assertFalse(RequestTypes.is(SyncRequestDecoder.TEMPLATE_ID, RequestTypes.LOCAL_READ));
        assertEquals(GetDataRequestDecoder.watchEncodingOffset(), RequestTypes.watchFlagOffset(GetDataRequestDecoder.TEMPLATE_ID));
        assertEquals(-1, RequestTypes.watchFlagOffset(GetACLRequestDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldKnowNothingOfTemplatesOutsideTheTable()
    {
        for (final int templateId : new int[]{ -1, 0, 127, 128, 65_535 })
        {
            assertFalse(RequestTypes.isRequest(templateId));
            assertFalse(RequestTypes.isResponse(templateId));
            assertEquals(0, RequestTypes.minBlockLength(templateId));
            assertFalse(RequestTypes.is(templateId, RequestTypes.REMEMBERED));
        }
    }

    private static boolean isAnswer(final String name)
    {
        return (name.endsWith("Response") && !name.equals("ReadOpenResponse")) || name.equals("ErrorResponse");
    }

    private static int offset(final Class<?> decoder, final String field) throws Exception
    {
        return (int)decoder.getMethod(field + "EncodingOffset").invoke(null);
    }
}
