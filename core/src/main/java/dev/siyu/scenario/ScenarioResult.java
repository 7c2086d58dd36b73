package dev.siyu.scenario;

import java.util.List;
import java.util.Objects;

/**
 * The result of running one scenario file: passed when it has no failure.
 *
 * <p>Immutable and thread-safe.
 */
public record ScenarioResult(String source, String scenario, List<ScenarioFailure> failures) {
    public ScenarioResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scenario, "scenario");
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** Every failure, one per line. */
    public String report() {
        return String.join("\n", failures.stream().map(ScenarioFailure::toString).toList());
    }
}
