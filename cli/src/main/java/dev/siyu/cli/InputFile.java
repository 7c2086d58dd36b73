package dev.siyu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siyu.error.InputException;
import dev.siyu.json.SiyuJson;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Checks on the files a command is given, before it starts: the file exists, is a file, and holds
 * the kind of lines the command reads. A wrong file is a usage error (exit 2) that says which file
 * was expected.
 *
 * <p>Stateless and thread-safe.
 */
final class InputFile {
    /** What the lines of an NDJSON file are, judged by the first non-blank line. */
    enum Kind {
        REQUESTS("evaluation requests ({\"customer\": …, \"events\": […]} per line)"),
        CUSTOMERS("customer states (one customer per line)"),
        DECISIONS("decisions (as 'siyu evaluate' writes them)"),
        EMPTY("empty"),
        OTHER("not Siyu NDJSON");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    static final String SHOP = "a shop file: NDJSON of {\"customer\": …, \"events\": […]} lines, "
            + "e.g. made by 'siyu generate --out shop.ndjson'";
    static final String STATE = "a state file: NDJSON of customers or of decisions, "
            + "e.g. made by 'siyu simulate --in shop.ndjson --state state.ndjson' or 'siyu evaluate --out FILE'";
    static final String REQUESTS = "NDJSON of {\"customer\": …, \"events\": […]} lines, "
            + "e.g. examples/data/customers.ndjson";

    private InputFile() {
    }

    /** Refuses a missing, unreadable or wrong kind of file; {@code -} (standard input) passes. */
    static void require(CommandLine.Model.CommandSpec spec, String option, Path file, String expected, Set<Kind> kinds) {
        if (file.toString().equals("-")) {
            return;
        }
        if (!Files.exists(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no such file: " + file + " (" + option + " expects " + expected + ")");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    file + " is not a readable file (" + option + " expects " + expected + ")");
        }
        Kind kind = kindOf(file);
        if (!kinds.contains(kind)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    file + " holds " + kind.description + "; " + option + " expects " + expected);
        }
    }

    /** Refuses a period that ends before it starts. */
    static void requirePeriod(CommandLine.Model.CommandSpec spec, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--to " + to + " is before --from " + from + "; the period must end on or after its first day");
        }
    }

    static Kind kindOf(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = SiyuJson.readTree(line);
                } catch (InputException e) {
                    return Kind.OTHER;
                }
                if (!node.isObject()) {
                    return Kind.OTHER;
                }
                if (node.has("customer")) {
                    return Kind.REQUESTS;
                }
                if (node.has("customerId")) {
                    return Kind.DECISIONS;
                }
                return node.has("id") ? Kind.CUSTOMERS : Kind.OTHER;
            }
            return Kind.EMPTY;
        } catch (IOException e) {
            // not gzip, or unreadable: let the command's own reading report it
            if (e instanceof java.util.zip.ZipException) {
                return Kind.OTHER;
            }
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
