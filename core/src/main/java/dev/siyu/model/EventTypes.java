package dev.siyu.model;

import java.util.Set;

/**
 * The event types the default playbook understands (PLAYBOOK §1). Custom types are allowed.
 *
 * <p>Constants only.
 */
public final class EventTypes {
    public static final String FRIEND_ADDED = "FRIEND_ADDED";
    public static final String FRIEND_DELETED = "FRIEND_DELETED";
    public static final String MESSAGE_RECEIVED = "MESSAGE_RECEIVED";
    public static final String MESSAGE_SENT = "MESSAGE_SENT";
    public static final String PRICE_INQUIRY = "PRICE_INQUIRY";
    public static final String QUOTE_SENT = "QUOTE_SENT";
    public static final String OBJECTION = "OBJECTION";
    public static final String ORDER_PAID = "ORDER_PAID";
    public static final String ORDER_REFUNDED = "ORDER_REFUNDED";
    public static final String SHIPPED = "SHIPPED";
    public static final String DELIVERED = "DELIVERED";
    public static final String REVIEW_POSTED = "REVIEW_POSTED";
    public static final String REFERRAL_CONVERTED = "REFERRAL_CONVERTED";
    public static final String GROUP_JOINED = "GROUP_JOINED";
    public static final String MOMENTS_INTERACTION = "MOMENTS_INTERACTION";
    public static final String LIVE_VIEW = "LIVE_VIEW";
    public static final String MINI_PROGRAM_VISIT = "MINI_PROGRAM_VISIT";
    public static final String STORE_VISIT = "STORE_VISIT";
    /** What became of a task, keyed by its key (attribute {@code taskKey}): sent by the host. */
    public static final String TASK_SENT = "TASK_SENT";
    /** A task could not be sent (attribute {@code reason}: NOT_FRIEND, QUOTA, DECLINED, …). */
    public static final String TASK_FAILED = "TASK_FAILED";
    /** The owner marked a task done. */
    public static final String TASK_DONE = "TASK_DONE";
    /** One of our followers (attribute {@code follower}) deleted the customer. */
    public static final String FRIEND_REMOVED = "FRIEND_REMOVED";
    /** A follower's relationship was handed over to another employee (attribute {@code follower}; {@code takeover} when known). */
    public static final String FOLLOWER_HANDED_OVER = "FOLLOWER_HANDED_OVER";
    /** A handover of the customer to {@code follower} failed (attribute {@code reason}). */
    public static final String HANDOVER_FAILED = "HANDOVER_FAILED";
    /** A follower edited the customer's remark or tags in the channel: the host refreshes them. */
    public static final String CONTACT_EDITED = "CONTACT_EDITED";
    /** The customer left a community group (attribute {@code chatId}). */
    public static final String GROUP_LEFT = "GROUP_LEFT";

    /**
     * The inbound types of PLAYBOOK §1: interactions by the customer, the only ones that keep a
     * customer active. Hosts may configure another set on the engine builder.
     */
    public static final Set<String> DEFAULT_INBOUND = Set.of(
            FRIEND_ADDED, FRIEND_DELETED, MESSAGE_RECEIVED, PRICE_INQUIRY, OBJECTION, ORDER_PAID,
            ORDER_REFUNDED, REVIEW_POSTED, REFERRAL_CONVERTED, GROUP_JOINED, MOMENTS_INTERACTION,
            LIVE_VIEW, MINI_PROGRAM_VISIT, STORE_VISIT);

    private EventTypes() {
    }
}
