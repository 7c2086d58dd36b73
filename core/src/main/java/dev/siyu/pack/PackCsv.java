package dev.siyu.pack;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CSV files of a pack, read the same way by every catalog: the files whose name ends with a
 * suffix, in layer order, with {@code #} comments, blank lines skipped and cells trimmed. A file
 * that cannot be parsed is one diagnostic for that file.
 *
 * <p>Stateless and thread-safe.
 */
final class PackCsv {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).get();

    /** Reads the records of one file, named as diagnostics show it. */
    @FunctionalInterface
    interface FileReader {
        void read(String file, CSVParser parser) throws IOException;
    }

    private PackCsv() {
    }

    /** Hands each file of {@code packs} ending with {@code suffix} to {@code reader}, in layer order. */
    static void readAll(List<RulePack> packs, String suffix, String unreadable, List<Diagnostic> problems, FileReader reader) {
        for (RulePack pack : packs) {
            for (RuleResource resource : pack.resources()) {
                if (!resource.path().endsWith(suffix)) {
                    continue;
                }
                String file = pack.location() + resource.path();
                String text = new String(resource.content(), StandardCharsets.UTF_8);
                try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
                    reader.read(file, parser);
                } catch (IOException | RuntimeException e) {
                    problems.add(new Diagnostic(file, 0, 0, unreadable + e.getMessage()));
                }
            }
        }
    }
}
