package dev.siyu.model;

/**
 * Lifecycle stage (生命周期, PLAYBOOK §3).
 *
 * <p>Immutable and thread-safe.
 */
public enum Stage {
    /** 引入期. */
    INTRODUCTION,
    /** 成长期. */
    GROWTH,
    /** 成熟期. */
    MATURITY,
    /** 休眠期: no inbound event for 30 days or more. */
    DORMANT,
    /** 流失期: deleted us, or no inbound event for 90 days or more. */
    CHURNED
}
