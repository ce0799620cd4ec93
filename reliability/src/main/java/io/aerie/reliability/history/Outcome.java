package io.aerie.reliability.history;

/**
 * How an operation ended, in Jepsen's terms.
 */
public enum Outcome
{
    /** It took effect, and its results are known. */
    OK,
    /** It certainly did not take effect (for example a version check refused it). */
    FAIL,
    /** Indeterminate: it may or may not have taken effect, now or at any later time (a timeout, a lost connection). */
    INFO
}
