package dev.siyu.scenario;

import java.util.Objects;

/**
 * One failed expectation: which file and scenario, which step (1-based; 0 for the file itself),
 * and what was expected against what came.
 *
 * <p>Immutable and thread-safe.
 */
public record ScenarioFailure(String source, String scenario, int step, String message) {
    public ScenarioFailure {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return source + ": '" + scenario + "'" + (step > 0 ? " step " + step : "") + ": " + message;
    }
}
