package dev.siyu.runtime;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the outbox as the host can list it: a task ({@code kind} {@code TASK}) or an alert
 * ({@code ALERT}), its status, due time, attempts so far, the last delivery error and the action
 * as contract JSON ({@code payload}).
 *
 * <p>Immutable and thread-safe.
 */
public record OutboxEntry(String customerId, String key, String kind, OutboxStatus status, OffsetDateTime dueAt,
                          int attempts, Optional<String> lastError, Optional<OffsetDateTime> deliveredAt,
                          String payload) {
    public OutboxEntry {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dueAt, "dueAt");
        lastError = lastError == null ? Optional.empty() : lastError;
        deliveredAt = deliveredAt == null ? Optional.empty() : deliveredAt;
        Objects.requireNonNull(payload, "payload");
    }
}
