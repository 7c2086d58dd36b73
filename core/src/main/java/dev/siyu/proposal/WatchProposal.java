package dev.siyu.proposal;

import dev.siyu.fact.Proposal;
import dev.siyu.model.Watch;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A reply the customer is owed (PLAYBOOK §6): {@link #open} starts waiting for a reply to an event
 * until a deadline, {@link #answer} says our reply at a time answers every watch of a code whose
 * window contains it, {@link #close} stops one watch (after its alert was raised). The resolver
 * applies a round's opens, then answers, then closes.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class WatchProposal implements Proposal {

    /** What happens to the watch. */
    public enum Operation {
        OPEN, ANSWER, CLOSE
    }

    private final String customerId;
    private final Operation operation;
    private final String code;
    private final String eventId;
    private final OffsetDateTime at;
    private final OffsetDateTime deadline;

    private WatchProposal(String customerId, Operation operation, String code, String eventId, OffsetDateTime at,
                          OffsetDateTime deadline) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.operation = operation;
        this.code = Objects.requireNonNull(code, "code");
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.at = Objects.requireNonNull(at, "at");
        this.deadline = deadline;
    }

    /** Waits for a reply to event {@code eventId} (at {@code at}) until {@code deadline}. */
    public static WatchProposal open(String customerId, String code, String eventId, OffsetDateTime at,
                                     OffsetDateTime deadline) {
        return new WatchProposal(customerId, Operation.OPEN, code, eventId, at, Objects.requireNonNull(deadline, "deadline"));
    }

    /** Our reply at {@code replyAt} answers every watch of {@code code} whose window contains it. */
    public static WatchProposal answer(String customerId, String code, OffsetDateTime replyAt) {
        return new WatchProposal(customerId, Operation.ANSWER, code, "", replyAt, null);
    }

    /** Stops watching {@code watch} (one of {@code Profile.overdueWatches(now)}). */
    public static WatchProposal close(String customerId, Watch watch) {
        return new WatchProposal(customerId, Operation.CLOSE, watch.code(), watch.eventId(), watch.at(), watch.deadline());
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public Operation getOperation() {
        return operation;
    }

    public String getCode() {
        return code;
    }

    /** The watched event ({@code ""} for an answer). */
    public String getEventId() {
        return eventId;
    }

    /** When the watched event happened, or when the reply came (for an answer). */
    public OffsetDateTime getAt() {
        return at;
    }

    /** The deadline, or {@code null} for an answer. */
    public OffsetDateTime getDeadline() {
        return deadline;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatchProposal other && customerId.equals(other.customerId) && operation == other.operation
                && code.equals(other.code) && eventId.equals(other.eventId) && at.equals(other.at)
                && Objects.equals(deadline, other.deadline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, operation, code, eventId, at, deadline);
    }

    @Override
    public String toString() {
        return "WatchProposal[" + customerId + " " + operation + " " + code + " " + eventId + "]";
    }
}
