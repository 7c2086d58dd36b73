package dev.siyu.internal;

import dev.siyu.InputException;
import dev.siyu.action.TaskKind;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.TaskKindCatalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of an input that depend on the packs' catalogs, made before anything changes (after
 * the pack-independent ones of {@link Evaluator#validate}): attributes that name a task kind must
 * name one a catalog declares. Messages name the customer, the event and the attribute, never the
 * value.
 *
 * <p>Immutable and thread-safe.
 */
final class InputChecks {
    /** The task outcomes, whose attribute {@code kind} is the kind of the task they are about. */
    private static final Set<String> TASK_OUTCOMES = Set.of("TASK_SENT", "TASK_FAILED", "TASK_DONE");

    private final TaskKindCatalog kinds;

    InputChecks(TaskKindCatalog kinds) {
        this.kinds = kinds;
    }

    /** @throws InputException for the first attribute the catalogs refuse */
    void check(Customer customer, List<Touchpoint> events) {
        for (Touchpoint event : events) {
            if (TASK_OUTCOMES.contains(event.type())) {
                event.attribute("kind").filter(k -> !k.isBlank()).ifPresent(kind -> requireKind(customer, event, "kind", kind));
            }
        }
    }

    private void requireKind(Customer customer, Touchpoint event, String attribute, String kind) {
        Optional<TaskKind> declared = TaskKind.isValidName(kind) ? Optional.of(TaskKind.valueOf(kind)) : Optional.empty();
        if (declared.isEmpty() || (!kinds.isEmpty() && !kinds.declares(declared.get()))) {
            throw InputException.forEvent(customer.id(), event.id(), "attribute '" + attribute
                    + "' must name a task kind a task-kind catalog declares (got a text of " + kind.length() + " characters)");
        }
    }
}
