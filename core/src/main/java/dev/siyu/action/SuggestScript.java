package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;
import java.util.Optional;

/**
 * A talk-track suggested to the owner for the conversation at hand (e.g. {@code objection.price}).
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("SUGGEST_SCRIPT")
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"script", "text", "rule"})
public record SuggestScript(String script, Optional<String> text, String rule) implements Action {
    public SuggestScript {
        Objects.requireNonNull(script, "script");
        text = text == null ? Optional.empty() : text;
        Objects.requireNonNull(rule, "rule");
    }
}
