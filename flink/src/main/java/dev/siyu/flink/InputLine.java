package dev.siyu.flink;

import java.util.Objects;

/**
 * An input line on its way to the customer's keyed state: the customer id it is keyed by, where
 * it came from, the JSON text itself ({@code {"customer": {...}, "events": [...]}}) and its event
 * time, the earliest time in it (the customer's {@code addedAt} or the earliest event).
 *
 * <p>Immutable and thread-safe.
 *
 * @param customerId the customer's id, the key
 * @param line       the 1-based line number in the input (0 when the input has no lines, e.g. Kafka)
 * @param json       the line as read
 * @param timestamp  the earliest time in the line, epoch milliseconds ({@link Long#MIN_VALUE} if none)
 */
public record InputLine(String customerId, long line, String json, long timestamp) {
    public InputLine {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(json, "json");
    }
}
