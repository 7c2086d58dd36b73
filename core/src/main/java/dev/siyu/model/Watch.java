package dev.siyu.model;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A response the customer is owed (PLAYBOOK §6): event {@code eventId} at {@code at} must be answered
 * by {@code deadline}, or an alert with {@code code} is raised. Kept in {@link Memory#watches()}
 * until it is answered or raised.
 *
 * <p>Immutable and thread-safe.
 */
public record Watch(String code, String eventId, OffsetDateTime at, OffsetDateTime deadline) {
    public Watch {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(deadline, "deadline");
    }

    public String getCode() {
        return code;
    }

    public String getEventId() {
        return eventId;
    }

    public OffsetDateTime getAt() {
        return at;
    }

    public OffsetDateTime getDeadline() {
        return deadline;
    }

    /** {@code true} when a reply at {@code time} answers this watch: from the event to the deadline, inclusive. */
    public boolean answeredBy(OffsetDateTime time) {
        return !time.isBefore(at) && !time.isAfter(deadline);
    }
}
