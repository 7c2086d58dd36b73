package dev.siyu.wecom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A two-column CSV an operations team edits: a header line naming the two columns, then one
 * {@code key,value} a line; {@code #} comments and blank lines are skipped, cells are trimmed. A bad
 * line (wrong number of cells, an empty cell, a key given twice) is an {@link IllegalArgumentException}
 * naming the file and the line. Used for the State table ({@code state,source}) and the tag-id map
 * ({@code tag,tagId}).
 *
 * <p>Immutable and thread-safe.
 */
public final class MappingFile {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).get();

    private final String name;
    private final Map<String, String> values;

    private MappingFile(String name, Map<String, String> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
    }

    /** An empty mapping. */
    public static MappingFile empty(String name) {
        return new MappingFile(name, new TreeMap<>());
    }

    /** Reads a file; {@code keyColumn} and {@code valueColumn} are the header it must have. */
    public static MappingFile read(Path file, String keyColumn, String valueColumn) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), keyColumn, valueColumn);
    }

    /** Parses CSV text, named {@code name} in errors. */
    public static MappingFile parse(String name, String text, String keyColumn, String valueColumn) {
        Map<String, String> values = new TreeMap<>();
        boolean header = true;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (header) {
                    header = false;
                    if (record.size() != 2 || !record.get(0).equals(keyColumn) || !record.get(1).equals(valueColumn)) {
                        throw new IllegalArgumentException(name + ":" + line + ": the header must be '" + keyColumn
                                + "," + valueColumn + "'");
                    }
                    continue;
                }
                if (record.size() != 2) {
                    throw new IllegalArgumentException(name + ":" + line + ": expected 2 cells (" + keyColumn + ","
                            + valueColumn + "), got " + record.size());
                }
                String key = record.get(0);
                String value = record.get(1);
                if (key.isEmpty() || value.isEmpty()) {
                    throw new IllegalArgumentException(name + ":" + line + ": " + (key.isEmpty() ? keyColumn : valueColumn)
                            + " is empty");
                }
                if (values.putIfAbsent(key, value) != null) {
                    throw new IllegalArgumentException(name + ":" + line + ": " + keyColumn + " '" + key
                            + "' is given twice");
                }
            }
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException(name + ": not a CSV file: " + e.getMessage(), e);
        }
        return new MappingFile(name, values);
    }

    /** The value for a key. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** All entries, sorted by key. */
    public Map<String, String> entries() {
        return values;
    }

    /** The name errors use (the file's path). */
    public String name() {
        return name;
    }
}
