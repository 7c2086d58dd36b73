package dev.siyu.proposal;

import dev.siyu.fact.Proposal;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * "The owner's team must look at this": alert {@code code} (e.g. {@code REPLY_OVERDUE}) about event
 * {@code eventId} ({@code ""} for none). An alert with a due time (a missed deadline) is dropped
 * when that time is history at the round's clock (more than the contact policy's history limit,
 * 24 h by default, PLAYBOOK §9). No alert is raised after the customer deleted us.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class AlertProposal implements Proposal {
    private final String customerId;
    private final String code;
    private final String eventId;
    private final OffsetDateTime dueAt;

    /** An alert raised now. */
    public AlertProposal(String customerId, String code, String eventId) {
        this(customerId, code, eventId, null);
    }

    /** An alert that was due at {@code dueAt}; dropped when that is history. */
    public AlertProposal(String customerId, String code, String eventId, OffsetDateTime dueAt) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.code = Objects.requireNonNull(code, "code");
        this.eventId = eventId == null ? "" : eventId;
        this.dueAt = dueAt;
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public String getCode() {
        return code;
    }

    /** The event the alert is about, or {@code ""}. */
    public String getEventId() {
        return eventId;
    }

    /** When the alert was due, if it has a due time. */
    public Optional<OffsetDateTime> getDueAt() {
        return Optional.ofNullable(dueAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertProposal other && customerId.equals(other.customerId) && code.equals(other.code)
                && eventId.equals(other.eventId) && Objects.equals(dueAt, other.dueAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, code, eventId, dueAt);
    }

    @Override
    public String toString() {
        return "AlertProposal[" + customerId + " " + code + " " + eventId + "]";
    }
}
