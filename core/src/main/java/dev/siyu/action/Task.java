package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.TaskKind;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A follow-up task for an owner: send script {@code script} to the customer at {@code dueAt}.
 * {@code key} is stable across re-evaluations; a task with the key of a pending task replaces it.
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("TASK")
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"key", "kind", "script", "dueAt", "owner", "channel", "text", "rule"})
public record Task(String key, TaskKind kind, String script, OffsetDateTime dueAt,
                   Optional<String> owner, Optional<String> channel, Optional<String> text, String rule) implements Action {
    public Task {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(rule, "rule");
        owner = owner == null ? Optional.empty() : owner;
        channel = channel == null ? Optional.empty() : channel;
        text = text == null ? Optional.empty() : text;
    }

    /** A task without a channel (the owner's one-to-one chat, or the host's choice). */
    public Task(String key, TaskKind kind, String script, OffsetDateTime dueAt, Optional<String> owner,
                Optional<String> text, String rule) {
        this(key, kind, script, dueAt, owner, Optional.empty(), text, rule);
    }

    /** {@code true} when this task is still the engine's at {@code time}: due strictly later. */
    @JsonIgnore
    public boolean isPendingAt(OffsetDateTime time) {
        return dueAt.isAfter(time);
    }
}
