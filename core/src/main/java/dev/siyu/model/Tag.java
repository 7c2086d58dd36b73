package dev.siyu.model;

import java.util.Objects;

/**
 * A three-level tag {@code category/group/name} (标签, PLAYBOOK §10), e.g. {@code 渠道/来源/PACKAGE_CARD}.
 * On the wire a tag is its string form.
 *
 * <p>Immutable and thread-safe.
 */
public record Tag(String category, String group, String name) implements Comparable<Tag> {

    public Tag {
        category = part(category, "category");
        group = part(group, "group");
        name = part(name, "name");
    }

    private static String part(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.contains("/")) {
            throw new IllegalArgumentException(
                    "tag " + what + " must be non-blank and contain no '/', got '" + value + "'");
        }
        return value;
    }

    /**
     * Parses {@code category/group/name}.
     *
     * @throws IllegalArgumentException when the text does not have exactly three non-blank levels
     */
    public static Tag parse(String text) {
        Objects.requireNonNull(text, "tag");
        String[] parts = text.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "a tag has three levels 'category/group/name', got '" + text + "'");
        }
        return new Tag(parts[0], parts[1], parts[2]);
    }

    /** {@code category/group}: the group this tag belongs to. */
    public String groupPath() {
        return category + "/" + group;
    }

    /** {@code true} when this tag is in the group {@code category/group}. */
    public boolean inGroup(String groupPath) {
        return groupPath().equals(groupPath);
    }

    @Override
    public String toString() {
        return category + "/" + group + "/" + name;
    }

    @Override
    public int compareTo(Tag other) {
        return toString().compareTo(other.toString());
    }
}
