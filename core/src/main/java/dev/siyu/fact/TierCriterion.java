package dev.siyu.fact;

import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.Tier;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a tier decision table (PLAYBOOK §4, {@code vip-criteria}): a customer who meets
 * <em>any</em> of the row's thresholds over paid, unrefunded orders in the trailing window reaches
 * the row's tier, is handed to its desk and gets its welcome script. Empty thresholds are not used.
 * The table's rows insert these facts; the tier rules of the playbook apply them.
 *
 * <p>The tier, its rank, its window and, when the row leaves them blank, its desk and welcome
 * script come from the packs' tier catalogs ({@link Tiers}, the table's global {@code tiers}), so a
 * row may name a tier a pack declares (小B). A row made without the catalog
 * ({@link #forTier(String, String)}) knows only the default playbook's tiers.
 *
 * <p>Immutable and thread-safe.
 */
public final class TierCriterion {
    /** The trailing window the thresholds are measured over by default: 365 days ({@code window_days}). */
    public static final Duration WINDOW = Duration.ofDays(365);

    private final Tiers tiers;
    private final Tier tier;
    private final Optional<Money> minSpend;
    private final Optional<Integer> minOrders;
    private final Optional<String> membershipKind;
    private final String desk;
    private final String welcomeScript;
    private final String source;

    private TierCriterion(Builder b) {
        this.tiers = b.tiers;
        this.tier = b.tier;
        this.minSpend = Optional.ofNullable(b.minSpend);
        this.minOrders = Optional.ofNullable(b.minOrders);
        this.membershipKind = Optional.ofNullable(b.membershipKind);
        String catalogDesk = tiers.declaration(tier).map(Tiers.Declaration::desk).orElse("");
        String catalogScript = tiers.declaration(tier).map(Tiers.Declaration::welcomeScript).orElse("");
        this.desk = b.desk == null || b.desk.isEmpty() ? catalogDesk : b.desk;
        this.welcomeScript = b.welcomeScript == null || b.welcomeScript.isEmpty() ? catalogScript : b.welcomeScript;
        if (desk.isEmpty() || welcomeScript.isEmpty()) {
            throw new IllegalArgumentException("tier " + tier + ": neither the table row nor the tier catalog gives a "
                    + (desk.isEmpty() ? "desk" : "welcome script"));
        }
        this.source = b.source;
    }

    /**
     * Starts a row for {@code tier}, one of the default playbook's tiers; {@code source} names the
     * row in explanations.
     */
    public static Builder forTier(String tier, String source) {
        return forTier(tier, source, Tiers.DEFAULT);
    }

    /** Starts a row for {@code tier}, a tier of {@code tiers} (the packs' tier catalogs). */
    public static Builder forTier(String tier, String source, Tiers tiers) {
        return new Builder(tiers.tier(tier), source, tiers);
    }

    public Tier getTier() {
        return tier;
    }

    public Optional<Money> getMinSpend() {
        return minSpend;
    }

    public Optional<Integer> getMinOrders() {
        return minOrders;
    }

    public Optional<String> getMembershipKind() {
        return membershipKind;
    }

    public String getDesk() {
        return desk;
    }

    public String getWelcomeScript() {
        return welcomeScript;
    }

    /** The decision-table rule that inserted this row. */
    public String getSource() {
        return source;
    }

    /** {@code true} when this row's tier ranks above {@code other} in the tier catalogs. */
    public boolean isAbove(Tier other) {
        return tiers.isAbove(tier, other);
    }

    /** The trailing window of this row's tier ({@code window_days} of its catalog row). */
    public Duration getWindow() {
        return Duration.ofDays(tiers.windowDays(tier));
    }

    /** {@code true} when the customer meets any threshold over the window before {@code now}. */
    public boolean isMetBy(Profile profile, OffsetDateTime now) {
        OffsetDateTime since = now.minus(getWindow());
        if (minSpend.isPresent() && profile.spendSince(since).isAtLeast(minSpend.get())) {
            return true;
        }
        long orders = profile.getOrders().stream()
                .filter(OrderRecord::isPaid)
                .filter(o -> o.at().isAfter(since) && !o.at().isAfter(now))
                .count();
        if (minOrders.isPresent() && orders >= minOrders.get()) {
            return true;
        }
        return membershipKind.isPresent() && profile.getOrders().stream()
                .filter(OrderRecord::isPaid)
                .filter(o -> o.at().isAfter(since) && !o.at().isAfter(now))
                .anyMatch(o -> o.productKind().filter(membershipKind.get()::equalsIgnoreCase).isPresent());
    }

    @Override
    public String toString() {
        return "TierCriterion[" + tier + " spend>=" + minSpend.map(Money::toString).orElse("-") + " orders>="
                + minOrders.map(String::valueOf).orElse("-") + " kind=" + membershipKind.orElse("-") + " desk=" + desk + "]";
    }

    /**
     * Builds a row cell by cell, as a decision table's columns do; blank cells leave a threshold unused.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Tier tier;
        private final String source;
        private final Tiers tiers;
        private Money minSpend;
        private Integer minOrders;
        private String membershipKind;
        private String desk;
        private String welcomeScript;

        private Builder(Tier tier, String source, Tiers tiers) {
            this.tier = tier;
            this.source = source;
            this.tiers = tiers;
        }

        public Builder minSpend(String amount) {
            this.minSpend = amount.isBlank() ? null : Money.of(amount.strip());
            return this;
        }

        public Builder minOrders(String count) {
            this.minOrders = count.isBlank() ? null : Integer.valueOf(count.strip());
            return this;
        }

        public Builder membershipKind(String kind) {
            this.membershipKind = kind.isBlank() ? null : kind.strip();
            return this;
        }

        public Builder desk(String value) {
            this.desk = value.strip();
            return this;
        }

        /** Sets the welcome script (blank: the tier catalog's) and completes the row. */
        public TierCriterion welcomeScript(String script) {
            this.welcomeScript = script.strip();
            return new TierCriterion(this);
        }
    }
}
