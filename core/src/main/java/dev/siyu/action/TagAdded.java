package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.Tag;

import java.util.Objects;

/**
 * A tag was added to the customer (net change of one evaluation).
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("TAG_ADDED")
@JsonPropertyOrder({"tag", "rule"})
public record TagAdded(Tag tag, String rule) implements Action {
    public TagAdded {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(rule, "rule");
    }
}
