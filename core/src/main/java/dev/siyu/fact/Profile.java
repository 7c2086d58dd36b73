package dev.siyu.fact;

import dev.siyu.model.Engagement;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.Stage;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;
import dev.siyu.model.Watch;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The customer as rule files see it: one per customer in the session, keyed by
 * {@link #getCustomerId()}. Rules read it and express every effect by inserting a proposal
 * ({@code dev.siyu.proposal}); after each pass of the rules the engine resolves the proposals and
 * updates this fact once, so rules see the resolved state in the next pass. The engine records
 * the proposing rule of each change and turns the net change of an evaluation into the decision's
 * actions. The mutators (setters, {@code addTag}, {@code scheduleTask}, …) are deprecated: they
 * still work for existing packs, but change the customer behind the engine's back; {@code build()}
 * and {@code siyu check} warn where a rule file calls them.
 *
 * <p>Text getters return {@code ""} when the customer has no such value, never {@code null}.
 * Times are in the customer's zone.
 *
 * <p>Not thread-safe: owned by one evaluation.
 */
public interface Profile {

    String getCustomerId();

    /** {@code ""} when the customer has no name. */
    String getName();

    /** Acquisition source ({@code PACKAGE_CARD}, {@code AD}, …) or {@code ""}. */
    String getSource();

    /** The current owner (sales account or desk) or {@code ""}. */
    String getOwner();

    /** The customer's zone (the engine's default when the customer has none). */
    ZoneId getZone();

    /** When the customer was added, if known. */
    Optional<OffsetDateTime> getAddedAt();

    /** Attribute {@code key}, or {@code ""}. */
    String attribute(String key);

    /**
     * The time the rules are working at: the time of the event being applied, or the evaluation
     * time once every event is applied (when the {@link Sweep} is in the session).
     */
    OffsetDateTime getClock();

    /** {@code days} calendar days after {@code time} at the same local time (daylight-saving correct). */
    OffsetDateTime plusDays(OffsetDateTime time, int days);

    /** {@code hour:minute} local time on {@code date} in the customer's zone. */
    OffsetDateTime atLocalTime(LocalDate date, int hour, int minute);

    /** The local date of {@code time} in the customer's zone. */
    LocalDate localDate(OffsetDateTime time);

    // ---- levels ----

    Engagement getEngagement();

    /** @deprecated changes the customer behind the engine's back; use {@code insert(new EngagementProposal($id, level))} (docs/rule-api.md). */
    @Deprecated
    void setEngagement(Engagement engagement);

    Stage getStage();

    /** The stage the customer had when this evaluation started (as handed in). */
    Stage getStageBefore();

    /** {@code true} for event types that are the customer's own interaction (inbound, PLAYBOOK §1). */
    boolean isInbound(String type);

    /** The product of order {@code orderId} in the ledger, or {@code ""}. */
    String productOf(String orderId);

    /** @deprecated changes the customer behind the engine's back; use {@code insertLogical(new StageProposal($id, stage, rank))} (docs/rule-api.md). */
    @Deprecated
    void setStage(Stage stage);

    /** Takes the stage of a {@link StageProposal}, attributed to the rule that proposed it.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insertLogical(new StageProposal($id, stage, rank))} (the engine adopts the best) (docs/rule-api.md).
     */
    @Deprecated
    void adoptStage(StageProposal proposal);

    Tier getTier();

    /** @deprecated changes the customer behind the engine's back; use {@code insert(new TierProposal($id, tier))} (docs/rule-api.md). */
    @Deprecated
    void setTier(Tier tier);

    /** Hands the customer to another owner.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(new OwnerProposal($id, owner))} (docs/rule-api.md).
     */
    @Deprecated
    void setOwner(String owner);

    // ---- history ----

    /** Paid, unrefunded orders, including those archived out of the ledger. */
    int getPaidOrderCount();

    /** Orders in the ledger that were refunded. */
    int getRefundedOrderCount();

    /** The order ledger (retention window), oldest first. */
    List<OrderRecord> getOrders();

    /**
     * {@code true} when {@code orderId} is the customer's first order: the earliest in the ledger,
     * with no older order archived.
     */
    boolean isFirstOrder(String orderId);

    /** Spend over paid, unrefunded orders paid after {@code since} and not after the clock. */
    Money spendSince(OffsetDateTime since);

    /** How many events of {@code type} the customer ever had. */
    int touchpointCount(String type);

    /** When the last event of {@code type} happened, if any. */
    Optional<OffsetDateTime> lastSeen(String type);

    /** The latest inbound event, if any. */
    Optional<OffsetDateTime> getLastInboundAt();

    /**
     * {@code true} when no inbound event happened for {@code days}×24 hours up to {@code now},
     * counted from the latest inbound event or, when there is none, from {@code addedAt};
     * a customer with neither is active.
     */
    boolean inactiveForDays(OffsetDateTime now, int days);

    /**
     * {@code true} when no follower remains and the latest FRIEND_DELETED or FRIEND_REMOVED came
     * after the latest FRIEND_ADDED (without follower attributes: a FRIEND_DELETED with no
     * FRIEND_ADDED after it).
     */
    boolean isFriendDeleted();

    /** The employees the customer is currently a friend of (events with a {@code follower} attribute), sorted. */
    Set<String> getFollowers();

    /** {@code true} when {@code follower} currently follows the customer. */
    boolean hasFollower(String follower);

    /** The follower whose relationship is the oldest (ties by id), or {@code ""} when none. */
    String getLongestFollower();

    // ---- tags ----

    Set<String> getTags();

    boolean hasTag(String tag);

    /** @deprecated changes the customer behind the engine's back; use {@code insert(TagProposal.add($id, tag))} (docs/rule-api.md). */
    @Deprecated
    void addTag(String tag);

    /** @deprecated changes the customer behind the engine's back; use {@code insert(TagProposal.remove($id, tag))} (docs/rule-api.md). */
    @Deprecated
    void removeTag(String tag);

    /** Adds {@code tag} and removes every other tag of its group (an exclusive group).
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(TagProposal.exclusive($id, tag))} (docs/rule-api.md).
     */
    @Deprecated
    void setExclusiveTag(String tag);

    // ---- actions ----

    /**
     * Schedules (or replaces, by key) a task for the current owner, nominally due at {@code dueAt}.
     * The contact policy then places it (contact hours, caps, history) when the rules of the
     * current event, or of the sweep, have fired. A task whose key was already due is never
     * scheduled again; after the customer deleted us, nothing is scheduled. The task's text is the
     * script rendered for the customer's locale; {@code values} give template variables as pairs
     * ({@code "product", "日抛", "holiday", "SPRING_FESTIVAL"}).
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(new TaskProposal($id, key, kind, script, dueAt, values...))} (docs/rule-api.md).
     */
    @Deprecated
    void scheduleTask(String key, TaskKind kind, String script, OffsetDateTime dueAt, String... values);

    /** Cancels the task with {@code key} if it is pending at the clock; otherwise nothing.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(CancelProposal.task($id, key, reason))} (docs/rule-api.md).
     */
    @Deprecated
    void cancelTask(String key, String reason);

    /** Cancels every task of {@code kind} still pending at the clock.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(CancelProposal.kind($id, kind, reason))} (docs/rule-api.md).
     */
    @Deprecated
    void cancelTasks(TaskKind kind, String reason);

    /** Cancels every pending task whose key starts with {@code prefix}.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(CancelProposal.keyPrefix($id, prefix, reason))} (docs/rule-api.md).
     */
    @Deprecated
    void cancelTasksWithKeyPrefix(String prefix, String reason);

    /** Cancels every pending proactive task (every kind but greetings and order notices).
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(CancelProposal.proactive($id, reason))} (docs/rule-api.md).
     */
    @Deprecated
    void cancelProactiveTasks(String reason);

    /** Keys of the tasks pending at the clock. */
    Set<String> pendingTaskKeys();

    /** Raises an alert for the owner's team (none after the customer deleted us).
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(new AlertProposal($id, code, eventId))} (docs/rule-api.md).
     */
    @Deprecated
    void alert(String code, String eventId);

    /** Raises an alert due at {@code dueAt}, unless that is history at {@code now} (PLAYBOOK §9).
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(new AlertProposal($id, code, eventId, dueAt))} (docs/rule-api.md).
     */
    @Deprecated
    void alert(String code, String eventId, OffsetDateTime dueAt, OffsetDateTime now);

    /** Starts waiting for a reply to event {@code eventId} (at {@code at}) until {@code deadline}.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(WatchProposal.open($id, code, eventId, at, deadline))} (docs/rule-api.md).
     */
    @Deprecated
    void watch(String code, String eventId, OffsetDateTime at, OffsetDateTime deadline);

    /** A reply at {@code replyAt} answers every watch of {@code code} whose window contains it.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(WatchProposal.answer($id, code, replyAt))} (docs/rule-api.md).
     */
    @Deprecated
    void answerWatches(String code, OffsetDateTime replyAt);

    /** The watches whose deadline is at or before {@code now}, earliest first. */
    List<Watch> overdueWatches(OffsetDateTime now);

    /** Stops watching.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(WatchProposal.close($id, watch))} (docs/rule-api.md).
     */
    @Deprecated
    void closeWatch(Watch watch);

    /** Suggests a talk-track to the owner; {@code values} as for {@link #scheduleTask}.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(new SuggestionProposal($id, script, values...))} (docs/rule-api.md).
     */
    @Deprecated
    void suggestScript(String script, String... values);

    /**
     * Sets a once-only marker and returns {@code true} the first time {@code key} is marked
     * (markers are remembered across evaluations within the retention window).
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(new MarkProposal($id, key))} (docs/rule-api.md).
     */
    @Deprecated
    boolean markOnce(String key);

    /** {@code true} when {@code key} was marked. */
    boolean isMarked(String key);

    /** When {@code key} was marked (a {@code MarkProposal} of an earlier round), if it was. */
    Optional<OffsetDateTime> markedAt(String key);

    /**
     * Asks to be evaluated again at {@code at} even if no event comes (a stage threshold, a
     * holiday): the decision's {@code nextEvaluationAt} is the earliest such time after the
     * evaluation time, together with the engine's own (SLA deadlines, pending tasks). Times at or
     * before the evaluation time are ignored.
     *
     * @deprecated changes the customer behind the engine's back; use {@code insert(new WakeUpProposal($id, at))} (docs/rule-api.md).
     */
    @Deprecated
    void wakeUpAt(OffsetDateTime at);
}
