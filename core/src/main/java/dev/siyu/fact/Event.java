package dev.siyu.fact;

import dev.siyu.model.Touchpoint;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The touchpoint being applied, as rule files see it. The engine applies new events one at a
 * time in time order: each is in the session only while its own rules fire, with the customer's
 * {@link Profile} already updated by it (ledger, inbound times). Its time is in the customer's zone.
 *
 * <p>Immutable and thread-safe.
 */
public final class Event {
    private final String customerId;
    private final Touchpoint touchpoint;
    private final OffsetDateTime at;

    public Event(String customerId, Touchpoint touchpoint, ZoneId zone) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.touchpoint = Objects.requireNonNull(touchpoint, "touchpoint");
        this.at = touchpoint.at().atZoneSameInstant(zone).toOffsetDateTime();
    }

    public String getCustomerId() {
        return customerId;
    }

    public String getId() {
        return touchpoint.id();
    }

    public String getType() {
        return touchpoint.type();
    }

    /** The event time in the customer's zone. */
    public OffsetDateTime getAt() {
        return at;
    }

    /** The channel, or {@code ""}. */
    public String getChannel() {
        return touchpoint.channel().orElse("");
    }

    /** Attribute {@code key}, or {@code ""}. */
    public String attribute(String key) {
        return touchpoint.attributes().getOrDefault(key, "");
    }

    public Touchpoint getTouchpoint() {
        return touchpoint;
    }

    @Override
    public String toString() {
        return "Event[" + customerId + "/" + touchpoint.id() + " " + touchpoint.type() + " at " + at + "]";
    }
}
