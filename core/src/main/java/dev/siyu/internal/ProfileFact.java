package dev.siyu.internal;

import dev.siyu.action.Action;
import dev.siyu.action.Alert;
import dev.siyu.action.CancelTask;
import dev.siyu.action.CustomAction;
import dev.siyu.action.EngagementChanged;
import dev.siyu.action.OwnerAssigned;
import dev.siyu.action.StageChanged;
import dev.siyu.action.SuggestScript;
import dev.siyu.action.TagAdded;
import dev.siyu.action.TagRemoved;
import dev.siyu.action.Task;
import dev.siyu.action.TaskKind;
import dev.siyu.action.TierChanged;
import dev.siyu.fact.Profile;
import dev.siyu.fact.StageProposal;
import dev.siyu.model.ArchivedOrders;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Memory;
import dev.siyu.model.Money;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.SentTask;
import dev.siyu.model.Stage;
import dev.siyu.model.Tag;
import dev.siyu.model.Tier;
import dev.siyu.model.Touchpoint;
import dev.siyu.model.TouchpointStats;
import dev.siyu.model.Watch;
import dev.siyu.pack.TagCatalog;
import dev.siyu.schedule.ContactPolicy;
import dev.siyu.schedule.DeletedFriendPolicy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The working state of one customer during one evaluation: the engine's bookkeeping (ledger,
 * touchpoint stats, processed ids) and the changes rules make, each attributed to its rule.
 * {@link #finish} turns it into the next customer state and the net-change actions.
 *
 * <p>Not thread-safe: owned by one evaluation.
 */
public final class ProfileFact implements Profile {

    private static final Comparator<OrderRecord> ORDER_TIME =
            Comparator.comparing(OrderRecord::at, OffsetDateTime.timeLineOrder()).thenComparing(OrderRecord::eventId);

    private final Customer initial;
    private final ZoneId zone;
    private final Set<String> inboundTypes;
    private final RuleTracker tracker;
    private OffsetDateTime clock;

    private Engagement engagement;
    private String engagementRule = RuleTracker.ENGINE;
    private Stage stage;
    private String stageRule = RuleTracker.ENGINE;
    private Tier tier;
    private String tierRule = RuleTracker.ENGINE;
    private Optional<String> owner;
    private String ownerRule = RuleTracker.ENGINE;

    private final Set<String> tags;
    private final Map<String, String> tagRules = new HashMap<>();

    // The state at the start of the current round, plus what deprecated mutators changed in it: the
    // resolver recomputes the levels and tags of each pass as this base plus the live proposals.
    private Engagement baseEngagement;
    private String baseEngagementRule = RuleTracker.ENGINE;
    private Stage baseStage;
    private String baseStageRule = RuleTracker.ENGINE;
    private Tier baseTier;
    private String baseTierRule = RuleTracker.ENGINE;
    private Optional<String> baseOwner;
    private String baseOwnerRule = RuleTracker.ENGINE;
    private final Set<String> baseTags;
    private final Map<String, String> baseTagRules = new HashMap<>();

    private final List<OrderRecord> orders;
    private ArchivedOrders archived;
    private final Map<String, TouchpointStats> touchpoints;
    private final Map<String, OffsetDateTime> processed;
    private final Map<String, OffsetDateTime> marks;
    private final List<SentTask> sentTasks;
    private final Set<String> sentKeys = new HashSet<>();
    private Optional<OffsetDateTime> horizon;

    private final ContactPolicy policy;
    private final DeletedFriendPolicy deletedFriend;
    private final TagCatalog catalog;
    private final Scripts scripts;
    private final Map<String, Map<String, String>> taskValues = new HashMap<>();
    private final List<Watch> watches;
    /** Follower id to the time its relationship started (memory {@code followers}). */
    private final Map<String, OffsetDateTime> followers;
    private static final String FOLLOWER = "follower";
    private final List<Task> unplaced = new ArrayList<>();
    private final Map<String, Task> initialPending = new HashMap<>();
    private final Map<String, Task> pending = new LinkedHashMap<>();
    private final Map<String, Task> scheduled = new LinkedHashMap<>();
    private final Map<String, CancelTask> cancelled = new TreeMap<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final List<SuggestScript> suggestions = new ArrayList<>();
    private final List<CustomAction> customActions = new ArrayList<>();
    /** Wake-ups rules asked for; the earliest after the evaluation time counts. */
    private final List<OffsetDateTime> wakeUps = new ArrayList<>();

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
        this.catalog = catalog;
        this.policy = policy;
        this.zone = zone;
        this.inboundTypes = inboundTypes;
        this.tracker = tracker;
        this.clock = local(clock);
        this.engagement = customer.engagement();
        this.stage = customer.stage();
        this.tier = customer.tier();
        this.owner = customer.owner();
        this.tags = customer.tags().stream().map(Tag::toString).collect(Collectors.toCollection(LinkedHashSet::new));
        this.baseEngagement = engagement;
        this.baseStage = stage;
        this.baseTier = tier;
        this.baseOwner = owner;
        this.baseTags = new LinkedHashSet<>(tags);
        Memory memory = customer.memory();
        this.orders = new ArrayList<>(memory.orders());
        this.orders.sort(ORDER_TIME);
        this.archived = memory.archivedOrders().orElse(ArchivedOrders.NONE);
        this.touchpoints = new TreeMap<>(memory.touchpoints());
        this.followers = new TreeMap<>(memory.followers());
        this.processed = new TreeMap<>(memory.processedEvents());
        this.marks = new TreeMap<>(memory.marks());
        this.sentTasks = new ArrayList<>(memory.sentTasks());
        this.watches = new ArrayList<>(memory.watches());
        memory.sentTasks().forEach(t -> sentKeys.add(t.key()));
        this.horizon = memory.horizon();
        for (Task task : memory.pendingTasks()) {
            if (task.isPendingAt(this.clock)) {
                pending.put(task.key(), task);
            } else {
                // Due by the evaluation time: the host's already, whatever late event comes now.
                sentTasks.add(new SentTask(task.key(), task.kind(), task.dueAt()));
                sentKeys.add(task.key());
            }
        }
        initialPending.putAll(pending);
    }

    private OffsetDateTime local(OffsetDateTime time) {
        return time.atZoneSameInstant(zone).toOffsetDateTime();
    }

    // ---- engine side ----

    /** {@code true} when the event id was already processed, or is too old to tell (at or before the horizon). */
    public boolean alreadyProcessed(Touchpoint event) {
        return processed.containsKey(event.id())
                || horizon.map(h -> !event.at().isAfter(h)).orElse(false);
    }

    /** Applies the engine's bookkeeping for one new event and moves the clock to its time. */
    public void apply(Touchpoint event) {
        OffsetDateTime at = local(event.at());
        clock = at;
        processed.put(event.id(), at);
        touchpoints.merge(event.type(), TouchpointStats.once(at), (old, one) -> old.plus(at));
        applyFollowers(event, at);
        switch (event.type()) {
            case EventTypes.ORDER_PAID -> {
                String orderId = event.attribute("orderId").orElseThrow();
                if (orders.stream().noneMatch(o -> o.orderId().equals(orderId))) {
                    orders.add(new OrderRecord(orderId, event.id(), at,
                            Money.of(event.attribute("amount").orElseThrow()), event.channel(),
                            event.attribute("product"),
                            event.attribute("productCycleDays").map(d -> Integer.valueOf(d.strip())),
                            event.attribute("productKind"), Optional.empty()));
                    orders.sort(ORDER_TIME);
                }
            }
            case EventTypes.ORDER_REFUNDED -> event.attribute("orderId").ifPresent(orderId -> {
                for (int i = 0; i < orders.size(); i++) {
                    OrderRecord order = orders.get(i);
                    if (order.orderId().equals(orderId) && order.isPaid()) {
                        orders.set(i, order.refunded(at));
                    }
                }
            });
            default -> { }
        }
    }

    /**
     * The follower bookkeeping (docs/contract.md, Followers): an event with a {@code follower}
     * attribute adds (FRIEND_ADDED) or ends (FRIEND_DELETED, FRIEND_REMOVED, FOLLOWER_HANDED_OVER)
     * that employee's relationship; a handover's {@code takeover}, or else the owner when the owner is
     * not the one handed over, becomes a follower; a FRIEND_DELETED without follower ends them all.
     */
    private void applyFollowers(Touchpoint event, OffsetDateTime at) {
        Optional<String> follower = event.attribute(FOLLOWER).map(String::strip).filter(f -> !f.isEmpty());
        switch (event.type()) {
            case EventTypes.FRIEND_ADDED -> follower.ifPresent(f -> followers.putIfAbsent(f, at));
            case EventTypes.FRIEND_DELETED -> {
                if (follower.isPresent()) {
                    followers.remove(follower.get());
                } else {
                    followers.clear();
                }
            }
            case EventTypes.FRIEND_REMOVED -> follower.ifPresent(followers::remove);
            case EventTypes.FOLLOWER_HANDED_OVER -> follower.ifPresent(f -> {
                followers.remove(f);
                event.attribute("takeover").map(String::strip).filter(t -> !t.isEmpty())
                        .or(() -> owner.filter(o -> !o.isEmpty() && !o.equals(f)))
                        .ifPresent(t -> followers.putIfAbsent(t, at));
            });
            default -> { }
        }
    }

    public void moveClockTo(OffsetDateTime time) {
        clock = local(time);
    }

    /** The outcome of the evaluation: the next state and the net-change actions. */
    public record Outcome(Customer customer, List<Action> actions, Optional<OffsetDateTime> nextEvaluationAt) { }

    public Outcome finish(OffsetDateTime now, Duration retention) {
        OffsetDateTime localNow = local(now);
        List<Action> actions = new ArrayList<>();
        if (engagement != initial.engagement()) {
            actions.add(new EngagementChanged(initial.engagement(), engagement, engagementRule));
        }
        if (stage != initial.stage()) {
            actions.add(new StageChanged(initial.stage(), stage, stageRule));
        }
        if (!tier.equals(initial.tier())) {
            actions.add(new TierChanged(initial.tier(), tier, tierRule));
        }
        if (!owner.equals(initial.owner()) && owner.isPresent()) {
            actions.add(new OwnerAssigned(initial.owner(), owner.get(), ownerRule));
        }
        Set<String> before = initial.tags().stream().map(Tag::toString).collect(Collectors.toSet());
        new TreeSet<>(before).stream().filter(t -> !tags.contains(t))
                .forEach(t -> actions.add(new TagRemoved(Tag.parse(t), tagRules.getOrDefault(t, RuleTracker.ENGINE))));
        new TreeSet<>(tags).stream().filter(t -> !before.contains(t))
                .forEach(t -> actions.add(new TagAdded(Tag.parse(t), tagRules.getOrDefault(t, RuleTracker.ENGINE))));
        actions.addAll(cancelled.values());
        scheduled.values().stream()
                .sorted(Comparator.comparing(Task::dueAt, OffsetDateTime.timeLineOrder()).thenComparing(Task::key))
                .forEach(actions::add);
        // the same alert or suggestion twice (a rule that fired again on a resolved state) counts once
        alerts.stream().distinct().sorted(Comparator.comparing((Alert a) -> a.eventId().orElse("")).thenComparing(Alert::code))
                .forEach(actions::add);
        suggestions.stream().distinct().sorted(Comparator.comparing(SuggestScript::script)).forEach(actions::add);
        customActions.stream().sorted(Comparator.comparing(CustomAction::type).thenComparing(CustomAction::rule)
                .thenComparing(a -> a.payload().toString())).forEach(actions::add);

        // Tasks due by now are the host's from here on: out of the pending list, into the log.
        List<Task> stillPending = new ArrayList<>();
        for (Task task : pending.values()) {
            if (task.isPendingAt(localNow)) {
                stillPending.add(task);
            } else {
                sentTasks.add(new SentTask(task.key(), task.kind(), task.dueAt()));
            }
        }
        stillPending.sort(Comparator.comparing(Task::dueAt, OffsetDateTime.timeLineOrder()).thenComparing(Task::key));

        Optional<OffsetDateTime> next = nextEvaluation(localNow, stillPending);
        Memory memory = prune(localNow.minus(retention), stillPending);
        Customer nextState = initial.toBuilder()
                .engagement(engagement)
                .stage(stage)
                .tier(tier)
                .owner(owner.orElse(null))
                .tags(tags.stream().sorted().map(Tag::parse).toList()) // sorted: independent of rule order
                .memory(memory)
                .build();
        return new Outcome(nextState, actions, next);
    }

    /**
     * When the customer next needs evaluating if nothing happens: the earliest SLA deadline,
     * pending task due time or wake-up a rule asked for, strictly after {@code now}.
     */
    private Optional<OffsetDateTime> nextEvaluation(OffsetDateTime now, List<Task> stillPending) {
        OffsetDateTime next = null;
        for (Watch w : watches) {
            next = earlierAfter(next, w.deadline(), now);
        }
        for (Task t : stillPending) {
            next = earlierAfter(next, t.dueAt(), now);
        }
        for (OffsetDateTime at : wakeUps) {
            next = earlierAfter(next, at, now);
        }
        return Optional.ofNullable(next).map(this::local);
    }

    private static OffsetDateTime earlierAfter(OffsetDateTime best, OffsetDateTime candidate, OffsetDateTime now) {
        return candidate.isAfter(now) && (best == null || candidate.isBefore(best)) ? candidate : best;
    }

    private Memory prune(OffsetDateTime cutoff, List<Task> stillPending) {
        List<OrderRecord> kept = new ArrayList<>();
        for (OrderRecord order : orders) {
            if (order.at().isBefore(cutoff)) {
                archived = archived.plus(order);
            } else {
                kept.add(order);
            }
        }
        boolean pruned = processed.values().removeIf(at -> at.isBefore(cutoff));
        pruned |= marks.values().removeIf(at -> at.isBefore(cutoff));
        sentTasks.removeIf(t -> t.dueAt().isBefore(cutoff));
        watches.removeIf(w -> w.deadline().isBefore(cutoff));
        sentTasks.sort(Comparator.comparing(SentTask::dueAt, OffsetDateTime.timeLineOrder()).thenComparing(SentTask::key));
        if (pruned && horizon.map(h -> h.isBefore(cutoff)).orElse(true)) {
            horizon = Optional.of(cutoff);
        }
        return new Memory(kept, archived.paidCount() == 0 && archived.firstPaidAt().isEmpty()
                ? Optional.empty() : Optional.of(archived),
                touchpoints, followers, stillPending, sentTasks, watches, processed, marks, horizon);
    }

    // ---- the resolver's side: the round base and the resolved levels and tags ----

    /** A tag change a live proposal asks for. */
    record TagChange(dev.siyu.proposal.TagProposal.Operation operation, String tag, String rule) { }

    /** {@code true} while the current tags were computed from proposals of this round. */
    private boolean tagsFromProposals;

    /**
     * Sets the levels and tags to the round base plus the winners given ({@code null}: no live
     * proposal, the base stands) and the live tag changes (removals first, then additions in the
     * order given, later ones replacing earlier ones in an exclusive group). Returns {@code true}
     * when a value rules can read changed (attribution alone is no change).
     */
    boolean resolve(Engagement e, String eRule, Stage st, String stRule, Tier t, String tRule, String o, String oRule,
                    List<TagChange> tagChanges) {
        Engagement newEngagement = e == null ? baseEngagement : e;
        Stage newStage = st == null ? baseStage : st;
        Tier newTier = t == null ? baseTier : t;
        Optional<String> newOwner = o == null ? baseOwner : Optional.of(o);
        boolean changed = newEngagement != engagement || newStage != stage || !newTier.equals(tier)
                || !newOwner.equals(owner);
        engagement = newEngagement;
        engagementRule = e == null ? baseEngagementRule : eRule;
        stage = newStage;
        stageRule = st == null ? baseStageRule : stRule;
        tier = newTier;
        tierRule = t == null ? baseTierRule : tRule;
        owner = newOwner;
        ownerRule = o == null ? baseOwnerRule : oRule;
        if (!tagChanges.isEmpty() || tagsFromProposals) {
            Set<String> newTags = new LinkedHashSet<>(baseTags);
            Map<String, String> newRules = new HashMap<>(baseTagRules);
            for (TagChange change : tagChanges) {
                if (change.operation() == dev.siyu.proposal.TagProposal.Operation.REMOVE) {
                    removeTag(newTags, newRules, change.tag(), change.rule());
                }
            }
            for (TagChange change : tagChanges) {
                if (change.operation() != dev.siyu.proposal.TagProposal.Operation.REMOVE) {
                    addTag(newTags, newRules, change.tag(),
                            change.operation() == dev.siyu.proposal.TagProposal.Operation.EXCLUSIVE, change.rule());
                }
            }
            changed |= !newTags.equals(tags);
            tags.clear();
            tags.addAll(newTags);
            tagRules.clear();
            tagRules.putAll(newRules);
            tagsFromProposals = !tagChanges.isEmpty();
        }
        return changed;
    }

    /** Ends a round: what it resolved is the base of the next. */
    void commitRound() {
        baseEngagement = engagement;
        baseEngagementRule = engagementRule;
        baseStage = stage;
        baseStageRule = stageRule;
        baseTier = tier;
        baseTierRule = tierRule;
        baseOwner = owner;
        baseOwnerRule = ownerRule;
        baseTags.clear();
        baseTags.addAll(tags);
        baseTagRules.clear();
        baseTagRules.putAll(tagRules);
        tagsFromProposals = false;
    }

    /** The rule that set the current value of a level, for loop errors: engagement, stage, tier, owner. */
    List<String> levelRules() {
        return List.of(engagementRule, stageRule, tierRule, ownerRule);
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
        return owner.orElse("");
    }

    @Override
    public ZoneId getZone() {
        return zone;
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
        return clock;
    }

    @Override
    public OffsetDateTime plusDays(OffsetDateTime time, int days) {
        return time.atZoneSameInstant(zone).plusDays(days).toOffsetDateTime();
    }

    @Override
    public OffsetDateTime atLocalTime(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(zone).toOffsetDateTime();
    }

    @Override
    public LocalDate localDate(OffsetDateTime time) {
        return time.atZoneSameInstant(zone).toLocalDate();
    }

    // ---- levels ----

    @Override
    public Engagement getEngagement() {
        return engagement;
    }

    @Override
    @Deprecated
    public void setEngagement(Engagement value) {
        engagement = baseEngagement = Objects.requireNonNull(value, "engagement");
        engagementRule = baseEngagementRule = tracker.current();
    }

    @Override
    public Stage getStage() {
        return stage;
    }

    @Override
    public Stage getStageBefore() {
        return initial.stage();
    }

    @Override
    public boolean isInbound(String type) {
        return inboundTypes.contains(type);
    }

    @Override
    public String productOf(String orderId) {
        return orders.stream().filter(o -> o.orderId().equals(orderId)).findFirst()
                .flatMap(OrderRecord::product).orElse("");
    }

    @Override
    @Deprecated
    public void setStage(Stage value) {
        stage = baseStage = Objects.requireNonNull(value, "stage");
        stageRule = baseStageRule = tracker.current();
    }

    @Override
    @Deprecated
    public void adoptStage(StageProposal proposal) {
        stage = baseStage = proposal.getStage();
        stageRule = baseStageRule = proposal.getRule().isEmpty() ? tracker.current() : proposal.getRule();
    }

    @Override
    public Tier getTier() {
        return tier;
    }

    @Override
    @Deprecated
    public void setTier(Tier value) {
        tier = baseTier = Objects.requireNonNull(value, "tier");
        tierRule = baseTierRule = tracker.current();
    }

    @Override
    @Deprecated
    public void setOwner(String value) {
        owner = baseOwner = Optional.of(Objects.requireNonNull(value, "owner"));
        ownerRule = baseOwnerRule = tracker.current();
    }

    // ---- history ----

    @Override
    public int getPaidOrderCount() {
        return archived.paidCount() + (int) orders.stream().filter(OrderRecord::isPaid).count();
    }

    @Override
    public int getRefundedOrderCount() {
        return (int) orders.stream().filter(o -> !o.isPaid()).count();
    }

    @Override
    public List<OrderRecord> getOrders() {
        return List.copyOf(orders);
    }

    @Override
    public boolean isFirstOrder(String orderId) {
        return archived.paidCount() == 0 && !orders.isEmpty() && orders.get(0).orderId().equals(orderId);
    }

    @Override
    public Money spendSince(OffsetDateTime since) {
        return orders.stream()
                .filter(OrderRecord::isPaid)
                .filter(o -> o.at().isAfter(since) && !o.at().isAfter(clock))
                .map(OrderRecord::amount)
                .reduce(Money.ZERO, Money::plus);
    }

    @Override
    public int touchpointCount(String type) {
        TouchpointStats stats = touchpoints.get(type);
        return stats == null ? 0 : stats.count();
    }

    @Override
    public Optional<OffsetDateTime> lastSeen(String type) {
        return Optional.ofNullable(touchpoints.get(type)).map(TouchpointStats::last).map(this::local);
    }

    @Override
    public Optional<OffsetDateTime> getLastInboundAt() {
        return touchpoints.entrySet().stream()
                .filter(e -> inboundTypes.contains(e.getKey()))
                .map(e -> e.getValue().last())
                .max(OffsetDateTime.timeLineOrder())
                .map(this::local);
    }

    @Override
    public boolean inactiveForDays(OffsetDateTime now, int days) {
        Optional<OffsetDateTime> since = getLastInboundAt().or(this::getAddedAt);
        return since.map(s -> Duration.between(s, now).compareTo(Duration.ofDays(days)) >= 0).orElse(false);
    }

    @Override
    public boolean isFriendDeleted() {
        if (!followers.isEmpty()) {
            return false; // someone still follows the customer
        }
        Optional<OffsetDateTime> deleted = lastSeen(EventTypes.FRIEND_DELETED);
        Optional<OffsetDateTime> removed = lastSeen(EventTypes.FRIEND_REMOVED);
        if (removed.isPresent() && deleted.map(d -> d.isBefore(removed.get())).orElse(true)) {
            deleted = removed;
        }
        Optional<OffsetDateTime> end = deleted;
        Optional<OffsetDateTime> added = lastSeen(EventTypes.FRIEND_ADDED);
        return end.isPresent() && added.map(a -> !a.isAfter(end.get())).orElse(true);
    }

    @Override
    public Set<String> getFollowers() {
        return Collections.unmodifiableSet(new TreeSet<>(followers.keySet()));
    }

    @Override
    public boolean hasFollower(String follower) {
        return followers.containsKey(follower);
    }

    @Override
    public String getLongestFollower() {
        return followers.entrySet().stream()
                .min(Map.Entry.<String, OffsetDateTime>comparingByValue(OffsetDateTime.timeLineOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse("");
    }

    // ---- tags ----

    @Override
    public Set<String> getTags() {
        return Set.copyOf(tags);
    }

    @Override
    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    @Override
    @Deprecated
    public void addTag(String tag) {
        String rule = tracker.current();
        addTag(tags, tagRules, tag, false, rule);
        addTag(baseTags, baseTagRules, tag, false, rule);
    }

    @Override
    @Deprecated
    public void setExclusiveTag(String tag) {
        String rule = tracker.current();
        addTag(tags, tagRules, tag, true, rule);
        addTag(baseTags, baseTagRules, tag, true, rule);
    }

    @Override
    @Deprecated
    public void removeTag(String tag) {
        String rule = tracker.current();
        removeTag(tags, tagRules, tag, rule);
        removeTag(baseTags, baseTagRules, tag, rule);
    }

    /** The group of {@code tag} when a tag catalog has it; otherwise refused. */
    String checkTagGroup(String tag) {
        String group = Tag.parse(tag).groupPath();
        if (!catalog.knows(group)) {
            throw new IllegalArgumentException("tag group '" + group + "' is not in the tag catalog");
        }
        return group;
    }

    /** Adds {@code tag} to {@code set}, replacing the other tags of its group when exclusive. */
    private void addTag(Set<String> set, Map<String, String> rules, String tag, boolean exclusive, String rule) {
        Tag parsed = Tag.parse(tag);
        String group = checkTagGroup(tag);
        if (exclusive || catalog.isExclusive(group).orElse(false)) {
            List.copyOf(set).stream().filter(t -> !t.equals(parsed.toString()) && Tag.parse(t).inGroup(group))
                    .forEach(t -> removeTag(set, rules, t, rule));
        }
        if (set.add(parsed.toString())) {
            rules.put(parsed.toString(), rule);
        }
    }

    private static void removeTag(Set<String> set, Map<String, String> rules, String tag, String rule) {
        if (set.remove(tag)) {
            rules.put(tag, rule);
        }
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
        schedule(key, kind, script, dueAt, values, rule, Optional.empty());
    }

    /**
     * Schedules a task for {@code taskOwner} (the current owner when empty), to be placed by
     * {@link #placeScheduled}; never again once due.
     */
    void schedule(String key, TaskKind kind, String script, OffsetDateTime dueAt, Map<String, String> values, String rule,
                  Optional<String> taskOwner) {
        if (sentKeys.contains(key)) {
            return; // once due, a task is the host's
        }
        unplaced.removeIf(t -> t.key().equals(key));
        unplaced.add(new Task(key, kind, script, local(dueAt), taskOwner.or(() -> owner), Optional.empty(), rule));
        taskValues.put(key, values);
    }

    /**
     * Places the tasks scheduled since the last call (one event's rules, or the sweep's) under the
     * contact policy, in placement order, among the tasks already placed; then records them.
     */
    public void placeScheduled(OffsetDateTime now) {
        if (unplaced.isEmpty()) {
            return;
        }
        List<Task> batch = new ArrayList<>(unplaced);
        unplaced.clear();
        Map<String, Task> byKey = new HashMap<>();
        batch.forEach(t -> byKey.put(t.key(), t));
        List<ContactPolicy.Request> requests = batch.stream()
                .map(t -> new ContactPolicy.Request(t.key(), t.kind(), t.dueAt()))
                .sorted(policy.placementOrder()).toList();
        boolean doNotDisturb = "true".equalsIgnoreCase(attribute("doNotDisturb").strip());
        for (ContactPolicy.Request request : requests) {
            List<OffsetDateTime> placed = placedProactive(request.key());
            Optional<OffsetDateTime> due = policy.place(request, zone, now, placed, doNotDisturb);
            if (due.isPresent()) {
                Task nominal = byKey.get(request.key());
                Optional<String> text = scripts.render(initial, nominal.script(), nominal.owner(),
                        taskValues.getOrDefault(nominal.key(), Map.of()), nominal.rule());
                record(new Task(nominal.key(), nominal.kind(), nominal.script(), local(due.get()), nominal.owner(),
                        text, nominal.rule()));
            }
        }
    }

    /** Due times of the proactive tasks that hold a place: pending (but {@code exceptKey}) and sent. */
    private List<OffsetDateTime> placedProactive(String exceptKey) {
        List<OffsetDateTime> placed = new ArrayList<>();
        pending.values().stream().filter(t -> policy.isProactive(t.kind()) && !t.key().equals(exceptKey))
                .forEach(t -> placed.add(t.dueAt()));
        sentTasks.stream().filter(t -> policy.isProactive(t.kind())).forEach(t -> placed.add(t.dueAt()));
        return placed;
    }

    private void record(Task task) {
        String key = task.key();
        Task original = initialPending.get(key);
        if (original != null && cancelled.containsKey(key) && sameTask(original, task)) {
            cancelled.remove(key); // cancelled and put back as it was: no net change
            scheduled.remove(key);
            pending.put(key, original);
            return;
        }
        Task existing = pending.get(key);
        if (existing != null && sameTask(existing, task)) {
            return;
        }
        pending.put(key, task);
        scheduled.put(key, task);
    }

    private static boolean sameTask(Task a, Task b) {
        return a.kind().equals(b.kind()) && a.script().equals(b.script()) && a.dueAt().isEqual(b.dueAt())
                && a.owner().equals(b.owner()) && a.text().equals(b.text());
    }

    @Override
    @Deprecated
    public void cancelTask(String key, String reason) {
        cancelTask(key, reason, tracker.current());
    }

    /** Cancels the task with {@code key} if it is pending at the clock (or scheduled in this round). */
    void cancelTask(String key, String reason, String rule) {
        unplaced.removeIf(t -> t.key().equals(key));
        Task task = pending.get(key);
        if (task == null || !task.isPendingAt(clock)) {
            return;
        }
        pending.remove(key);
        scheduled.remove(key);
        if (initialPending.containsKey(key)) {
            cancelled.put(key, new CancelTask(key, reason, rule));
        }
    }

    @Override
    @Deprecated
    public void cancelTasks(TaskKind kind, String reason) {
        cancelWhere(t -> t.kind().equals(kind), reason, tracker.current());
    }

    @Override
    @Deprecated
    public void cancelTasksWithKeyPrefix(String prefix, String reason) {
        cancelWhere(t -> t.key().startsWith(prefix), reason, tracker.current());
    }

    @Override
    @Deprecated
    public void cancelProactiveTasks(String reason) {
        cancelWhere(t -> policy.isProactive(t.kind()), reason, tracker.current());
    }

    /** {@code true} when the deleted-friend policy keeps a task of {@code kind} from a customer who deleted us. */
    boolean suppressesTask(TaskKind kind) {
        return isFriendDeleted() && deletedFriend.suppressesTask(policy.isProactive(kind));
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
    void cancelWhere(java.util.function.Predicate<Task> which, String reason, String rule) {
        List<String> keys = new ArrayList<>();
        unplaced.stream().filter(which).forEach(t -> keys.add(t.key()));
        pending.values().stream().filter(which).forEach(t -> keys.add(t.key()));
        keys.forEach(key -> cancelTask(key, reason, rule));
    }

    @Override
    public Set<String> pendingTaskKeys() {
        return pending.values().stream().filter(t -> t.isPendingAt(clock)).map(Task::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    @Deprecated
    public void alert(String code, String eventId) {
        if (!suppressesAlerts()) {
            raise(code, Optional.ofNullable(eventId), tracker.current());
        }
    }

    void raise(String code, Optional<String> eventId, String rule) {
        alerts.add(new Alert(code, eventId, rule));
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
        watches.removeIf(w -> w.code().equals(code) && w.eventId().equals(eventId));
        watches.add(new Watch(code, eventId, local(at), local(deadline)));
        watches.sort(Comparator.comparing(Watch::deadline, OffsetDateTime.timeLineOrder())
                .thenComparing(Watch::code).thenComparing(Watch::eventId));
    }

    @Override
    @Deprecated
    public void answerWatches(String code, OffsetDateTime replyAt) {
        answer(code, replyAt);
    }

    void answer(String code, OffsetDateTime replyAt) {
        watches.removeIf(w -> w.code().equals(code) && w.answeredBy(replyAt));
    }

    @Override
    public List<Watch> overdueWatches(OffsetDateTime now) {
        return watches.stream().filter(w -> !w.deadline().isAfter(now)).toList();
    }

    @Override
    @Deprecated
    public void closeWatch(Watch watch) {
        close(watch);
    }

    void close(Watch watch) {
        watches.removeIf(w -> w.code().equals(watch.code()) && w.eventId().equals(watch.eventId()));
    }

    @Override
    @Deprecated
    public void suggestScript(String script, String... values) {
        if (!suppressesSuggestions()) {
            suggest(script, Scripts.pairs(values), tracker.current());
        }
    }

    void suggest(String script, Map<String, String> values, String rule) {
        suggestions.add(new SuggestScript(script, scripts.render(initial, script, owner, values, rule), rule));
    }

    void addCustomAction(CustomAction action) {
        customActions.add(action);
    }

    @Override
    @Deprecated
    public boolean markOnce(String key) {
        return mark(key);
    }

    boolean mark(String key) {
        return marks.putIfAbsent(key, clock) == null;
    }

    @Override
    public boolean isMarked(String key) {
        return marks.containsKey(key);
    }

    @Override
    public Optional<OffsetDateTime> markedAt(String key) {
        return Optional.ofNullable(marks.get(key));
    }

    /** Sets {@code key} at the clock, replacing an earlier mark's time. */
    void markAgain(String key) {
        marks.put(key, clock);
    }

    @Override
    @Deprecated
    public void wakeUpAt(OffsetDateTime at) {
        wakeUp(at);
    }

    void wakeUp(OffsetDateTime at) {
        wakeUps.add(Objects.requireNonNull(at, "at"));
    }

    @Override
    public String toString() {
        return "Profile[" + initial.id() + " " + engagement + " " + stage + " " + tier + "]";
    }
}
