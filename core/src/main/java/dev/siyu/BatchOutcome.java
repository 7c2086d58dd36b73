package dev.siyu;

import dev.siyu.error.SiyuException;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one input of a batch: its position in the input, and its decision or the error
 * that refused it.
 *
 * <p>Immutable and thread-safe.
 */
public record BatchOutcome(long index, EvaluationRequest request, Optional<Decision> decision, Optional<SiyuException> error) {
    public BatchOutcome {
        Objects.requireNonNull(request, "request");
        decision = decision == null ? Optional.empty() : decision;
        error = error == null ? Optional.empty() : error;
        if (decision.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("an outcome has either a decision or an error");
        }
    }

    public boolean succeeded() {
        return decision.isPresent();
    }
}
