package dev.siyu.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.Touchpoint;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One evaluation of a scenario: the evaluation time, the new events and what must come out.
 *
 * <p>Immutable and thread-safe.
 */
@JsonPropertyOrder({"now", "events", "expect"})
public record ScenarioStep(OffsetDateTime now, List<Touchpoint> events, Expectation expect) {
    public ScenarioStep {
        Objects.requireNonNull(now, "now");
        events = events == null ? List.of() : List.copyOf(events);
        expect = expect == null ? Expectation.NOTHING : expect;
    }
}
