package dev.siyu.proposal;

import dev.siyu.fact.Proposal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A custom action for the host, of a type a pack declares in an {@code *.actions.csv} catalog
 * (name and payload fields), e.g. {@code INVITE_TO_GROUP} with {@code group}. It reaches the
 * decision as {@code {"type": "INVITE_TO_GROUP", "group": "…", "rule": "…"}}. The payload is
 * given as pairs ({@code "group", "vip-club"}); the engine refuses, naming the rule, a type no
 * catalog declares or a field the type does not have, and fills fields left out with {@code ""}.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class ActionProposal implements Proposal {
    private final String customerId;
    private final String type;
    private final Map<String, String> payload;

    public ActionProposal(String customerId, String type, String... payload) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.type = Objects.requireNonNull(type, "type");
        List<String> pairs = Values.pairs(payload);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            fields.put(pairs.get(i), pairs.get(i + 1));
        }
        this.payload = Collections.unmodifiableMap(fields);
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    /** The action type, as a catalog declares it. */
    public String getType() {
        return type;
    }

    /** The payload fields, in the order given. */
    public Map<String, String> getPayload() {
        return payload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionProposal other && customerId.equals(other.customerId) && type.equals(other.type)
                && payload.equals(other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, type, payload);
    }

    @Override
    public String toString() {
        return "ActionProposal[" + customerId + " " + type + " " + payload.keySet() + "]";
    }
}
