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
     * At the decision's {@code nextEvaluationAt} (the earliest SLA deadline, pending task, stage
     * threshold, holiday or solar term): no idle evaluations, so far fewer of them; a customer whose
     * decision asks for no later evaluation sleeps until its next event. If an evaluation is refused,
     * the customer is tried again at the next morning's sweep.
     */
    NEXT_EVALUATION
}
