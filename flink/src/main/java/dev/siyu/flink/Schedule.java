package dev.siyu.flink;

/**
 * When a customer is evaluated again if no event comes.
 *
 * <p>Immutable and thread-safe.
 */
public enum Schedule {
    /**
     * Every morning at the sweep time, from the day the customer was added: what {@code siyu simulate}
     * and the in-process day-by-day replay do, so the decisions equal theirs. The default.
     */
    DAILY_SWEEP,
    /**
     * At the next morning's sweep or at the earliest pending task's due time, whichever is
     * earlier: fewer idle evaluations are not saved, but tasks leave the pending list when they
     * fall due. (To move to {@code Decision.nextEvaluationAt()} once the engine returns it.)
     */
    NEXT_DUE
}
