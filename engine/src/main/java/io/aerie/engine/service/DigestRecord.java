package io.aerie.engine.service;

/**
 * The last digest a node took, published from the service thread to any other (tests, admin). Created with
 * the service, so a reader holding the service sees it without further synchronisation.
 */
final class DigestRecord
{
    volatile long digest;
    volatile long zxid;
    volatile long count;

    void record(final long digest, final long zxid)
    {
        this.digest = digest;
        this.zxid = zxid;
        this.count = count + 1;
    }
}
