package dev.siyu.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siyu.model.Engagement;
import dev.siyu.model.Stage;
import dev.siyu.model.Tier;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a scenario step must produce. {@code actions} entries match an action when every field they
 * give is equal (times as instants, whatever their offset); each must match a distinct action.
 * {@code noActions} entries must match none ({@code {}} means no action at all).
 * {@code nextEvaluationAt} must be the decision's next evaluation time (the same instant). With
 * {@code rejected} the step passes only when the engine refuses its input.
 *
 * <p>Immutable and thread-safe.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"rejected", "engagement", "stage", "tier", "tags", "nextEvaluationAt", "actions", "noActions"})
public record Expectation(
        Boolean rejected,
        Optional<Engagement> engagement,
        Optional<Stage> stage,
        Optional<Tier> tier,
        Optional<TagExpectation> tags,
        Optional<OffsetDateTime> nextEvaluationAt,
        List<ObjectNode> actions,
        List<ObjectNode> noActions) {

    static final Expectation NOTHING = new Expectation(false, null, null, null, null, null, null, null);

    /** The fields an action expectation may name: every field of every action type. */
    public static final Set<String> ACTION_FIELDS = Set.of("type", "key", "kind", "script", "dueAt", "owner",
            "channel", "text", "rule", "reason", "from", "to", "tag", "code", "eventId");

    public Expectation {
        rejected = rejected != null && rejected;
        engagement = engagement == null ? Optional.empty() : engagement;
        stage = stage == null ? Optional.empty() : stage;
        tier = tier == null ? Optional.empty() : tier;
        tags = tags == null ? Optional.empty() : tags;
        nextEvaluationAt = nextEvaluationAt == null ? Optional.empty() : nextEvaluationAt;
        actions = actions == null ? List.of() : List.copyOf(actions);
        noActions = noActions == null ? List.of() : List.copyOf(noActions);
        check(actions, "actions");
        check(noActions, "noActions");
    }

    /** {@code true} when the step's input must be refused. */
    public boolean isRejected() {
        return rejected;
    }

    private static void check(List<ObjectNode> entries, String where) {
        for (int i = 0; i < entries.size(); i++) {
            var names = entries.get(i).fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!ACTION_FIELDS.contains(name)) {
                    throw new IllegalArgumentException("unknown action field '" + name + "' in " + where + "[" + i
                            + "] (known: " + String.join(", ", ACTION_FIELDS.stream().sorted().toList()) + ")");
                }
                if (name.equals("kind")) {
                    String kind = entries.get(i).get(name).asText();
                    // Packs declare kinds of their own (CALL); a name that is not well formed, or is one
                    // letter away from a default kind (FOLLOWUP), is a mistake in the scenario.
                    List<String> defaults = java.util.Arrays.stream(dev.siyu.model.TaskKind.values())
                            .map(dev.siyu.model.TaskKind::name).toList();
                    if (!defaults.contains(kind) && (!dev.siyu.model.TaskKind.isValidName(kind)
                            || dev.siyu.pack.Typos.likelyTypo(kind, defaults).isPresent())) {
                        throw new IllegalArgumentException("unknown task kind '" + kind + "' in " + where + "[" + i
                                + "] (known: " + java.util.Arrays.toString(dev.siyu.model.TaskKind.values()) + ")");
                    }
                }
            }
        }
    }

    /**
     * Tags the customer must have ({@code include}) and must not have ({@code exclude}) after the step.
     *
     * <p>Immutable and thread-safe.
     */
    @JsonPropertyOrder({"include", "exclude"})
    public record TagExpectation(List<String> include, List<String> exclude) {
        public TagExpectation {
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
        }
    }
}
