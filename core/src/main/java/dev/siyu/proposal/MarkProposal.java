package dev.siyu.proposal;


import java.util.Objects;

/**
 * A once-only marker: "this happened" (a holiday greeted, an alert raised), kept across evaluations for the retention window. Rules test it with {@code Profile.isMarked(key)} and propose it beside the effect it guards; the mark is set when the round settles, at the round's clock.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class MarkProposal implements Proposal {
    private final String customerId;
    private final String key;

    public MarkProposal(String customerId, String key) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.key = Objects.requireNonNull(key, "key");
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
        return o instanceof MarkProposal other && customerId.equals(other.customerId) && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, key);
    }

    @Override
    public String toString() {
        return "MarkProposal[" + customerId + " " + key + "]";
    }
}
