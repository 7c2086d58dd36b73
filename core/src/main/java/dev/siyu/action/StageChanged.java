package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.Stage;

import java.util.Objects;

/**
 * The lifecycle stage moved from {@code from} to {@code to} over one evaluation (the net change).
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("STAGE_CHANGED")
@JsonPropertyOrder({"from", "to", "rule"})
public record StageChanged(Stage from, Stage to, String rule) implements Action {
    public StageChanged {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rule, "rule");
    }
}
