package dev.siyu.runtime;

import dev.siyu.action.Task;

import java.util.Objects;

/**
 * A task handed to the host's {@link TaskSender}: the customer, the task's stable key (deduplicate on
 * it), the task as the engine decided it, and which delivery attempt this is (1 for the first).
 *
 * <p>Immutable and thread-safe.
 */
public record DueTask(String customerId, String key, Task task, int attempt) {
    public DueTask {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(task, "task");
    }
}
