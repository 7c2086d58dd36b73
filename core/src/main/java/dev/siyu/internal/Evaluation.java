package dev.siyu.internal;

import dev.siyu.action.Action;
import dev.siyu.model.Customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What one evaluation decided, in the terms of the packages below the API: the facade
 * ({@code SiyuEngine}) hands it to hosts as a {@code dev.siyu.Decision} with the same fields, so
 * that this package does not depend on the API package above it.
 *
 * @param customerId       the customer evaluated
 * @param evaluatedAt      the evaluation time, in the customer's zone
 * @param nextEvaluationAt when the customer next needs evaluating if nothing happens
 * @param customer         the customer's next state
 * @param actions          the net change, in decision order
 */
public record Evaluation(String customerId, OffsetDateTime evaluatedAt, Optional<OffsetDateTime> nextEvaluationAt,
                         Customer customer, List<Action> actions) {
}
