package dev.siyu.runtime;

import dev.siyu.action.Alert;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * An alert handed to the host's {@link AlertSink}: the customer, a stable key
 * ({@code alert/<code>/<event id or evaluation time>}), when the evaluation raised it, the alert,
 * and which delivery attempt this is.
 *
 * <p>Immutable and thread-safe.
 */
public record RaisedAlert(String customerId, String key, OffsetDateTime raisedAt, Alert alert, int attempt) {
    public RaisedAlert {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(alert, "alert");
    }
}
