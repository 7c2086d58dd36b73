package dev.siyu.proposal;

import dev.siyu.fact.Proposal;

import java.util.List;
import java.util.Objects;

/**
 * "Suggest this talk-track to the owner": script {@code script} rendered for the customer's locale
 * and owner, with template variables {@code values} as pairs. None after the customer deleted us.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class SuggestionProposal implements Proposal {
    private final String customerId;
    private final String script;
    private final List<String> values;

    public SuggestionProposal(String customerId, String script, String... values) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.script = Objects.requireNonNull(script, "script");
        this.values = Values.pairs(values);
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public String getScript() {
        return script;
    }

    /** The template values, as pairs. */
    public List<String> getValues() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SuggestionProposal other && customerId.equals(other.customerId) && script.equals(other.script)
                && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, script, values);
    }

    @Override
    public String toString() {
        return "SuggestionProposal[" + customerId + " " + script + "]";
    }
}
