package dev.siyu.proposal;

import dev.siyu.fact.Proposal;

import java.util.Objects;

/**
 * "Hand the customer to this owner" (a sales account or a desk). When a round has several different owners, the one proposed by the rule whose name sorts first wins. Tasks and suggestions of the round go to the resolved owner.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class OwnerProposal implements Proposal {
    private final String customerId;
    private final String owner;

    public OwnerProposal(String customerId, String owner) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public String getOwner() {
        return owner;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OwnerProposal other && customerId.equals(other.customerId) && owner.equals(other.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, owner);
    }

    @Override
    public String toString() {
        return "OwnerProposal[" + customerId + " " + owner + "]";
    }
}
