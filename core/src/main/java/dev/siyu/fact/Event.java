package dev.siyu.fact;

import dev.siyu.model.Money;
import dev.siyu.model.Touchpoint;

import java.math.BigDecimal;

import java.time.OffsetDateTime;
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
    private final Profile profile;

    public Event(Profile profile, Touchpoint touchpoint) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.customerId = profile.getCustomerId();
        this.touchpoint = Objects.requireNonNull(touchpoint, "touchpoint");
        this.at = touchpoint.at().atZoneSameInstant(profile.getZone()).toOffsetDateTime();
    }

    /**
     * The customer the event belongs to. Binding it from the event ({@code Event(..., $p : profile)})
     * rather than joining a {@code Profile} pattern makes the rule fire once per event, even when
     * other rules change the customer in the same round.
     */
    public Profile getProfile() {
        return profile;
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

    /**
     * Attribute {@code amount} as an exact decimal (CNY), zero when the event has none; for
     * conditions such as {@code Event( type == "QUOTE_SENT", amount > 5000 )}.
     *
     * @throws IllegalArgumentException when the attribute is not a decimal number
     */
    public BigDecimal getAmount() {
        String amount = attribute("amount");
        return amount.isBlank() ? BigDecimal.ZERO : Money.of(amount).amount();
    }

    public Touchpoint getTouchpoint() {
        return touchpoint;
    }

    @Override
    public String toString() {
        return "Event[" + customerId + "/" + touchpoint.id() + " " + touchpoint.type() + " at " + at + "]";
    }
}
