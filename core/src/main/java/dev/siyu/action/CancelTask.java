package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/**
 * Withdraws a pending task by key. Only pending tasks are ever cancelled.
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("CANCEL_TASK")
@JsonPropertyOrder({"key", "reason", "rule"})
public record CancelTask(String key, String reason, String rule) implements Action {
    public CancelTask {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rule, "rule");
    }
}
