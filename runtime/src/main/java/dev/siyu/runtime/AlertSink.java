package dev.siyu.runtime;

/**
 * What the host implements to receive alerts ({@code GREETING_OVERDUE}, {@code REPLY_OVERDUE}, …).
 * Alerts go through the same outbox as tasks and have the same guarantee: at least once, with a
 * stable {@link RaisedAlert#key()} to deduplicate on, never again once recorded as delivered.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AlertSink {

    /** Takes one alert; returns normally when taken, throws to have it retried. */
    void raise(RaisedAlert alert) throws Exception;

    /** An alert sink that drops every alert (the default when a host gives none). */
    static AlertSink ignoring() {
        return alert -> { };
    }
}
