package io.aerie.codecs;

/**
 * What the engine and the client know about each request template, in one table: the answer's template, the
 * shortest fixed block a request may carry, and how it is handled (a write whose answer is remembered for
 * resends, a read whose answer is its only effect, a read a node may answer from its own state). Hand-written
 * beside the generated codecs; adding a request to the schema means adding its row here
 * ({@code RequestTypesTest} fails until it is).
 * <p>
 * Lookups are array reads: no allocation, any thread.
 */
public final class RequestTypes
{
    /** A request that needs no session: it opens or resumes one. */
    public static final int SESSIONLESS = 1;
    /** A request whose answer is remembered by its session, so a resend is answered again, not applied again. */
    public static final int REMEMBERED = 2;
    /** A read whose only effect is its answer: no watch, no state. Only the leader need compute it. */
    public static final int ANSWER_ONLY = 4;
    /** A read a node may answer from its own state, between log entries, unless it asks to leave a watch. */
    public static final int LOCAL_READ = 8;

    /** Every response carries these three fields at these offsets (checked by {@code RequestTypesTest}). */
    public static final int RESPONSE_CORRELATION_ID_OFFSET = 0;
    /** Offset of a response's result code in its block. */
    public static final int RESPONSE_CODE_OFFSET = 8;
    /** Offset of a response's zxid in its block. */
    public static final int RESPONSE_ZXID_OFFSET = 16;

    private static final int TABLE_SIZE = 128;
    private static final int NOT_A_REQUEST = -1;
    private static final int[] MIN_BLOCK_LENGTH = new int[TABLE_SIZE];
    private static final int[] RESPONSE_TEMPLATE_ID = new int[TABLE_SIZE];
    private static final int[] FLAGS = new int[TABLE_SIZE];
    private static final int[] WATCH_FLAG_OFFSET = new int[TABLE_SIZE];
    private static final boolean[] IS_RESPONSE = new boolean[TABLE_SIZE];

    static
    {
        java.util.Arrays.fill(MIN_BLOCK_LENGTH, NOT_A_REQUEST);
        java.util.Arrays.fill(WATCH_FLAG_OFFSET, NOT_A_REQUEST);

        // Sessions and authentication.
        row(ConnectRequestDecoder.TEMPLATE_ID, ConnectRequestDecoder.BLOCK_LENGTH,
            ConnectResponseDecoder.TEMPLATE_ID, SESSIONLESS, -1);
        row(KeepAliveRequestDecoder.TEMPLATE_ID, KeepAliveRequestDecoder.BLOCK_LENGTH,
            KeepAliveResponseDecoder.TEMPLATE_ID, 0, -1);
        row(CloseSessionRequestDecoder.TEMPLATE_ID, CloseSessionRequestDecoder.BLOCK_LENGTH,
            CloseSessionResponseDecoder.TEMPLATE_ID, 0, -1);
        row(AddAuthRequestDecoder.TEMPLATE_ID, AddAuthRequestDecoder.BLOCK_LENGTH,
            AddAuthResponseDecoder.TEMPLATE_ID, 0, -1);
        row(WhoAmIRequestDecoder.TEMPLATE_ID, WhoAmIRequestDecoder.BLOCK_LENGTH,
            WhoAmIResponseDecoder.TEMPLATE_ID, 0, -1);

        // Writes: the fields appended since version 0 (dataIsNull) are not required.
        row(CreateRequestDecoder.TEMPLATE_ID, CreateRequestDecoder.dataIsNullEncodingOffset(),
            CreateResponseDecoder.TEMPLATE_ID, REMEMBERED, -1);
        row(DeleteRequestDecoder.TEMPLATE_ID, DeleteRequestDecoder.BLOCK_LENGTH,
            DeleteResponseDecoder.TEMPLATE_ID, REMEMBERED, -1);
        row(SetDataRequestDecoder.TEMPLATE_ID, SetDataRequestDecoder.dataIsNullEncodingOffset(),
            SetDataResponseDecoder.TEMPLATE_ID, REMEMBERED, -1);
        row(SetACLRequestDecoder.TEMPLATE_ID, SetACLRequestDecoder.BLOCK_LENGTH,
            SetACLResponseDecoder.TEMPLATE_ID, REMEMBERED, -1);
        row(MultiRequestDecoder.TEMPLATE_ID, MultiRequestDecoder.BLOCK_LENGTH,
            MultiResponseDecoder.TEMPLATE_ID, REMEMBERED, -1);

        // Watches change replicated state but no znode: remembered like writes.
        row(AddWatchRequestDecoder.TEMPLATE_ID, AddWatchRequestDecoder.BLOCK_LENGTH,
            AddWatchResponseDecoder.TEMPLATE_ID, REMEMBERED, -1);
        row(RemoveWatchesRequestDecoder.TEMPLATE_ID, RemoveWatchesRequestDecoder.BLOCK_LENGTH,
            RemoveWatchesResponseDecoder.TEMPLATE_ID, REMEMBERED, -1);

        // Reads: the ones that can leave a watch are applied on every member, as their watch is replicated state.
        row(ExistsRequestDecoder.TEMPLATE_ID, ExistsRequestDecoder.BLOCK_LENGTH,
            ExistsResponseDecoder.TEMPLATE_ID, LOCAL_READ, ExistsRequestDecoder.watchEncodingOffset());
        row(GetDataRequestDecoder.TEMPLATE_ID, GetDataRequestDecoder.BLOCK_LENGTH,
            GetDataResponseDecoder.TEMPLATE_ID, LOCAL_READ, GetDataRequestDecoder.watchEncodingOffset());
        row(GetChildrenRequestDecoder.TEMPLATE_ID, GetChildrenRequestDecoder.BLOCK_LENGTH,
            GetChildrenResponseDecoder.TEMPLATE_ID, LOCAL_READ, GetChildrenRequestDecoder.watchEncodingOffset());
        row(GetAllChildrenNumberRequestDecoder.TEMPLATE_ID, GetAllChildrenNumberRequestDecoder.BLOCK_LENGTH,
            GetAllChildrenNumberResponseDecoder.TEMPLATE_ID, ANSWER_ONLY | LOCAL_READ, -1);
        row(GetEphemeralsRequestDecoder.TEMPLATE_ID, GetEphemeralsRequestDecoder.BLOCK_LENGTH,
            GetEphemeralsResponseDecoder.TEMPLATE_ID, ANSWER_ONLY | LOCAL_READ, -1);
        row(GetACLRequestDecoder.TEMPLATE_ID, GetACLRequestDecoder.BLOCK_LENGTH,
            GetACLResponseDecoder.TEMPLATE_ID, ANSWER_ONLY | LOCAL_READ, -1);
        row(SyncRequestDecoder.TEMPLATE_ID, SyncRequestDecoder.BLOCK_LENGTH,
            SyncResponseDecoder.TEMPLATE_ID, ANSWER_ONLY, -1);
        row(DigestRequestDecoder.TEMPLATE_ID, DigestRequestDecoder.BLOCK_LENGTH,
            DigestResponseDecoder.TEMPLATE_ID, 0, -1);

        IS_RESPONSE[ErrorResponseDecoder.TEMPLATE_ID] = true;
    }

