package dev.siyu.model;

/**
 * Engagement level (客户分层, PLAYBOOK §2), in ascending order of closeness.
 *
 * <p>Immutable and thread-safe.
 */
public enum Engagement {
    /** 无语客户: added, never sent an inbound message or inquiry. */
    SILENT,
    /** 沟通客户: at least one inbound message or objection. */
    CONVERSING,
    /** 报价客户: asked for or was sent a price, no paid order. */
    QUOTED,
    /** 成交客户: exactly one paid, unrefunded order. */
    CUSTOMER,
    /** 复购客户: two or more paid, unrefunded orders. */
    REPEAT;

    /** {@code true} when this level is above {@code other}. */
    public boolean isAbove(Engagement other) {
        return compareTo(other) > 0;
    }
}
