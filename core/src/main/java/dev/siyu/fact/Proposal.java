package dev.siyu.fact;

/**
 * Something a rule proposes for one customer: rules {@code insert} (or {@code insertLogical})
 * proposals, and once the rules of a round have settled the engine's resolver decides what they
 * add up to (docs/rule-api.md, "After the rules"). The engine records which rule inserted each
 * proposal: rule files never name themselves.
 *
 * <p>Implementations are immutable, thread-safe and equal by value (so that two logical
 * insertions of the same proposal count once).
 */
public interface Proposal {

    /** The customer the proposal is for: the {@code customerId} of the facts the rule matched. */
    String getCustomerId();
}
