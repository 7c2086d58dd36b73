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

    /** {@code true} for a decision table: {@code *.drl.csv} or {@code *.drl.xlsx} (also {@code .xls}). */
    public boolean isDecisionTable() {
        return isCsvTable() || path.endsWith(".drl.xlsx") || path.endsWith(".drl.xls");
    }

    /** {@code true} for a decision table in CSV. */
    public boolean isCsvTable() {
        return path.endsWith(".drl.csv");
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
