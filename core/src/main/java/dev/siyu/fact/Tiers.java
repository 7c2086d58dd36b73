package dev.siyu.fact;

import dev.siyu.model.Tier;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tiers an engine's packs declare (their tier catalogs, {@code *.tiers.csv}), as rule files see
 * them: each tier's rank, desk, welcome script and the window its criteria are measured over, and
 * where a customer stands against each ({@link #standings}). A tier decision table gets it as the
 * global {@code tiers} ({@code Variables,dev.siyu.fact.Tiers tiers}); a rule file may declare the
 * same global.
 *
 * <p>Immutable and thread-safe.
 */
public final class Tiers {
    /** One declared tier. */
    public record Declaration(Tier tier, int rank, String desk, String welcomeScript, int windowDays) {
        public Declaration {
            Objects.requireNonNull(tier, "tier");
            desk = desk == null ? "" : desk;
            welcomeScript = welcomeScript == null ? "" : welcomeScript;
        }
    }

    /**
     * The default playbook's tiers as {@code default.tiers.csv} declares them: REGULAR 0, VIP 10
     * ({@code vip-desk}, {@code vip.welcome}), KEY_ACCOUNT 20 ({@code key-account-desk},
     * {@code key_account.welcome}), each over 365 days. Used where no pack declares a tier.
     */
    public static final Tiers DEFAULT = new Tiers(List.of(
            new Declaration(Tier.REGULAR, 0, "", "", 365),
            new Declaration(Tier.VIP, 10, "vip-desk", "vip.welcome", 365),
            new Declaration(Tier.KEY_ACCOUNT, 20, "key-account-desk", "key_account.welcome", 365)));

    private final Map<Tier, Declaration> tiers;

    /** The tiers of {@code declarations}, in ascending rank. */
    public Tiers(List<Declaration> declarations) {
        Map<Tier, Declaration> byTier = new LinkedHashMap<>();
        declarations.stream().sorted(Comparator.comparingInt(Declaration::rank).thenComparing(d -> d.tier().name()))
                .forEach(d -> byTier.put(d.tier(), d));
        this.tiers = Collections.unmodifiableMap(byTier);
    }

    /** {@code true} when a catalog declares {@code tier}. */
    public boolean declares(Tier tier) {
        return tiers.containsKey(tier);
    }

    /**
     * The declared tier named {@code name}.
     *
     * @throws IllegalArgumentException when no catalog declares it
     */
    public Tier tier(String name) {
        String stripped = name.strip();
        for (Tier tier : tiers.keySet()) {
            if (tier.name().equals(stripped)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("unknown tier '" + stripped + "' (known: " + names() + ")");
    }

    /** The declared tiers' names in ascending rank, e.g. {@code [REGULAR, VIP, KEY_ACCOUNT]}. */
    public String names() {
        return tiers.keySet().toString();
    }

    /** The declared tiers in ascending rank. */
    public List<Tier> all() {
        return List.copyOf(tiers.keySet());
    }

    /** The declaration of {@code tier}, if a catalog declares it. */
    public Optional<Declaration> declaration(Tier tier) {
        return Optional.ofNullable(tiers.get(tier));
    }

    /**
     * The rank of {@code tier}.
     *
     * @throws IllegalArgumentException when no catalog declares it
     */
    public int rank(Tier tier) {
        return required(tier).rank();
    }

    /** {@code true} when {@code tier} ranks above {@code other}. */
    public boolean isAbove(Tier tier, Tier other) {
        return rank(tier) > rank(other);
    }

    /** The desk a customer reaching {@code tier} is handed to, or {@code ""}. */
    public String desk(Tier tier) {
        return required(tier).desk();
    }

    /** The script of the welcome task of {@code tier}, or {@code ""}. */
    public String welcomeScript(Tier tier) {
        return required(tier).welcomeScript();
    }

    /** The trailing window, in days, over which the criteria of {@code tier} are measured. */
    public int windowDays(Tier tier) {
        return required(tier).windowDays();
    }

    /**
     * Where the customer of {@code profile} stands against each declared tier above the lowest,
     * in ascending rank, over each tier's window before {@code now}: what the conditions of a tier
     * decision table read ({@code $s : TierStanding( ... ) from tiers.standings($p, $now)}).
     */
    public List<TierStanding> standings(Profile profile, OffsetDateTime now) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(now, "now");
        Tier current = profile.getTier();
        Declaration currentDeclaration = tiers.get(current);
        List<TierStanding> standings = new ArrayList<>(tiers.size());
        TierStanding.Window window = null; // tiers over the same number of days share one
        boolean lowest = true;
        for (Declaration d : tiers.values()) {
            if (lowest) {
                lowest = false;
                continue;
            }
            boolean reachable = currentDeclaration == null ? !d.tier().equals(current) : d.rank() > currentDeclaration.rank();
            if (window == null || window.days != d.windowDays()) {
                window = new TierStanding.Window(profile, d.windowDays(), now);
            }
            standings.add(new TierStanding(profile.getCustomerId(), d, reachable, window));
        }
        return standings;
    }

    private Declaration required(Tier tier) {
        Declaration d = tiers.get(tier);
        if (d == null) {
            throw new IllegalArgumentException("unknown tier '" + tier + "' (known: " + names() + ")");
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tiers other && List.copyOf(tiers.values()).equals(List.copyOf(other.tiers.values()));
    }

    @Override
    public int hashCode() {
        return List.copyOf(tiers.values()).hashCode();
    }

    @Override
    public String toString() {
        return "Tiers" + names();
    }
}
