package dev.siyu.fact;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Inserted once every new event of a customer is applied: rules that look at the customer as of
 * the evaluation time (stages, dormancy, overdue alerts, holidays) match it. {@link #getNow()} is
 * the evaluation time in the customer's zone, never the machine's clock.
 *
 * <p>Immutable and thread-safe.
 */
public final class Sweep {
    private final String customerId;
    private final OffsetDateTime now;
    private final Profile profile;

    public Sweep(Profile profile, OffsetDateTime now) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.customerId = profile.getCustomerId();
        this.now = Objects.requireNonNull(now, "now");
    }

    /** The customer being swept; bind it as {@code Sweep(..., $p : profile)} to fire once per sweep. */
    public Profile getProfile() {
        return profile;
    }

    public String getCustomerId() {
        return customerId;
    }

    /** The evaluation time in the customer's zone. */
    public OffsetDateTime getNow() {
        return now;
    }

    /** The local date of the evaluation in the customer's zone. */
    public LocalDate getToday() {
        return now.toLocalDate();
    }

    @Override
    public String toString() {
        return "Sweep[" + customerId + " at " + now + "]";
    }
}
