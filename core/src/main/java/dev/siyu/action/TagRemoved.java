package dev.siyu.action;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.siyu.model.Tag;

import java.util.Objects;

/**
 * A tag was removed from the customer (net change of one evaluation).
 *
 * <p>Immutable and thread-safe.
 */
@ActionType("TAG_REMOVED")
@JsonPropertyOrder({"tag", "rule"})
public record TagRemoved(Tag tag, String rule) implements Action {
    public TagRemoved {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(rule, "rule");
    }
}
