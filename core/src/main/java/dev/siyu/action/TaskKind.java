package dev.siyu.action;

/**
 * What a task is for (CONTRACT.md task kinds). GREETING and ORDER_NOTICE are reactive; every
 * other kind is proactive and subject to contact hours and caps (PLAYBOOK §9).
 *
 * <p>Immutable and thread-safe.
 */
public enum TaskKind {
    GREETING, FOLLOW_UP, ORDER_NOTICE, CARE, REFERRAL, REPURCHASE, ACTIVATION, HOLIDAY, SOLAR_TERM, VIP;

    /** {@code true} for the kinds that are subject to contact hours and frequency caps. */
    public boolean isProactive() {
        return this != GREETING && this != ORDER_NOTICE;
    }
}
