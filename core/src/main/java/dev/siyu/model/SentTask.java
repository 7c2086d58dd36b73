package dev.siyu.model;


import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A task that has become due and is now the host's: kept so that frequency caps can count it.
 *
 * <p>Immutable and thread-safe.
 */
public record SentTask(String key, TaskKind kind, OffsetDateTime dueAt) {
    public SentTask {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
