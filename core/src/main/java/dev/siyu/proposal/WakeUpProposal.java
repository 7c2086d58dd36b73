package dev.siyu.proposal;

import dev.siyu.fact.Proposal;

import java.time.OffsetDateTime;

import java.util.Objects;

/**
 * "Evaluate this customer again at {@code at}" even if no event comes (a stage threshold, a holiday): the decision's {@code nextEvaluationAt} is the earliest such time after the evaluation time, together with the engine's own (watched deadlines, pending tasks). Times at or before the evaluation time are ignored.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class WakeUpProposal implements Proposal {
    private final String customerId;
    private final OffsetDateTime at;

    public WakeUpProposal(String customerId, OffsetDateTime at) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.at = Objects.requireNonNull(at, "at");
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public OffsetDateTime getAt() {
        return at;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WakeUpProposal other && customerId.equals(other.customerId) && at.equals(other.at);
    }

    @Override
    public int hashCode() {
        // Objects.hash's value, without its array: the truth-maintenance system hashes every logical proposal
        return 31 * (31 * 31 + customerId.hashCode()) + at.hashCode();
    }

    @Override
    public String toString() {
        return "WakeUpProposal[" + customerId + " " + at + "]";
    }
}
