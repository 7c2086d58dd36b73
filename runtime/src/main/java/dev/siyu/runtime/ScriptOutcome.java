package dev.siyu.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static java.util.Collections.unmodifiableSortedMap;

/**
 * What became of the tasks of one script, from the runtime's outbox and the feedback the host
 * reported ({@link SiyuRuntime#scriptOutcomes(java.time.Duration)}):
 * <ul>
 *   <li>{@code delivered}: handed to the {@link TaskSender}, which returned normally;</li>
 *   <li>{@code sent}: the host reported {@code TASK_SENT} (the task reached the customer);</li>
 *   <li>{@code failed}: the host reported {@code TASK_FAILED}, or every delivery attempt failed;
 *       {@code failures} counts them by reason ({@code DELIVERY_ERROR} for the latter);</li>
 *   <li>{@code done}: the host reported {@code TASK_DONE};</li>
 *   <li>{@code converted}: the customer paid an order within the attribution window after the task
 *       was delivered, and it was the customer's last delivered task before that order (last touch:
 *       one order converts at most one task, a task is converted at most once).</li>
 * </ul>
 * A task counts once in each column however often it was reported.
 *
 * <p>Immutable and thread-safe.
 */
public record ScriptOutcome(String script, int delivered, int sent, int failed, Map<String, Integer> failures,
                            int done, int converted) {
    public ScriptOutcome {
        Objects.requireNonNull(script, "script");
        failures = unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(failures, "failures")));
    }
}
