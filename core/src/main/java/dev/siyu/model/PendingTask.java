package dev.siyu.model;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A task the engine has placed and that is not yet due: kept in {@link Memory#pendingTasks()} so
 * that later evaluations may cancel, replace or re-place it, and handed to the host once it is due.
 * It carries what the {@code TASK} action that placed it carried (key, kind, script, due time,
 * owner, channel, rendered text, the rule or SOP step that produced it), and is written like it.
 *
 * <p>Immutable and thread-safe.
 */
public record PendingTask(String key, TaskKind kind, String script, OffsetDateTime dueAt,
                          Optional<String> owner, Optional<String> channel, Optional<String> text, String rule) {
    public PendingTask {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(rule, "rule");
        owner = owner == null ? Optional.empty() : owner;
        channel = channel == null ? Optional.empty() : channel;
        text = text == null ? Optional.empty() : text;
    }

    /** {@code true} when this task is still the engine's at {@code time}: due strictly later. */
    public boolean isPendingAt(OffsetDateTime time) {
        return dueAt.isAfter(time);
    }
}
