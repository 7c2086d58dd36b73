package dev.siyu.proposal;

import dev.siyu.fact.Proposal;

import java.util.Objects;

/**
 * A once-only marker: "this happened" (a holiday greeted, an alert raised), kept across evaluations for the retention window. Rules test it with {@code Profile.isMarked(key)} and propose it beside the effect it guards; the mark is set when the round settles, at the round's clock.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class MarkProposal implements Proposal {
    private final String customerId;
    private final String key;

    private final boolean again;

    public MarkProposal(String customerId, String key) {
        this(customerId, key, false);
    }

    private MarkProposal(String customerId, String key, boolean again) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.key = Objects.requireNonNull(key, "key");
        this.again = again;
    }

    /** The marker {@code key} set again at the round's clock, replacing the time of an earlier mark (a re-entry). */
    public static MarkProposal again(String customerId, String key) {
        return new MarkProposal(customerId, key, true);
    }

    /** {@code true} when the mark replaces the time of an earlier one. */
    public boolean isAgain() {
        return again;
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public String getKey() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MarkProposal other && customerId.equals(other.customerId) && key.equals(other.key)
                && again == other.again;
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, key, again);
    }

    @Override
    public String toString() {
        return "MarkProposal[" + customerId + " " + key + (again ? " again" : "") + "]";
    }
}
