package dev.siyu.model;

/**
 * Membership tier (会员等级, PLAYBOOK §4), in ascending order.
 *
 * <p>Immutable and thread-safe.
 */
public enum Tier {
    REGULAR,
    VIP,
    /** 大客户. */
    KEY_ACCOUNT;

    /** {@code true} when this tier is above {@code other}. */
    public boolean isAbove(Tier other) {
        return compareTo(other) > 0;
    }
}
