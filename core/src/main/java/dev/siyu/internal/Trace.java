package dev.siyu.internal;

import dev.siyu.fact.Event;
import dev.siyu.fact.Profile;
import dev.siyu.fact.StageProposal;
import dev.siyu.fact.Sweep;
import dev.siyu.fact.TierMet;
import dev.siyu.model.Watch;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.MatchCancelledEvent;
import org.kie.api.event.rule.MatchCreatedEvent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records what the rules did in one evaluation, for {@code dev.siyu.Explanation}: matches created,
 * cancelled and fired per rule, and the facts each firing matched, described by id.
 *
 * <p>Not thread-safe: one per session.
 */
public final class Trace extends DefaultAgendaEventListener {
    private final Map<String, int[]> counts = new TreeMap<>();
    private final Map<String, Set<String>> facts = new TreeMap<>();

    public Trace(List<String> ruleNames) {
        ruleNames.forEach(name -> counts.put(name, new int[3]));
    }

    private int[] count(String rule) {
        return counts.computeIfAbsent(rule, r -> new int[3]);
    }

    @Override
    public void matchCreated(MatchCreatedEvent event) {
        count(event.getMatch().getRule().getName())[0]++;
    }

    @Override
    public void matchCancelled(MatchCancelledEvent event) {
        count(event.getMatch().getRule().getName())[2]++;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        String rule = event.getMatch().getRule().getName();
        count(rule)[1]++;
        Set<String> matched = facts.computeIfAbsent(rule, r -> new LinkedHashSet<>());
        for (Object fact : event.getMatch().getObjects()) {
            matched.add(describe(fact));
        }
    }

    static String describe(Object fact) {
        if (fact instanceof Profile profile) {
            return "customer " + profile.getCustomerId();
        }
        if (fact instanceof Event event) {
            return "event " + event.getId() + " " + event.getType() + " at " + event.getAt() + " of customer " + event.getCustomerId();
        }
        if (fact instanceof Sweep sweep) {
            return "evaluation of customer " + sweep.getCustomerId() + " at " + sweep.getNow();
        }
        if (fact instanceof StageProposal proposal) {
            return "stage proposal " + proposal.getStage() + " (rank " + proposal.getRank() + ") by '" + proposal.getRule() + "'";
        }
        if (fact instanceof TierMet met) {
            return "tier " + met.getTier() + " met by row '" + met.getRule() + "' (" + met.getReason() + ")";
        }
        if (fact instanceof Watch watch) {
            return "awaited reply " + watch.code() + " to event " + watch.eventId() + " by " + watch.deadline();
        }
        if (fact instanceof String || fact instanceof Number || fact instanceof Enum<?>) {
            return "value " + fact;
        }
        return fact == null ? "nothing" : fact.getClass().getSimpleName();
    }

    /** The facts rule {@code rule} matched when it fired, described by id, in the order first seen. */
    public List<String> facts(String rule) {
        return List.copyOf(facts.getOrDefault(rule, Set.of()));
    }

    /** What every rule did, by rule name. */
    public List<Activity> activity() {
        List<Activity> activity = new ArrayList<>();
        counts.forEach((rule, c) -> activity.add(new Activity(rule, c[0], c[1], c[2])));
        return activity;
    }

    /** What one rule did: how often it matched, fired or had its match cancelled. */
    public record Activity(String rule, int matched, int fired, int cancelled) { }
}
