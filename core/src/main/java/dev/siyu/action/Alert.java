package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;
import java.util.Optional;

/**
 * Something the owner's team must look at now, e.g. {@code REPLY_OVERDUE} for event {@code eventId}.
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("ALERT")
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"code", "eventId", "rule"})
public record Alert(String code, Optional<String> eventId, String rule) implements Action {
    public Alert {
        Objects.requireNonNull(code, "code");
        eventId = eventId == null ? Optional.empty() : eventId;
        Objects.requireNonNull(rule, "rule");
    }
}
