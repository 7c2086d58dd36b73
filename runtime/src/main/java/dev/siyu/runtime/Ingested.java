package dev.siyu.runtime;

/** What {@link SiyuRuntime#ingest} did with an event. */
public enum Ingested {
    /** Stored and evaluated. */
    STORED,
    /** Its id was already stored for this customer: nothing changed. */
    DUPLICATE
}
