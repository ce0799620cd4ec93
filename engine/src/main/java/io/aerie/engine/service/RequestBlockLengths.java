package io.aerie.engine.service;

import io.aerie.codecs.AddAuthRequestDecoder;
import io.aerie.codecs.AddWatchRequestDecoder;
import io.aerie.codecs.CloseSessionRequestDecoder;
import io.aerie.codecs.ConnectRequestDecoder;
import io.aerie.codecs.CreateRequestDecoder;
import io.aerie.codecs.DeleteRequestDecoder;
import io.aerie.codecs.ExistsRequestDecoder;
import io.aerie.codecs.GetACLRequestDecoder;
import io.aerie.codecs.GetAllChildrenNumberRequestDecoder;
import io.aerie.codecs.GetChildrenRequestDecoder;
import io.aerie.codecs.GetDataRequestDecoder;
import io.aerie.codecs.GetEphemeralsRequestDecoder;
import io.aerie.codecs.KeepAliveRequestDecoder;
import io.aerie.codecs.MultiRequestDecoder;
import io.aerie.codecs.RemoveWatchesRequestDecoder;
import io.aerie.codecs.SetACLRequestDecoder;
import io.aerie.codecs.SetDataRequestDecoder;
import io.aerie.codecs.SyncRequestDecoder;

/**
 * The shortest fixed-field block each request may carry: its length in schema version 0, the oldest encoder
 * this cluster still reads. A message from a newer client may carry a longer block (fields appended); a
 * shorter one is malformed. Fields appended since version 0 are read only when the block holds them.
 */
final class RequestBlockLengths
{
    private RequestBlockLengths()
    {
    }

    /**
     * @return the block length a request of this template needs, or 0 for templates that are not requests.
     */
    static int of(final int templateId)
    {
        switch (templateId)
        {
            case ConnectRequestDecoder.TEMPLATE_ID: return ConnectRequestDecoder.BLOCK_LENGTH;
            case KeepAliveRequestDecoder.TEMPLATE_ID: return KeepAliveRequestDecoder.BLOCK_LENGTH;
            case CloseSessionRequestDecoder.TEMPLATE_ID: return CloseSessionRequestDecoder.BLOCK_LENGTH;
            case AddAuthRequestDecoder.TEMPLATE_ID: return AddAuthRequestDecoder.BLOCK_LENGTH;
            case CreateRequestDecoder.TEMPLATE_ID: return CreateRequestDecoder.dataIsNullEncodingOffset();
            case DeleteRequestDecoder.TEMPLATE_ID: return DeleteRequestDecoder.BLOCK_LENGTH;
            case ExistsRequestDecoder.TEMPLATE_ID: return ExistsRequestDecoder.BLOCK_LENGTH;
            case GetDataRequestDecoder.TEMPLATE_ID: return GetDataRequestDecoder.BLOCK_LENGTH;
            case SetDataRequestDecoder.TEMPLATE_ID: return SetDataRequestDecoder.dataIsNullEncodingOffset();
            case GetChildrenRequestDecoder.TEMPLATE_ID: return GetChildrenRequestDecoder.BLOCK_LENGTH;
            case GetAllChildrenNumberRequestDecoder.TEMPLATE_ID: return GetAllChildrenNumberRequestDecoder.BLOCK_LENGTH;
            case GetEphemeralsRequestDecoder.TEMPLATE_ID: return GetEphemeralsRequestDecoder.BLOCK_LENGTH;
            case MultiRequestDecoder.TEMPLATE_ID: return MultiRequestDecoder.BLOCK_LENGTH;
            case SyncRequestDecoder.TEMPLATE_ID: return SyncRequestDecoder.BLOCK_LENGTH;
            case GetACLRequestDecoder.TEMPLATE_ID: return GetACLRequestDecoder.BLOCK_LENGTH;
            case SetACLRequestDecoder.TEMPLATE_ID: return SetACLRequestDecoder.BLOCK_LENGTH;
            case AddWatchRequestDecoder.TEMPLATE_ID: return AddWatchRequestDecoder.BLOCK_LENGTH;
            case RemoveWatchesRequestDecoder.TEMPLATE_ID: return RemoveWatchesRequestDecoder.BLOCK_LENGTH;
            case io.aerie.codecs.WhoAmIRequestDecoder.TEMPLATE_ID: return io.aerie.codecs.WhoAmIRequestDecoder.BLOCK_LENGTH;
            case io.aerie.codecs.DigestRequestDecoder.TEMPLATE_ID: return io.aerie.codecs.DigestRequestDecoder.BLOCK_LENGTH;
            default: return 0;
        }
    }
}
