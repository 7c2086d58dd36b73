package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;
import java.util.Optional;

/**
 * The customer was handed to another owner (a sales account or desk); {@code from} is empty
 * when the customer had no owner.
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("OWNER_ASSIGNED")
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"from", "to", "rule"})
public record OwnerAssigned(Optional<String> from, String to, String rule) implements Action {
    public OwnerAssigned {
        from = from == null ? Optional.empty() : from;
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rule, "rule");
    }
}
