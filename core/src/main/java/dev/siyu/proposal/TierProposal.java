package dev.siyu.proposal;

import dev.siyu.fact.Proposal;
import dev.siyu.model.Tier;

import java.util.Objects;

/**
 * "The customer is in this tier". When a round has several, the highest tier wins (by the rank of the packs' tier catalog).
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class TierProposal implements Proposal {
    private final String customerId;
    private final Tier tier;

    public TierProposal(String customerId, Tier tier) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.tier = Objects.requireNonNull(tier, "tier");
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public Tier getTier() {
        return tier;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TierProposal other && customerId.equals(other.customerId) && tier.equals(other.tier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, tier);
    }

    @Override
    public String toString() {
        return "TierProposal[" + customerId + " " + tier + "]";
    }
}
