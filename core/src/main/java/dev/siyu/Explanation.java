package dev.siyu;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.action.Action;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an evaluation decided what it did: for each action, the rule that produced it and the facts
 * that rule matched (named by id, never by personal data); and for every rule of the engine, how
 * often it matched, fired or had its match cancelled, so that a missing action can be explained.
 *
 * <p>Immutable and thread-safe.
 */
@JsonPropertyOrder({"decision", "actions", "rules"})
public record Explanation(Decision decision, List<ActionReason> actions, List<RuleActivity> rules) {

    public Explanation {
        Objects.requireNonNull(decision, "decision");
        actions = List.copyOf(actions);
        rules = List.copyOf(rules);
    }

    /** One action and where it came from. */
    @JsonPropertyOrder({"action", "rule", "facts"})
    public record ActionReason(Action action, String rule, List<String> facts) {
        public ActionReason {
            facts = List.copyOf(facts);
        }
    }

    /** What one rule did in this evaluation. */
    @JsonPropertyOrder({"rule", "matched", "fired", "cancelled"})
    public record RuleActivity(String rule, int matched, int fired, int cancelled) { }

    /** What one rule did, if the engine has it. */
    public Optional<RuleActivity> rule(String name) {
        return rules.stream().filter(r -> r.rule().equals(name)).findFirst();
    }

    /**
     * Why rule {@code name} produced no action here, as far as Drools can tell: its conditions never
     * all held, its matches were cancelled before firing, or it fired but what it did was taken back
     * (scheduled and cancelled, or dropped by the contact policy).
     */
    public String whyNot(String name) {
        Optional<RuleActivity> activity = rule(name);
        if (activity.isEmpty()) {
            return "the engine has no rule named '" + name + "'";
        }
        RuleActivity a = activity.get();
        if (a.matched() == 0) {
            return "'" + name + "' never matched: its conditions never all held for customer " + decision.customerId();
        }
        if (a.fired() == 0) {
            return "'" + name + "' matched " + a.matched() + " time(s) but every match was cancelled before firing: "
                    + "a fact it matched changed or went away (e.g. the event's round ended, a higher rule changed the customer)";
        }
        if (actions.stream().noneMatch(r -> r.rule().equals(name))) {
            return "'" + name + "' fired " + a.fired() + " time(s) but left no action: what it did was taken back in the "
                    + "same evaluation (a task scheduled and cancelled, a change undone) or dropped by the contact policy "
                    + "(history older than the limit, the caps, do-not-disturb, a friend who deleted us)";
        }
        return "'" + name + "' did produce an action";
    }
}
