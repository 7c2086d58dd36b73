package dev.siyu.fact;

import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.Tier;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a customer stands against one tier (PLAYBOOK §4): the customer's paid, unrefunded orders
 * and spend over that tier's window ({@code window_days} of its catalog row) before the evaluation
 * time, and whether the tier ranks above the customer's current tier. The conditions of a tier
 * decision table ({@code vip-criteria.drl.csv}) read it; {@link Tiers#standings(Profile, OffsetDateTime)}
 * gives one per declared tier, for use with {@code from}.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class TierStanding {
    private final String customerId;
    private final Tiers.Declaration declaration;
    private final boolean reachable;
    private final int paidOrders;
    private final Money spend;
    private final Set<String> kinds;

    TierStanding(String customerId, Tiers.Declaration declaration, boolean reachable, Window window) {
        this.customerId = customerId;
        this.declaration = declaration;
        this.reachable = reachable;
        this.paidOrders = window.paidOrders;
        this.spend = window.spend;
        this.kinds = window.kinds;
    }

    /**
     * The paid, unrefunded orders of one window before the evaluation time, summed once and shared
     * by the tiers measured over the same number of days.
     */
    static final class Window {
        final int days;
        final int paidOrders;
        final Money spend;
        final Set<String> kinds;

        Window(Profile profile, int days, OffsetDateTime now) {
            this.days = days;
            OffsetDateTime since = now.minusDays(days);
            int paid = 0;
            Money sum = Money.ZERO;
            Set<String> bought = null;
            for (OrderRecord order : profile.getOrders()) {
                if (order.isPaid() && order.at().isAfter(since) && !order.at().isAfter(now)) {
                    paid++;
                    sum = sum.plus(order.amount());
                    if (order.productKind().isPresent()) {
                        if (bought == null) {
                            bought = new TreeSet<>();
                        }
                        bought.add(order.productKind().get().toUpperCase(Locale.ROOT));
                    }
                }
            }
            this.paidOrders = paid;
            this.spend = sum;
            this.kinds = bought == null ? Set.of() : Set.copyOf(bought);
        }
    }

    public String getCustomerId() {
        return customerId;
    }

    public Tier getTier() {
        return declaration.tier();
    }

    /** The tier's name, as a table's Tier column writes it ({@code VIP}, {@code 小B}). */
    public String getTierName() {
        return declaration.tier().name();
    }

    /** The tier's rank in the tier catalogs. */
    public int getRank() {
        return declaration.rank();
    }

    /** The tier's window in days ({@code window_days}). */
    public int getWindowDays() {
        return declaration.windowDays();
    }

    /** {@code true} when the tier ranks above the customer's current tier: tiers only go up. */
    public boolean isReachable() {
        return reachable;
    }

    /** Paid, unrefunded orders in the tier's window. */
    public int getPaidOrders() {
        return paidOrders;
    }

    /** Spend over paid, unrefunded orders in the tier's window. */
    public Money getSpend() {
        return spend;
    }

    /**
     * {@code true} when the spend in the window is at least {@code amount} (a decimal amount such as
     * {@code 999.00}).
     *
     * @throws IllegalArgumentException when {@code amount} is not a decimal amount
     */
    public boolean spendAtLeast(String amount) {
        return spend.isAtLeast(threshold(amount));
    }

    private static final int MAX_THRESHOLDS = 1024;
    private static final Map<String, Money> THRESHOLDS = new ConcurrentHashMap<>();

    /** A table's amounts are few and read for every standing: parsed once each (a bounded cache). */
    private static Money threshold(String amount) {
        Money parsed = THRESHOLDS.get(amount);
        if (parsed == null) {
            parsed = Money.of(amount.strip());
            if (THRESHOLDS.size() < MAX_THRESHOLDS) {
                THRESHOLDS.put(amount, parsed);
            }
        }
        return parsed;
    }

    /** {@code true} when a paid, unrefunded order in the window is of product kind {@code kind} (any case). */
    public boolean bought(String kind) {
        return kinds.contains(kind.strip().toUpperCase(Locale.ROOT));
    }

    /** The tier's desk from its catalog row, or {@code ""}. */
    public String getDesk() {
        return declaration.desk();
    }

    /** The tier's welcome script from its catalog row, or {@code ""}. */
    public String getWelcomeScript() {
        return declaration.welcomeScript();
    }

    Tiers.Declaration declaration() {
        return declaration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TierStanding other && customerId.equals(other.customerId) && declaration.equals(other.declaration)
                && reachable == other.reachable && paidOrders == other.paidOrders && spend.equals(other.spend)
                && kinds.equals(other.kinds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, declaration, reachable, paidOrders, spend, kinds);
    }

    /** No personal data: the customer id, the tier and the counts. */
    @Override
    public String toString() {
        return "TierStanding[" + customerId + " " + getTierName() + (reachable ? "" : " (not above the current tier)")
                + " " + paidOrders + " paid orders, spend " + spend + " in " + getWindowDays() + " days]";
    }
}
