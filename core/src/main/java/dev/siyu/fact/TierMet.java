package dev.siyu.fact;

import dev.siyu.model.Tier;

import java.util.Objects;

/**
 * "The customer meets a row of this tier's criteria": what a row of a tier decision table
 * ({@code vip-criteria.drl.csv}) inserts, with {@code insertLogical}, when all its filled
 * conditions hold. The playbook's tier rule ({@code tiers.drl}) takes the highest tier met
 * ({@link #outranks}) and proposes it, its desk and its welcome task.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class TierMet {
    private final String customerId;
    private final Tiers.Declaration declaration;
    private final String rule;
    private final String reason;

    /**
     * The customer of {@code standing} meets its tier by the row rule {@code rule}; {@code reason}
     * is the row's own words for explanations (no personal data).
     */
    public TierMet(TierStanding standing, String rule, String reason) {
        this.customerId = standing.getCustomerId();
        this.declaration = standing.declaration();
        this.rule = Objects.requireNonNull(rule, "rule");
        this.reason = Objects.requireNonNull(reason, "reason").strip();
    }

    public String getCustomerId() {
        return customerId;
    }

    public Tier getTier() {
        return declaration.tier();
    }

    /** The tier's rank in the tier catalogs. */
    public int getRank() {
        return declaration.rank();
    }

    /** The desk the customer is handed to: the tier catalog's, or {@code ""}. */
    public String getDesk() {
        return declaration.desk();
    }

    /** The script of the tier's welcome task: the tier catalog's, or {@code ""}. */
    public String getWelcomeScript() {
        return declaration.welcomeScript();
    }

    /** The decision-table rule of the row that was met, e.g. {@code vip-criteria_10}. */
    public String getRule() {
        return rule;
    }

    /** The row's reason cell, e.g. {@code spend of ¥999 in the window}. */
    public String getReason() {
        return reason;
    }

    /**
     * {@code true} when this is preferred to {@code other}: a higher rank, then (equal ranks) the
     * tier whose name sorts first, then (one tier met by several rows) the row rule whose name sorts first.
     */
    public boolean outranks(TierMet other) {
        if (getRank() != other.getRank()) {
            return getRank() > other.getRank();
        }
        int byTier = getTier().name().compareTo(other.getTier().name());
        return byTier != 0 ? byTier < 0 : rule.compareTo(other.rule) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TierMet other && customerId.equals(other.customerId) && declaration.equals(other.declaration)
                && rule.equals(other.rule) && reason.equals(other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, declaration, rule, reason);
    }

    @Override
    public String toString() {
        return "TierMet[" + customerId + " " + getTier() + " by '" + rule + "': " + reason + "]";
    }
}
