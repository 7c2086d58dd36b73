package dev.siyu.internal;

import dev.siyu.action.Action;
import dev.siyu.action.Alert;
import dev.siyu.action.CustomAction;
import dev.siyu.action.SuggestScript;
import dev.siyu.action.Task;
import dev.siyu.fact.Profile;
import dev.siyu.fact.StageProposal;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Memory;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.PendingTask;
import dev.siyu.model.Stage;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;
import dev.siyu.model.Touchpoint;
import dev.siyu.model.TouchpointStats;
import dev.siyu.model.Watch;
import dev.siyu.pack.TagCatalog;
import dev.siyu.proposal.TagProposal;
import dev.siyu.schedule.ContactPolicy;
import dev.siyu.schedule.DeletedFriendPolicy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The customer as rule files see it during one evaluation (the read view, {@link Profile}), over
 * the parts that do the work: the engine's bookkeeping ({@link WorkingState}), the tasks
 * ({@link TaskBook}) and what the evaluation changes, attributed to rules ({@link ChangeSet}).
 * The deprecated mutators of {@link Profile} still change those parts for existing packs.
 * {@link #finish} turns it into the next customer state and the net-change actions.
 *
 * <p>Not thread-safe: owned by one evaluation.
 */
public final class ProfileFact implements Profile {

    private final Customer initial;
    private final RuleTracker tracker;
    private final ContactPolicy policy;
    private final DeletedFriendPolicy deletedFriend;
    private final Scripts scripts;
    private final WorkingState state;
    private final TaskBook tasks;
    private final ChangeSet changes;

    public ProfileFact(Customer customer, ZoneId zone, Set<String> inboundTypes, ContactPolicy policy,
                       TagCatalog catalog, Scripts scripts, RuleTracker tracker, OffsetDateTime clock) {
        this(customer, zone, inboundTypes, policy, DeletedFriendPolicy.DEFAULT, catalog, scripts, tracker, clock);
    }

    /** A profile under {@code deletedFriend}: what is still produced after the customer deleted us. */
    public ProfileFact(Customer customer, ZoneId zone, Set<String> inboundTypes, ContactPolicy policy,
                       DeletedFriendPolicy deletedFriend, TagCatalog catalog, Scripts scripts, RuleTracker tracker,
                       OffsetDateTime clock) {
        this.deletedFriend = deletedFriend;
        this.initial = customer;
        this.scripts = scripts;
        this.policy = policy;
        this.tracker = tracker;
        Memory memory = customer.memory();
        this.state = new WorkingState(memory, zone, inboundTypes, clock);
        this.tasks = new TaskBook(policy, memory.pendingTasks(), memory.sentTasks(), state.clock());
        this.changes = new ChangeSet(customer, catalog);
    }

    private OffsetDateTime local(OffsetDateTime time) {
        return state.local(time);
    }

    // ---- engine side ----

    /** {@code true} when the event id was already processed, or is too old to tell (at or before the horizon). */
    public boolean alreadyProcessed(Touchpoint event) {
        return state.alreadyProcessed(event);
    }

    /** Applies the engine's bookkeeping for one new event and moves the clock to its time. */
    public void apply(Touchpoint event) {
        state.apply(event, changes.owner);
    }

    public void moveClockTo(OffsetDateTime time) {
        state.moveClockTo(time);
    }

    /** The outcome of the evaluation: the next state and the net-change actions. */
    public record Outcome(Customer customer, List<Action> actions, Optional<OffsetDateTime> nextEvaluationAt) { }

    public Outcome finish(OffsetDateTime now, Duration retention) {
        OffsetDateTime localNow = local(now);
        List<Action> actions = new ArrayList<>();
        changes.levelAndTagActions(actions);
        actions.addAll(tasks.cancelled());
        actions.addAll(tasks.scheduled());
        changes.otherActions(actions);

        // Tasks due by now are the host's from here on: out of the pending list, into the log.
        List<PendingTask> stillPending = tasks.stillPendingAt(localNow);
        Optional<OffsetDateTime> next = nextEvaluation(localNow, stillPending);
        OffsetDateTime cutoff = localNow.minus(retention);
        Memory memory = state.memory(cutoff, stillPending, tasks.sentTasks(cutoff));
        Customer nextState = new Customer(initial.id(), initial.name(), initial.source(), changes.owner, initial.zone(),
                initial.addedAt(), initial.attributes(), changes.nextTags(), changes.engagement, changes.stage,
                changes.tier, memory);
        return new Outcome(nextState, actions, next);
    }

    /**
     * When the customer next needs evaluating if nothing happens: the earliest SLA deadline,
     * pending task due time or wake-up a rule asked for, strictly after {@code now}.
     */
    private Optional<OffsetDateTime> nextEvaluation(OffsetDateTime now, List<PendingTask> stillPending) {
        OffsetDateTime next = null;
        for (Watch w : state.watches()) {
            next = earlierAfter(next, w.deadline(), now);
        }
        for (PendingTask t : stillPending) {
            next = earlierAfter(next, t.dueAt(), now);
        }
        for (OffsetDateTime at : changes.wakeUps()) {
            next = earlierAfter(next, at, now);
        }
        return next == null ? Optional.empty() : Optional.of(local(next));
    }

    private static OffsetDateTime earlierAfter(OffsetDateTime best, OffsetDateTime candidate, OffsetDateTime now) {
        return candidate.isAfter(now) && (best == null || candidate.isBefore(best)) ? candidate : best;
    }

    // ---- the resolver's side: the round base and the resolved levels and tags ----

    /** See {@link ChangeSet#resolve}. */
    boolean resolve(Engagement e, String eRule, Stage st, String stRule, Tier t, String tRule, String o, String oRule,
                    List<ChangeSet.TagChange> tagChanges) {
        return changes.resolve(e, eRule, st, stRule, t, tRule, o, oRule, tagChanges);
    }

    /** Ends a round: what it resolved is the base of the next. */
    void commitRound() {
        changes.commitRound();
    }

    /** The rule that set the current value of a level, for loop errors: engagement, stage, tier, owner. */
    List<String> levelRules() {
        return changes.levelRules();
    }

    // ---- Profile: identity ----

    @Override
    public String getCustomerId() {
        return initial.id();
    }

    @Override
    public String getName() {
        return initial.name().orElse("");
    }

    @Override
    public String getSource() {
        return initial.source().orElse("");
    }

    @Override
    public String getOwner() {
        return changes.owner.orElse("");
    }

    @Override
    public ZoneId getZone() {
        return state.zone();
    }

    @Override
    public Optional<OffsetDateTime> getAddedAt() {
        return initial.addedAt().map(this::local);
    }

    @Override
    public String attribute(String key) {
        return initial.attributes().getOrDefault(key, "");
    }

    @Override
    public OffsetDateTime getClock() {
        return state.clock();
    }

    @Override
    public OffsetDateTime plusDays(OffsetDateTime time, int days) {
        return time.atZoneSameInstant(state.zone()).plusDays(days).toOffsetDateTime();
    }

    @Override
    public OffsetDateTime atLocalTime(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(state.zone()).toOffsetDateTime();
    }

    @Override
    public LocalDate localDate(OffsetDateTime time) {
        return local(time).toLocalDate();
    }

    // ---- levels ----

    @Override
    public Engagement getEngagement() {
        return changes.engagement;
    }

    /** {@link ChangeSet#mutations()}: the deprecated mutators' changes so far. */
    int mutations() {
        return changes.mutations();
    }

    @Override
    @Deprecated
    public void setEngagement(Engagement value) {
        changes.setEngagement(value, tracker.current());
    }

    @Override
    public Stage getStage() {
        return changes.stage;
    }

    @Override
    public Stage getStageBefore() {
        return initial.stage();
    }

    @Override
    public boolean isInbound(String type) {
        return state.isInbound(type);
    }

    @Override
    public String productOf(String orderId) {
        return state.productOf(orderId);
    }

    @Override
    @Deprecated
    public void setStage(Stage value) {
        changes.setStage(value, tracker.current());
    }

    @Override
    @Deprecated
    public void adoptStage(StageProposal proposal) {
        changes.setStage(proposal.getStage(), proposal.getRule().isEmpty() ? tracker.current() : proposal.getRule());
    }

    @Override
    public Tier getTier() {
        return changes.tier;
    }

    @Override
    @Deprecated
    public void setTier(Tier value) {
        changes.setTier(value, tracker.current());
    }

    @Override
    @Deprecated
    public void setOwner(String value) {
        changes.setOwner(value, tracker.current());
    }

    // ---- history ----

    @Override
    public int getPaidOrderCount() {
        return state.paidOrderCount();
    }

    @Override
    public int getRefundedOrderCount() {
        return state.refundedOrderCount();
    }

    @Override
    public List<OrderRecord> getOrders() {
        return List.copyOf(state.orders());
    }

    @Override
    public boolean isFirstOrder(String orderId) {
        List<OrderRecord> orders = state.orders();
        return state.archived().paidCount() == 0 && !orders.isEmpty() && orders.get(0).orderId().equals(orderId);
    }

    @Override
    public Money spendSince(OffsetDateTime since) {
        return state.spendSince(since);
    }

    @Override
    public int touchpointCount(String type) {
        TouchpointStats stats = state.touchpoint(type);
        return stats == null ? 0 : stats.count();
    }

    @Override
    public Optional<OffsetDateTime> lastSeen(String type) {
        TouchpointStats stats = state.touchpoint(type);
        return stats == null ? Optional.empty() : Optional.of(local(stats.last()));
    }

    @Override
    public Optional<OffsetDateTime> getLastInboundAt() {
        OffsetDateTime last = state.lastInbound();
        return last == null ? Optional.empty() : Optional.of(local(last));
    }

    @Override
    public boolean inactiveForDays(OffsetDateTime now, int days) {
        OffsetDateTime since = state.lastInbound();
        if (since == null) {
            since = initial.addedAt().orElse(null);
        }
        if (since == null) {
            return false;
        }
        // Duration.between(since, now) >= days x 24 hours, without making the durations
        long seconds = now.toEpochSecond() - since.toEpochSecond();
        long limit = days * 86_400L;
        return seconds > limit || seconds == limit && now.getNano() >= since.getNano();
    }

    @Override
    public boolean isFriendDeleted() {
        if (!state.followers().isEmpty()) {
            return false; // someone still follows the customer
        }
        TouchpointStats deleted = state.touchpoint(EventTypes.FRIEND_DELETED);
        TouchpointStats removed = state.touchpoint(EventTypes.FRIEND_REMOVED);
        OffsetDateTime end = deleted == null ? null : deleted.last();
        if (removed != null && (end == null || end.isBefore(removed.last()))) {
            end = removed.last();
        }
        if (end == null) {
            return false;
        }
        TouchpointStats added = state.touchpoint(EventTypes.FRIEND_ADDED);
        return added == null || !added.last().isAfter(end);
    }

    @Override
    public Set<String> getFollowers() {
        return Collections.unmodifiableSet(new TreeSet<>(state.followers().keySet()));
    }

    @Override
    public boolean hasFollower(String follower) {
        return state.followers().containsKey(follower);
    }

    @Override
    public String getLongestFollower() {
        String longest = "";
        OffsetDateTime since = null;
        for (Map.Entry<String, OffsetDateTime> e : state.followers().entrySet()) { // in key order: ties by id
            if (since == null || OffsetDateTime.timeLineOrder().compare(e.getValue(), since) < 0) {
                longest = e.getKey();
                since = e.getValue();
            }
        }
        return longest;
    }

    // ---- tags ----

    @Override
    public Set<String> getTags() {
        return Set.copyOf(changes.tags());
    }

    @Override
    public boolean hasTag(String tag) {
        return changes.tags().contains(tag);
    }

    @Override
    @Deprecated
    public void addTag(String tag) {
        changes.changeTag(TagProposal.Operation.ADD, tag, tracker.current());
    }

    @Override
    @Deprecated
    public void setExclusiveTag(String tag) {
        changes.changeTag(TagProposal.Operation.EXCLUSIVE, tag, tracker.current());
    }

    @Override
    @Deprecated
    public void removeTag(String tag) {
        changes.changeTag(TagProposal.Operation.REMOVE, tag, tracker.current());
    }

    /** The group of {@code tag} when a tag catalog has it; otherwise refused. */
    String checkTagGroup(String tag) {
        return changes.checkTagGroup(tag);
    }

    // ---- actions ----

    @Override
    @Deprecated
    public void scheduleTask(String key, TaskKind kind, String script, OffsetDateTime dueAt, String... values) {
        if (!suppressesTask(kind)) { // after deleting us, the deleted-friend policy says
            schedule(key, kind, script, dueAt, Scripts.pairs(values), tracker.current());
        }
    }

    /** Schedules a task for the current owner, to be placed by {@link #placeScheduled}; never again once due. */
    void schedule(String key, TaskKind kind, String script, OffsetDateTime dueAt, Map<String, String> values, String rule) {
        schedule(key, kind, script, dueAt, values, rule, Optional.empty(), Optional.empty());
    }

    /**
     * Schedules a task for {@code taskOwner} (the current owner when empty), on {@code channel}, to be
     * placed by {@link #placeScheduled}; never again once due.
     */
    void schedule(String key, TaskKind kind, String script, OffsetDateTime dueAt, Map<String, String> values, String rule,
                  Optional<String> taskOwner, Optional<String> channel) {
        tasks.schedule(new Task(key, kind, script, local(dueAt), taskOwner.isPresent() ? taskOwner : changes.owner,
                channel, Optional.empty(), rule), values);
    }

    /**
     * Places the tasks scheduled since the last call (one event's rules, or the sweep's) under the
     * contact policy, in placement order, among the tasks already placed; then records them.
     */
    public void placeScheduled(OffsetDateTime now) {
        tasks.placeScheduled(now, state.zone(), "true".equalsIgnoreCase(attribute("doNotDisturb").strip()),
                (nominal, values) -> scripts.render(initial, nominal.script(), nominal.owner(), values, nominal.rule()),
                this::local);
    }

    @Override
    @Deprecated
    public void cancelTask(String key, String reason) {
        tasks.cancel(key, reason, tracker.current(), state.clock());
    }

    @Override
    @Deprecated
    public void cancelTasks(TaskKind kind, String reason) {
        cancelWhere((key, k) -> k.equals(kind), reason, tracker.current());
    }

    @Override
    @Deprecated
    public void cancelTasksWithKeyPrefix(String prefix, String reason) {
        cancelWhere((key, k) -> key.startsWith(prefix), reason, tracker.current());
    }

    @Override
    @Deprecated
    public void cancelProactiveTasks(String reason) {
        cancelWhere((key, k) -> isProactive(k), reason, tracker.current());
    }

    /** {@code true} when the packs' catalog makes {@code kind} proactive (subject to contact hours and caps). */
    boolean isProactive(TaskKind kind) {
        return policy.isProactive(kind);
    }

    /** {@code true} when the deleted-friend policy keeps a task of {@code kind} from a customer who deleted us. */
    boolean suppressesTask(TaskKind kind) {
        return isFriendDeleted() && deletedFriend.suppressesTask(isProactive(kind));
    }

    /** {@code true} when the deleted-friend policy keeps alerts about a customer who deleted us. */
    boolean suppressesAlerts() {
        return isFriendDeleted() && deletedFriend.suppressAlerts();
    }

    /** {@code true} when the deleted-friend policy keeps suggestions for a customer who deleted us. */
    boolean suppressesSuggestions() {
        return isFriendDeleted() && deletedFriend.suppressSuggestions();
    }

    /** Cancels every task, scheduled in this round or pending, that {@code which} selects. */
    void cancelWhere(java.util.function.BiPredicate<String, TaskKind> which, String reason, String rule) {
        tasks.cancelWhere(which, reason, rule, state.clock());
    }

    @Override
    public Set<String> pendingTaskKeys() {
        return tasks.pendingKeys(state.clock());
    }

    @Override
    @Deprecated
    public void alert(String code, String eventId) {
        if (!suppressesAlerts()) {
            raise(code, Optional.ofNullable(eventId), tracker.current());
        }
    }

    void raise(String code, Optional<String> eventId, String rule) {
        changes.raise(new Alert(code, eventId, rule));
    }

    /** {@code true} when an alert due at {@code dueAt} is history at {@code now} (PLAYBOOK §9). */
    boolean isHistory(OffsetDateTime dueAt, OffsetDateTime now) {
        return policy.isHistory(dueAt, now);
    }

    @Override
    @Deprecated
    public void alert(String code, String eventId, OffsetDateTime dueAt, OffsetDateTime now) {
        if (!policy.isHistory(dueAt, now) && !isFriendDeleted()) {
            raise(code, Optional.ofNullable(eventId), tracker.current());
        }
    }

    @Override
    @Deprecated
    public void watch(String code, String eventId, OffsetDateTime at, OffsetDateTime deadline) {
        openWatch(code, eventId, at, deadline);
    }

    void openWatch(String code, String eventId, OffsetDateTime at, OffsetDateTime deadline) {
        state.openWatch(code, eventId, at, deadline);
    }

    @Override
    @Deprecated
    public void answerWatches(String code, OffsetDateTime replyAt) {
        answer(code, replyAt);
    }

    void answer(String code, OffsetDateTime replyAt) {
        state.answer(code, replyAt);
    }

    @Override
    public List<Watch> overdueWatches(OffsetDateTime now) {
        return state.overdueWatches(now);
    }

    @Override
    @Deprecated
    public void closeWatch(Watch watch) {
        close(watch);
    }

    void close(Watch watch) {
        state.close(watch.code(), watch.eventId());
    }

    @Override
    @Deprecated
    public void suggestScript(String script, String... values) {
        if (!suppressesSuggestions()) {
            suggest(script, Scripts.pairs(values), tracker.current());
        }
    }

    void suggest(String script, Map<String, String> values, String rule) {
        changes.suggest(new SuggestScript(script, scripts.render(initial, script, changes.owner, values, rule), rule));
    }

    void addCustomAction(CustomAction action) {
        changes.addCustomAction(action);
    }

    @Override
    @Deprecated
    public boolean markOnce(String key) {
        return mark(key);
    }

    boolean mark(String key) {
        return state.mark(key);
    }

    @Override
    public boolean isMarked(String key) {
        return state.isMarked(key);
    }

    @Override
    public Optional<OffsetDateTime> markedAt(String key) {
        return state.markedAt(key);
    }

    /** Sets {@code key} at the clock, replacing an earlier mark's time. */
    void markAgain(String key) {
        state.markAgain(key);
    }

    @Override
    @Deprecated
    public void wakeUpAt(OffsetDateTime at) {
        wakeUp(at);
    }

    void wakeUp(OffsetDateTime at) {
        changes.wakeUp(at);
    }

    @Override
    public String toString() {
        return "Profile[" + initial.id() + " " + changes.engagement + " " + changes.stage + " " + changes.tier + "]";
    }
}
