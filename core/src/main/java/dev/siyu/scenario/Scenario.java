package dev.siyu.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.Customer;

import java.util.List;
import java.util.Objects;

/**
 * A scenario file (CONTRACT.md "Scenario file"): one customer walked through one or more
 * evaluations, each step's returned state being the next step's input.
 *
 * <p>Immutable and thread-safe.
 */
@JsonPropertyOrder({"name", "customer", "steps"})
public record Scenario(String name, Customer customer, List<ScenarioStep> steps) {
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(steps, "steps");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one step");
        }
    }
}
