package dev.siyu.runtime;

/**
 * Where an outbox entry stands.
 *
 * <p>Immutable and thread-safe.
 */
public enum OutboxStatus {
    /** Waiting for its due time, or being delivered and retried. */
    PENDING,
    /** Handed to the host and recorded; never handed over again. */
    DELIVERED,
    /** Withdrawn by a {@code CANCEL_TASK} before delivery. */
    CANCELLED,
    /** Every delivery attempt failed; the last error is kept. */
    FAILED
}
