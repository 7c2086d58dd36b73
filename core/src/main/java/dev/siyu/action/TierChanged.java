package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.Tier;

import java.util.Objects;

/**
 * The tier moved from {@code from} to {@code to} over one evaluation (the net change).
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("TIER_CHANGED")
@JsonPropertyOrder({"from", "to", "rule"})
public record TierChanged(Tier from, Tier to, String rule) implements Action {
    public TierChanged {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rule, "rule");
    }
}
