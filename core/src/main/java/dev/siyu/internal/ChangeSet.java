package dev.siyu.internal;

import dev.siyu.action.Action;
import dev.siyu.action.Alert;
import dev.siyu.action.CustomAction;
import dev.siyu.action.EngagementChanged;
import dev.siyu.action.OwnerAssigned;
import dev.siyu.action.StageChanged;
import dev.siyu.action.SuggestScript;
import dev.siyu.action.TagAdded;
import dev.siyu.action.TagRemoved;
import dev.siyu.action.TierChanged;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.Stage;
import dev.siyu.model.Tag;
import dev.siyu.model.Tier;
import dev.siyu.pack.TagCatalog;
import dev.siyu.proposal.TagProposal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one evaluation changes in a customer, each change attributed to its rule: the levels
 * (engagement, stage, tier, owner) and tags, with the state at the start of the current round
 * that the {@link Resolver} recomputes each pass from; the alerts, suggestions, custom actions and
 * wake-ups. {@link #actions} is the net change as decision actions.
 *
 * <p>Not thread-safe: owned by one evaluation.
 */
final class ChangeSet {
    /** A tag change a live proposal asks for. */
    record TagChange(TagProposal.Operation operation, String tag, String rule) { }

    private final Customer initial;
    /** {@link #mutations()}. */
    private int mutations;
    private final TagCatalog catalog;
    /** The initial tags' texts, in the customer's order. */
    private final List<String> initialTags;
    /** How many distinct tags the customer came with. */
    private final int initialDistinct;

    Engagement engagement;
    String engagementRule = RuleTracker.ENGINE;
    Stage stage;
    String stageRule = RuleTracker.ENGINE;
    Tier tier;
    String tierRule = RuleTracker.ENGINE;
    Optional<String> owner;
    String ownerRule = RuleTracker.ENGINE;
    private Set<String> tags;
    private Map<String, String> tagRules = new HashMap<>();

    // The state at the start of the current round, plus what deprecated mutators changed in it: the
    // resolver recomputes the levels and tags of each pass as this base plus the live proposals.
    // Tags and their rules are shared with the current ones between a round's end and its next resolve.
    private Engagement baseEngagement;
    private String baseEngagementRule = RuleTracker.ENGINE;
    private Stage baseStage;
    private String baseStageRule = RuleTracker.ENGINE;
    private Tier baseTier;
    private String baseTierRule = RuleTracker.ENGINE;
    private Optional<String> baseOwner;
    private String baseOwnerRule = RuleTracker.ENGINE;
    private Set<String> baseTags;
    private Map<String, String> baseTagRules;
    /** {@code true} while the current tags were computed from proposals of this round. */
    private boolean tagsFromProposals;

    private List<Alert> alerts = List.of();
    private List<SuggestScript> suggestions = List.of();
    private List<CustomAction> customActions = List.of();
    /** Wake-ups rules asked for; the earliest after the evaluation time counts. */
    private List<OffsetDateTime> wakeUps = List.of();

    ChangeSet(Customer customer, TagCatalog catalog) {
        this.initial = customer;
        this.catalog = catalog;
        this.engagement = baseEngagement = customer.engagement();
        this.stage = baseStage = customer.stage();
        this.tier = baseTier = customer.tier();
        this.owner = baseOwner = customer.owner();
        List<Tag> given = customer.tags();
        List<String> texts = new ArrayList<>(given.size());
        for (Tag tag : given) {
            texts.add(TagTexts.text(tag));
        }
        this.initialTags = texts;
        this.tags = new LinkedHashSet<>(texts);
        this.initialDistinct = tags.size();
        this.baseTags = tags;
        this.baseTagRules = tagRules;
    }

    // ---- tags ----

    Set<String> tags() {
        return tags;
    }

    /** The group of {@code tag} when a tag catalog has it; otherwise refused. */
    String checkTagGroup(String tag) {
        String group = TagTexts.group(tag);
        if (!catalog.knows(group)) {
            throw new IllegalArgumentException("tag group '" + group + "' is not in the tag catalog");
        }
        return group;
    }

    /**
     * How many times a deprecated mutator changed the state (the resolver's own changes do not
     * count): a customer whose count and proposals are as at its last resolve resolves the same.
     */
    int mutations() {
        return mutations;
    }

    /** A deprecated mutator's tag change: to the current tags and the round base. */
    void changeTag(TagProposal.Operation operation, String tag, String rule) {
        mutations++;
        if (tags != baseTags) {
            apply(baseTags, baseTagRules, operation, tag, rule);
        }
        apply(tags, tagRules, operation, tag, rule);
    }

    private void apply(Set<String> set, Map<String, String> rules, TagProposal.Operation operation, String tag, String rule) {
        if (operation == TagProposal.Operation.REMOVE) {
            removeTag(set, rules, tag, rule);
        } else {
            addTag(set, rules, tag, operation == TagProposal.Operation.EXCLUSIVE, rule);
        }
    }

    /** Adds {@code tag} to {@code set}, replacing the other tags of its group when exclusive. */
    private void addTag(Set<String> set, Map<String, String> rules, String tag, boolean exclusive, String rule) {
        String group = checkTagGroup(tag);
        if (exclusive || catalog.isExclusive(group).orElse(false)) {
            for (Iterator<String> it = set.iterator(); it.hasNext(); ) {
                String t = it.next();
                if (!t.equals(tag) && TagTexts.group(t).equals(group)) {
                    it.remove();
                    rules.put(t, rule);
                }
            }
        }
        if (set.add(tag)) {
            rules.put(tag, rule);
        }
    }

    private static void removeTag(Set<String> set, Map<String, String> rules, String tag, String rule) {
        if (set.remove(tag)) {
            rules.put(tag, rule);
        }
    }

    // ---- levels: deprecated mutators set the current value and the round base ----

    void setEngagement(Engagement value, String rule) {
        mutations++;
        engagement = baseEngagement = Objects.requireNonNull(value, "engagement");
        engagementRule = baseEngagementRule = rule;
    }

    void setStage(Stage value, String rule) {
        mutations++;
        stage = baseStage = Objects.requireNonNull(value, "stage");
        stageRule = baseStageRule = rule;
    }

    void setTier(Tier value, String rule) {
        mutations++;
        tier = baseTier = Objects.requireNonNull(value, "tier");
        tierRule = baseTierRule = rule;
    }

    void setOwner(String value, String rule) {
        mutations++;
        owner = baseOwner = Optional.of(Objects.requireNonNull(value, "owner"));
        ownerRule = baseOwnerRule = rule;
    }

    // ---- the resolver's side ----

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
        Optional<String> newOwner = o == null ? baseOwner : o.equals(owner.orElse(null)) ? owner : Optional.of(o);
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
        if (!tagChanges.isEmpty() && changesNothing(tagChanges)) {
            // copy on write: proposals of tags the base already has (or lacks, for a removal) leave
            // the base as it is, tags and attribution alike
            changed |= tags != baseTags && !baseTags.equals(tags);
            tags = baseTags;
            tagRules = baseTagRules;
            tagsFromProposals = true;
        } else if (!tagChanges.isEmpty() || tagsFromProposals) {
            Set<String> newTags = new LinkedHashSet<>(baseTags);
            Map<String, String> newRules = new HashMap<>(baseTagRules);
            for (TagChange change : tagChanges) {
                if (change.operation() == TagProposal.Operation.REMOVE) {
                    removeTag(newTags, newRules, change.tag(), change.rule());
                }
            }
            for (TagChange change : tagChanges) {
                if (change.operation() != TagProposal.Operation.REMOVE) {
                    addTag(newTags, newRules, change.tag(), change.operation() == TagProposal.Operation.EXCLUSIVE,
                            change.rule());
                }
            }
            changed |= !newTags.equals(tags);
            tags = newTags;
            tagRules = newRules;
            tagsFromProposals = !tagChanges.isEmpty();
        }
        return changed;
    }

    /**
     * {@code true} when each change, applied to the round base, leaves it as it is: a removal of a
     * tag it lacks, an addition of a tag it has (for an exclusive group: with no other tag of the
     * group). Applied in any order, such changes then change neither a tag nor an attribution.
     */
    private boolean changesNothing(List<TagChange> tagChanges) {
        for (int i = 0; i < tagChanges.size(); i++) {
            TagChange change = tagChanges.get(i);
            if (change.operation() == TagProposal.Operation.REMOVE) {
                if (baseTags.contains(change.tag())) {
                    return false;
                }
                continue;
            }
            String group = checkTagGroup(change.tag());
            if (!baseTags.contains(change.tag())) {
                return false;
            }
            if (change.operation() == TagProposal.Operation.EXCLUSIVE || catalog.isExclusive(group).orElse(false)) {
                for (String t : baseTags) {
                    if (!t.equals(change.tag()) && TagTexts.group(t).equals(group)) {
                        return false;
                    }
                }
            }
        }
        return true;
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
        baseTags = tags; // shared until the next resolve replaces the current ones
        baseTagRules = tagRules;
        tagsFromProposals = false;
    }

    /** The rule that set the current value of a level, for loop errors: engagement, stage, tier, owner. */
    List<String> levelRules() {
        return List.of(engagementRule, stageRule, tierRule, ownerRule);
    }

    // ---- the rest ----

    void raise(Alert alert) {
        if (alerts.isEmpty()) {
            alerts = new ArrayList<>();
        }
        alerts.add(alert);
    }

    void suggest(SuggestScript suggestion) {
        if (suggestions.isEmpty()) {
            suggestions = new ArrayList<>();
        }
        suggestions.add(suggestion);
    }

    void addCustomAction(CustomAction action) {
        if (customActions.isEmpty()) {
            customActions = new ArrayList<>();
        }
        customActions.add(action);
    }

    void wakeUp(OffsetDateTime at) {
        Objects.requireNonNull(at, "at");
        if (wakeUps.isEmpty()) {
            wakeUps = new ArrayList<>();
        }
        wakeUps.add(at);
    }

    List<OffsetDateTime> wakeUps() {
        return wakeUps;
    }

    /** The level and tag changes since the start, as actions: engagement, stage, tier, owner, tags removed, added. */
    void levelAndTagActions(List<Action> actions) {
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
        if (tagsUnchanged()) {
            return;
        }
        Set<String> before = new java.util.HashSet<>(initialTags);
        for (String t : new TreeSet<>(before)) {
            if (!tags.contains(t)) {
                actions.add(new TagRemoved(TagTexts.tag(t), tagRules.getOrDefault(t, RuleTracker.ENGINE)));
            }
        }
        for (String t : new TreeSet<>(tags)) {
            if (!before.contains(t)) {
                actions.add(new TagAdded(TagTexts.tag(t), tagRules.getOrDefault(t, RuleTracker.ENGINE)));
            }
        }
    }

    private boolean tagsUnchanged() {
        if (tags.size() != initialDistinct) {
            return false;
        }
        for (String t : initialTags) {
            if (!tags.contains(t)) {
                return false;
            }
        }
        return true; // every initial tag still there, and as many
    }

    /** The alerts (each once), suggestions (each once) and custom actions, in decision order. */
    void otherActions(List<Action> actions) {
        // the same alert or suggestion twice (a rule that fired again on a resolved state) counts once
        if (!alerts.isEmpty()) {
            alerts.stream().distinct().sorted(Comparator.comparing((Alert a) -> a.eventId().orElse("")).thenComparing(Alert::code))
                    .forEach(actions::add);
        }
        if (!suggestions.isEmpty()) {
            suggestions.stream().distinct().sorted(Comparator.comparing(SuggestScript::script)).forEach(actions::add);
        }
        if (!customActions.isEmpty()) {
            customActions.stream().sorted(Comparator.comparing(CustomAction::type).thenComparing(CustomAction::rule)
                    .thenComparing(a -> a.payload().toString())).forEach(actions::add);
        }
    }

    /** The tags of the next state, sorted (independent of rule order): the customer's own list when unchanged. */
    List<Tag> nextTags() {
        if (tags.size() == initialTags.size() && isStrictlySorted(initialTags) && tagsUnchanged()) {
            return initial.tags();
        }
        List<Tag> next = new ArrayList<>(tags.size());
        for (String t : new TreeSet<>(tags)) {
            next.add(TagTexts.tag(t));
        }
        return List.copyOf(next);
    }

    private static boolean isStrictlySorted(List<String> texts) {
        for (int i = 1; i < texts.size(); i++) {
            if (texts.get(i - 1).compareTo(texts.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
