package dev.siyu.runtime;

/**
 * What {@link SiyuRuntime#ingest} did with an event.
 *
 * <p>Immutable and thread-safe.
 */
public enum Ingested {
    /** Stored and evaluated. */
    STORED,
    /** Its id was already stored for this customer: nothing changed. */
    DUPLICATE
}
