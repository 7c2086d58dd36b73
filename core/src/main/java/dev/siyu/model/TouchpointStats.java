package dev.siyu.model;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * How often and when the customer had touchpoints of one type: first and last time, and count.
 *
 * <p>Immutable and thread-safe.
 */
public record TouchpointStats(OffsetDateTime first, OffsetDateTime last, int count) {
    public TouchpointStats {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last " + last + " is before first " + first);
        }
    }

    public static TouchpointStats once(OffsetDateTime at) {
        return new TouchpointStats(at, at, 1);
    }

    /**
     * These stats with one more touchpoint at {@code at} (which may be earlier: a late event). The
     * count stops at {@link Integer#MAX_VALUE} rather than overflowing.
     */
    public TouchpointStats plus(OffsetDateTime at) {
        return new TouchpointStats(at.isBefore(first) ? at : first, at.isAfter(last) ? at : last,
                count == Integer.MAX_VALUE ? count : count + 1);
    }
}
