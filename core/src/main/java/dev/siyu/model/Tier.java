package dev.siyu.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Membership tier (会员等级, PLAYBOOK §4). An open vocabulary: the constants are the tiers of the
 * default playbook's tier catalog ({@code default.tiers.csv}); a pack declares more in a
 * {@code *.tiers.csv} of its own (小B, 大B), each with its rank, desk and welcome script (see
 * {@code dev.siyu.pack.TierCatalog}), and reaches them through its tier criteria table.
 *
 * <p>Behaves like the enum it replaces: the constants are the only instances of their names,
 * {@link #name()}, {@link #valueOf(String)}, {@link #values()}. Two tiers are equal when their
 * names are.
 *
 * <p>Immutable and thread-safe.
 */
public final class Tier implements Comparable<Tier> {
    /** A tier's name: letters (any script), digits, {@code _} and {@code -}, at most 64. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-]{1,64}");

    public static final Tier REGULAR = new Tier("REGULAR");
    public static final Tier VIP = new Tier("VIP");
    /** 大客户. */
    public static final Tier KEY_ACCOUNT = new Tier("KEY_ACCOUNT");

    private static final List<Tier> DEFAULTS = List.of(REGULAR, VIP, KEY_ACCOUNT);

    private final String name;

    private Tier(String name) {
        this.name = name;
    }

    /**
     * The tier named {@code name}: the constant for the default playbook's tiers, otherwise a tier
     * a pack may declare (whether one does is checked when a customer is evaluated).
     *
     * @throws IllegalArgumentException when {@code name} is not letters, digits, {@code _} or {@code -}
     */
    public static Tier valueOf(String name) {
        Objects.requireNonNull(name, "name");
        for (Tier tier : DEFAULTS) {
            if (tier.name.equals(name)) {
                return tier;
            }
        }
        if (!isValidName(name)) {
            throw new IllegalArgumentException("not a tier name (letters, digits, _ and -, at most 64): a text of "
                    + name.length() + " characters");
        }
        return new Tier(name);
    }

    /** {@code true} when {@code name} is a well-formed tier name. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The default playbook's tiers, in ascending order. */
    public static Tier[] values() {
        return DEFAULTS.toArray(new Tier[0]);
    }

    /** {@code true} for the tiers of the default playbook (the constants of this class). */
    public boolean isDefault() {
        return DEFAULTS.contains(this);
    }

    public String name() {
        return name;
    }

    /**
     * {@code true} when this tier is above {@code other} in the default playbook's order (REGULAR,
     * VIP, KEY_ACCOUNT). Tiers a pack declares are ordered by the rank in its tier catalog; the
     * engine and the tier criteria compare by that catalog.
     *
     * @throws IllegalArgumentException when either tier is not one of the default playbook's
     */
    public boolean isAbove(Tier other) {
        int mine = DEFAULTS.indexOf(this);
        int theirs = DEFAULTS.indexOf(other);
        if (mine < 0 || theirs < 0) {
            throw new IllegalArgumentException("tier " + (mine < 0 ? name : other.name)
                    + " is ranked by the packs' tier catalog, not by the default order");
        }
        return mine > theirs;
    }

    /** The default playbook's tiers first, in ascending order, then the others by name. */
    @Override
    public int compareTo(Tier other) {
        int mine = DEFAULTS.indexOf(this);
        int theirs = DEFAULTS.indexOf(other);
        if (mine >= 0 || theirs >= 0) {
            return Integer.compare(mine < 0 ? Integer.MAX_VALUE : mine, theirs < 0 ? Integer.MAX_VALUE : theirs);
        }
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tier other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
