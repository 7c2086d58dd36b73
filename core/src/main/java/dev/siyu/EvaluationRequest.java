package dev.siyu;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;

import java.util.List;
import java.util.Objects;

/**
 * One customer and the new events to apply to it: a line of {@code siyu evaluate}'s NDJSON input.
 *
 * <p>Immutable and thread-safe.
 */
@JsonPropertyOrder({"customer", "events"})
public record EvaluationRequest(Customer customer, List<Touchpoint> events) {
    public EvaluationRequest {
        Objects.requireNonNull(customer, "customer");
        events = events == null ? List.of() : List.copyOf(events);
    }
}