    private RequestTypes()
    {
    }

    /**
     * @param templateId from a message header.
     * @return true if it is a request a client sends to the service.
     */
    public static boolean isRequest(final int templateId)
    {
        return inTable(templateId) && NOT_A_REQUEST != MIN_BLOCK_LENGTH[templateId];
    }

    /**
     * The shortest fixed-field block a request may carry: its length in schema version 0, the oldest encoder this
     * cluster still reads. A newer client's block may be longer (fields appended); a shorter one is malformed.
     *
     * @param templateId from a message header.
     * @return the block length a request of this template needs, or 0 for templates that are not requests.
     */
    public static int minBlockLength(final int templateId)
    {
        return isRequest(templateId) ? MIN_BLOCK_LENGTH[templateId] : 0;
    }

    /**
     * @param requestTemplateId a request's template id.
     * @return the template id of its answer, or 0 for templates that are not requests.
     */
    public static int responseTemplateId(final int requestTemplateId)
    {
        return isRequest(requestTemplateId) ? RESPONSE_TEMPLATE_ID[requestTemplateId] : 0;
    }

    /**
     * @param templateId from a message header.
     * @return true for an answer to a request (ErrorResponse included), which starts with correlationId, code and
     * zxid at {@link #RESPONSE_CORRELATION_ID_OFFSET}, {@link #RESPONSE_CODE_OFFSET}, {@link #RESPONSE_ZXID_OFFSET}.
     */
    public static boolean isResponse(final int templateId)
    {
        return inTable(templateId) && IS_RESPONSE[templateId];
    }

    /**
     * @param templateId from a message header.
     * @param flag       one of {@link #SESSIONLESS}, {@link #REMEMBERED}, {@link #ANSWER_ONLY}, {@link #LOCAL_READ}.
     * @return true if the template is a request with that property.
     */
    public static boolean is(final int templateId, final int flag)
    {
        return inTable(templateId) && 0 != (FLAGS[templateId] & flag);
    }

    /**
     * @param templateId a {@link #LOCAL_READ} request's template id.
     * @return offset in its block of the {@link BooleanType} that asks for a watch, or -1 if it has none.
     */
    public static int watchFlagOffset(final int templateId)
    {
        return inTable(templateId) ? WATCH_FLAG_OFFSET[templateId] : -1;
    }

    private static boolean inTable(final int templateId)
    {
        return templateId >= 0 && templateId < TABLE_SIZE;
    }

    private static void row(
        final int templateId, final int minBlockLength, final int responseTemplateId, final int flags,
        final int watchFlagOffset)
    {
        MIN_BLOCK_LENGTH[templateId] = minBlockLength;
        RESPONSE_TEMPLATE_ID[templateId] = responseTemplateId;
        FLAGS[templateId] = flags;
        WATCH_FLAG_OFFSET[templateId] = watchFlagOffset;
        IS_RESPONSE[responseTemplateId] = true;
    }
}
