package dev.siyu.proposal;

import dev.siyu.fact.Proposal;

import java.util.Objects;

/**
 * "Add (or remove) this tag". Tags are {@code category/group/name}; the group must be in a tag
 * catalog. Adding a tag of an exclusive group (the catalog says which) replaces the group's other
 * tag; {@link #exclusive} does so for any group. The resolver applies a round's removals before its
 * additions.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class TagProposal implements Proposal {

    /** What happens to the tag. */
    public enum Operation {
        ADD,
        REMOVE,
        /** Add, and remove every other tag of its group. */
        EXCLUSIVE
    }

    private final String customerId;
    private final Operation operation;
    private final String tag;

    private TagProposal(String customerId, Operation operation, String tag) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.operation = operation;
        this.tag = Objects.requireNonNull(tag, "tag");
    }

    public static TagProposal add(String customerId, String tag) {
        return new TagProposal(customerId, Operation.ADD, tag);
    }

    public static TagProposal remove(String customerId, String tag) {
        return new TagProposal(customerId, Operation.REMOVE, tag);
    }

    /** Adds {@code tag} and removes every other tag of its group, exclusive in the catalog or not. */
    public static TagProposal exclusive(String customerId, String tag) {
        return new TagProposal(customerId, Operation.EXCLUSIVE, tag);
    }

    @Override
    public String getCustomerId() {
        return customerId;
    }

    public Operation getOperation() {
        return operation;
    }

    public String getTag() {
        return tag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagProposal other && customerId.equals(other.customerId) && operation == other.operation
                && tag.equals(other.tag);
    }

    @Override
    public int hashCode() {
        // Objects.hash's value, without its array
        return 31 * (31 * (31 * 31 + customerId.hashCode()) + Objects.hashCode(operation)) + tag.hashCode();
    }

    @Override
    public String toString() {
        return "TagProposal[" + customerId + " " + operation + " " + tag + "]";
    }
}
