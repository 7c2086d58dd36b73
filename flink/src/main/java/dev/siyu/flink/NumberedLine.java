package dev.siyu.flink;

import java.util.Objects;

/**
 * One line of an NDJSON input file with its 1-based line number, so that a refused line can be named.
 *
 * @param line the 1-based line number in the file
 * @param text the line, without its line break
 *
 * <p>Immutable and thread-safe.
 */
public record NumberedLine(long line, String text) {
    public NumberedLine {
        Objects.requireNonNull(text, "text");
    }
}
