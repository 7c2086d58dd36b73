package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.Engagement;

import java.util.Objects;

/**
 * The engagement level moved from {@code from} to {@code to} over one evaluation (the net change).
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("ENGAGEMENT_CHANGED")
@JsonPropertyOrder({"from", "to", "rule"})
public record EngagementChanged(Engagement from, Engagement to, String rule) implements Action {
    public EngagementChanged {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rule, "rule");
    }
}
