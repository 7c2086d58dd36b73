package dev.siyu.proposal;

import dev.siyu.fact.Proposal;
import dev.siyu.model.Engagement;

import java.util.Objects;

/**
 * "The customer is at this engagement level" (PLAYBOOK §2). When a round has several, the highest level wins (levels are ordered SILENT &lt; CONVERSING &lt; QUOTED &lt; CUSTOMER &lt; REPEAT); a level below the current one is taken only when no proposal is higher, which is how refunds count orders down.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class EngagementProposal implements Proposal {
    private final String customerId;
    private final Engagement engagement;

    public EngagementProposal(String customerId, Engagement engagement) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.engagement = Objects.requireNonNull(engagement, "engagement");
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public Engagement getEngagement() {
        return engagement;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngagementProposal other && customerId.equals(other.customerId) && engagement.equals(other.engagement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, engagement);
    }

    @Override
    public String toString() {
        return "EngagementProposal[" + customerId + " " + engagement + "]";
    }
}
