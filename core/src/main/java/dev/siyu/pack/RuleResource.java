package dev.siyu.pack;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file of a rule pack: its path as shown in diagnostics (relative to the pack) and its bytes.
 *
 * <p>Immutable and thread-safe.
 */
public record RuleResource(String path, byte[] content) {
    public RuleResource {
        Objects.requireNonNull(path, "path");
        content = Objects.requireNonNull(content, "content").clone();
    }

    public static RuleResource ofText(String path, String text) {
        return new RuleResource(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** {@code true} for a DRL rule file. */
    public boolean isDrl() {
        return path.endsWith(".drl");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleResource other && path.equals(other.path)
                && java.util.Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "RuleResource[" + path + ", " + content.length + " bytes]";
    }
}
