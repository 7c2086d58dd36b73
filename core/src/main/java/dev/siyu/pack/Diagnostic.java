package dev.siyu.pack;

import java.util.Objects;

/**
 * One problem found in a rule pack: which file, line and column (1-based; 0 when the compiler
 * could not tell), and what is wrong. {@link #toString()} gives {@code file:line:column: message}.
 *
 * <p>Immutable and thread-safe.
 */
public record Diagnostic(String file, int line, int column, String message) implements Comparable<Diagnostic> {
    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public int compareTo(Diagnostic other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }
}
