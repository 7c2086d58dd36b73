package dev.siyu;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.action.Action;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one evaluation (CONTRACT.md "Decision"): the customer's next state, to store and
 * hand back next time, and the actions, which are the net change of this evaluation in a stable
 * order. {@code nextEvaluationAt} is when the customer next needs evaluating if nothing happens
 * (the earliest SLA deadline, pending task due time, stage threshold, holiday or solar term);
 * hosts schedule on it.
 *
 * <p>Immutable and thread-safe.
 */
@JsonPropertyOrder({"customerId", "evaluatedAt", "nextEvaluationAt", "customer", "actions"})
@JsonInclude(value = JsonInclude.Include.NON_ABSENT)
public record Decision(String customerId, OffsetDateTime evaluatedAt, Optional<OffsetDateTime> nextEvaluationAt,
                       Customer customer, List<Action> actions) {
    public Decision {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        nextEvaluationAt = nextEvaluationAt == null ? Optional.empty() : nextEvaluationAt;
        Objects.requireNonNull(customer, "customer");
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A decision that asks for no later evaluation. */
    public Decision(String customerId, OffsetDateTime evaluatedAt, Customer customer, List<Action> actions) {
        this(customerId, evaluatedAt, Optional.empty(), customer, actions);
    }

    /** The actions of one type, in decision order. */
    public <A extends Action> List<A> actions(Class<A> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The tasks of this decision, in decision order. */
    public List<Task> tasks() {
        return actions(Task.class);
    }
}
