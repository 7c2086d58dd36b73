package dev.siyu.model;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Collections.unmodifiableSortedMap;

/**
 * One touchpoint event (触点, CONTRACT.md "Touchpoint"): {@code id}, {@code type} and {@code at} are
 * required; ids are unique per customer. Custom types are allowed and passed to rules untouched;
 * the types of the default playbook are in {@link EventTypes}.
 *
 * <p>Immutable and thread-safe.
 */
public record Touchpoint(
        String id,
        String type,
        OffsetDateTime at,
        Optional<String> channel,
        Map<String, String> attributes) {

    public Touchpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        if (id.isBlank()) {
            throw new IllegalArgumentException("event id must not be blank");
        }
        if (type.isBlank()) {
            throw new IllegalArgumentException("event type must not be blank");
        }
        channel = channel == null ? Optional.empty() : channel;
        attributes = attributes == null ? Map.of() : unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    /** An event without channel or attributes. */
    public static Touchpoint of(String id, String type, OffsetDateTime at) {
        return new Touchpoint(id, type, at, Optional.empty(), Map.of());
    }

    /** This event with one more attribute. */
    public Touchpoint with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(attributes);
        copy.put(key, value);
        return new Touchpoint(id, type, at, channel, copy);
    }

    /** This event on a channel. */
    public Touchpoint on(String newChannel) {
        return new Touchpoint(id, type, at, Optional.of(newChannel), attributes);
    }

    /** The value of attribute {@code key}, if present. */
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }
}
