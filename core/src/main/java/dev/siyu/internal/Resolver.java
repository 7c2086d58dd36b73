package dev.siyu.internal;

import dev.siyu.action.CustomAction;
import dev.siyu.fact.Proposal;
import dev.siyu.fact.StageProposal;
import dev.siyu.model.Engagement;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;
import dev.siyu.model.Watch;
import dev.siyu.pack.ActionCatalog;
import dev.siyu.proposal.ActionProposal;
import dev.siyu.proposal.AlertProposal;
import dev.siyu.proposal.CancelProposal;
import dev.siyu.proposal.EngagementProposal;
import dev.siyu.proposal.MarkProposal;
import dev.siyu.proposal.OwnerProposal;
import dev.siyu.proposal.SuggestionProposal;
import dev.siyu.proposal.TagProposal;
import dev.siyu.proposal.TaskProposal;
import dev.siyu.proposal.TierProposal;
import dev.siyu.proposal.WakeUpProposal;
import dev.siyu.proposal.WatchProposal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The one place where the engine decides what the rules proposed (docs/rule-api.md, "After the
 * rules: what the engine decides"). Rules read the customer and insert proposals; the resolver
 * works on the proposals live for one customer, in this fixed order.
 *
 * <p><b>After every pass</b> (one {@code fireAllRules} of a round), {@link #resolveState}: the
 * customer's levels and tags become the state at the start of the round plus the live proposals —
 * <ol>
 *   <li>stage: the {@link StageProposal} with the lowest rank (equal ranks: the rule whose name sorts
 *       first);</li>
 *   <li>engagement: the highest level proposed;</li>
 *   <li>tier: the highest tier proposed, by the rank of the packs' tier catalog ({@code Tiers.isAbove});</li>
 *   <li>owner: of different owners proposed, the one of the rule whose name sorts first;</li>
 *   <li>tags: every removal, then every addition (an addition to an exclusive group replaces the
 *       group's other tags; of two additions to one exclusive group the rule whose name sorts first,
 *       then the tag that sorts first, wins).</li>
 * </ol>
 * Each value is attributed to the rule of the winning proposal. When anything a rule can read
 * changed, the engine updates the customer's fact once and the rules get another pass, seeing the
 * resolved state; a round ends with the first pass that changes nothing, and a round that has not
 * settled after {@link #MAX_PASSES} passes refuses its customer naming the rules that fired last.
 * Because the state is recomputed from the live proposals, a rule that proposes against another
 * simply loses by precedence instead of looping the engine.
 *
 * <p><b>When the round has settled</b>, {@link #settleRound}, over the proposals still live:
 * <ol>
 *   <li>watches: opens, then answers, then closes;</li>
 *   <li>the deleted-friend policy: after the customer deleted us (and did not add us again), task,
 *       alert and suggestion proposals are dropped;</li>
 *   <li>cancels, broadest first (every proactive task, by kind, by key prefix, by key; ties by rule
 *       name), on the tasks pending at the round's clock or scheduled in an earlier round: a cancel
 *       never withdraws a task proposed in the same round, so a rule may cancel a family of tasks
 *       and propose its replacements;</li>
 *   <li>tasks, by key (a key proposed twice: the later pass wins, then the rule whose name sorts
 *       first), for the resolved owner, never again once a task with that key was due; then the
 *       contact policy places the round's tasks (hours, caps, history);</li>
 *   <li>alerts (one with a due time that is history at the round's clock is dropped), suggestions
 *       (rendered for the resolved owner), once-only marks, wake-ups, custom actions.</li>
 * </ol>
 * A proposal made twice in a round (two insertions of equal proposals by one rule) counts once.
 * The net change of the whole evaluation, and the order of the decision's actions, is then
 * {@link ProfileFact#finish}'s.
 *
 * <p>Stateless and thread-safe.
 */
final class Resolver {
    /** Passes of the rules allowed for one round before the customer is refused. */
    static final int MAX_PASSES = 16;

    private static final Comparator<ProposalListener.Entry> BY_RULE = Comparator.comparing(ProposalListener.Entry::rule);
    /** Tag proposals in the order they are applied: the first rule name, then tag, last (it wins an exclusive group). */
    private static final Comparator<ProposalListener.Entry> TAG_ORDER =
            BY_RULE.thenComparing(e -> ((TagProposal) e.proposal()).getTag()).reversed();

    private Resolver() {
    }

    /**
     * Recomputes the customer's levels and tags from the round base and the live proposals;
     * {@code true} when a value rules can read changed.
     */
    static boolean resolveState(ProfileFact profile, Collection<ProposalListener.Entry> live, dev.siyu.fact.Tiers tiers) {
        StageProposal stage = null;
        String stageRule = null;
        Engagement engagement = null;
        String engagementRule = null;
        Tier tier = null;
        String tierRule = null;
        String owner = null;
        String ownerRule = null;
        List<ProposalListener.Entry> tagEntries = null;
        for (ProposalListener.Entry entry : live) {
            Proposal p = entry.proposal();
            String rule = entry.rule();
            if (p instanceof StageProposal s) {
                if (stage == null || s.getRank() < stage.getRank()
                        || s.getRank() == stage.getRank() && rule.compareTo(stageRule) < 0) {
                    stage = s;
                    stageRule = rule;
                }
            } else if (p instanceof EngagementProposal e) {
                if (engagement == null || e.getEngagement().compareTo(engagement) > 0
                        || e.getEngagement() == engagement && rule.compareTo(engagementRule) < 0) {
                    engagement = e.getEngagement();
                    engagementRule = rule;
                }
            } else if (p instanceof TierProposal t) {
                // ranked by the packs' tier catalog, so that a tier a pack declares (小B) competes too
                if (tier == null || tiers.isAbove(t.getTier(), tier) || t.getTier().equals(tier) && rule.compareTo(tierRule) < 0) {
                    tier = t.getTier();
                    tierRule = rule;
                }
            } else if (p instanceof OwnerProposal o) {
                if (owner == null || rule.compareTo(ownerRule) < 0) {
                    owner = o.getOwner();
                    ownerRule = rule;
                }
            } else if (p instanceof TagProposal) {
                if (tagEntries == null) {
                    tagEntries = new ArrayList<>();
                }
                tagEntries.add(entry);
            }
        }
        List<ChangeSet.TagChange> tags = List.of();
        if (tagEntries != null) {
            // applied last wins in an exclusive group: sort so that the first rule name, then tag, comes last
            tagEntries.sort(TAG_ORDER);
            tags = new ArrayList<>(tagEntries.size());
            for (ProposalListener.Entry entry : tagEntries) {
                TagProposal t = (TagProposal) entry.proposal();
                tags.add(new ChangeSet.TagChange(t.getOperation(), t.getTag(), entry.rule()));
            }
        }
        return profile.resolve(engagement, engagementRule, stage == null ? null : stage.getStage(), stageRule,
                tier, tierRule, owner, ownerRule, tags);
    }

    /** Broadest first (every proactive task, by kind, by key prefix, by key), then by rule, target, reason. */
    private static final Comparator<ProposalListener.Entry> CANCEL_ORDER =
            Comparator.comparing((ProposalListener.Entry e) -> ((CancelProposal) e.proposal()).getScope()).reversed()
                    .thenComparing(BY_RULE)
                    .thenComparing(e -> ((CancelProposal) e.proposal()).getTarget())
                    .thenComparing(e -> ((CancelProposal) e.proposal()).getReason());

    /** Up to this many live proposals, duplicates are found by comparing each with the earlier ones. */
    private static final int SMALL = 24;

    /** One of each (proposal, rule), in the order given: a proposal made twice counts once; the first seen stays. */
    private static List<ProposalListener.Entry> distinct(Collection<ProposalListener.Entry> live) {
        List<ProposalListener.Entry> entries = new ArrayList<>(live.size());
        if (live.size() > SMALL) {
            Map<List<Object>, ProposalListener.Entry> distinct = new LinkedHashMap<>();
            for (ProposalListener.Entry entry : live) {
                distinct.putIfAbsent(List.of(entry.proposal(), entry.rule()), entry);
            }
            entries.addAll(distinct.values());
            return entries;
        }
        for (ProposalListener.Entry entry : live) {
            boolean seen = false;
            for (int i = 0; i < entries.size() && !seen; i++) {
                ProposalListener.Entry other = entries.get(i);
                seen = other.rule().equals(entry.rule()) && other.proposal().equals(entry.proposal());
            }
            if (!seen) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Applies the effects of a settled round: watches, policy, cancels, tasks and the rest. */
    static void settleRound(ProfileFact profile, Collection<ProposalListener.Entry> live, OffsetDateTime now,
                            ActionCatalog actions) {
        if (live.isEmpty()) {
            profile.placeScheduled(now);
            return;
        }
        List<ProposalListener.Entry> entries = distinct(live);

        boolean watches = false;
        for (ProposalListener.Entry entry : entries) {
            watches |= entry.proposal() instanceof WatchProposal;
        }
        if (watches) {
            for (WatchProposal.Operation operation : WatchProposal.Operation.values()) {
                for (ProposalListener.Entry entry : entries) {
                    if (entry.proposal() instanceof WatchProposal w && w.getOperation() == operation) {
                        switch (operation) {
                            case OPEN -> profile.openWatch(w.getCode(), w.getEventId(), w.getAt(), w.getDeadline());
                            case ANSWER -> profile.answer(w.getCode(), w.getAt());
                            case CLOSE -> profile.close(new Watch(w.getCode(), w.getEventId(), w.getAt(), w.getDeadline()));
                        }
                    }
                }
            }
        }

        // after the customer deleted us, the deleted-friend policy says what is still produced
        List<ProposalListener.Entry> cancels = null;
        List<ProposalListener.Entry> tasks = null;
        for (ProposalListener.Entry entry : entries) {
            if (entry.proposal() instanceof CancelProposal) {
                if (cancels == null) {
                    cancels = new ArrayList<>();
                }
                cancels.add(entry);
            } else if (entry.proposal() instanceof TaskProposal t && !profile.suppressesTask(t.getKind())) {
                if (tasks == null) {
                    tasks = new ArrayList<>();
                }
                tasks.add(entry);
            }
        }
        if (cancels != null) {
            cancels.sort(CANCEL_ORDER);
            for (ProposalListener.Entry entry : cancels) {
                CancelProposal c = (CancelProposal) entry.proposal();
                profile.cancelWhere(selector(c, profile), c.getReason(), entry.rule());
            }
        }

        if (tasks != null) {
            Map<String, ProposalListener.Entry> byKey = new java.util.TreeMap<>();
            for (ProposalListener.Entry entry : tasks) {
                String key = ((TaskProposal) entry.proposal()).getKey();
                ProposalListener.Entry other = byKey.get(key);
                if (other == null || entry.pass() > other.pass()
                        || entry.pass() == other.pass() && entry.rule().compareTo(other.rule()) < 0) {
                    byKey.put(key, entry);
                }
            }
            for (ProposalListener.Entry entry : byKey.values()) {
                TaskProposal t = (TaskProposal) entry.proposal();
                profile.schedule(t.getKey(), t.getKind(), t.getScript(), t.getDueAt(), pairs(t.getValues()),
                        t.getSource().orElse(entry.rule()), t.getOwner(), t.getChannel());
            }
        }
        profile.placeScheduled(now);

        Set<String> marks = null;
        Set<String> again = null;
        for (ProposalListener.Entry entry : entries) {
            Proposal p = entry.proposal();
            if (p instanceof AlertProposal a && !profile.suppressesAlerts()) {
                if (a.getDueAt().map(due -> !profile.isHistory(due, profile.getClock())).orElse(true)) {
                    profile.raise(a.getCode(), a.getEventId().isEmpty() ? Optional.empty() : Optional.of(a.getEventId()),
                            entry.rule());
                }
            } else if (p instanceof SuggestionProposal s && !profile.suppressesSuggestions()) {
                profile.suggest(s.getScript(), pairs(s.getValues()), entry.rule());
            } else if (p instanceof MarkProposal m && m.isAgain()) {
                if (again == null) {
                    again = new LinkedHashSet<>();
                }
                again.add(m.getKey());
            } else if (p instanceof MarkProposal m) {
                if (marks == null) {
                    marks = new LinkedHashSet<>();
                }
                marks.add(m.getKey());
            } else if (p instanceof WakeUpProposal w) {
                profile.wakeUp(w.getAt());
            } else if (p instanceof ActionProposal a) {
                Map<String, String> payload = new LinkedHashMap<>();
                for (String field : actions.fields(a.getType()).orElseThrow()) {
                    payload.put(field, a.getPayload().getOrDefault(field, ""));
                }
                profile.addCustomAction(new CustomAction(a.getType(), payload, entry.rule()));
            }
        }
        if (marks != null) {
            marks.forEach(profile::mark);
        }
        if (again != null) {
            again.forEach(profile::markAgain);
        }
    }

    /** What {@code c} selects; "proactive" is the packs' catalog's answer, as the contact policy places tasks. */
    private static BiPredicate<String, TaskKind> selector(CancelProposal c, ProfileFact profile) {
        return switch (c.getScope()) {
            case KEY -> (key, kind) -> key.equals(c.getTarget());
            case KEY_PREFIX -> (key, kind) -> key.startsWith(c.getTarget());
            case KIND -> (key, kind) -> kindName(kind).equals(c.getTarget());
            case PROACTIVE -> (key, kind) -> profile.isProactive(kind);
        };
    }

    private static String kindName(TaskKind kind) {
        return kind.name();
    }

    private static Map<String, String> pairs(List<String> values) {
        if (values.isEmpty()) {
            return new HashMap<>(0);
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < values.size(); i += 2) {
            map.put(values.get(i), values.get(i + 1));
        }
        return map;
    }
}
