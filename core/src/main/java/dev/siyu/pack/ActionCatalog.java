package dev.siyu.pack;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Custom action types (a pack's own actions for its host, e.g. {@code INVITE_TO_GROUP}): read from
 * the {@code *.actions.csv} files of the packs, header {@code name,fields,description}, one type a
 * line, {@code fields} the payload field names separated by spaces. Packs layer like the tag and
 * owner catalogs: a later pack's line for a name replaces the earlier one. Names are upper-case
 * identifiers and must not be a built-in action type ({@code TASK}, {@code ALERT}, …); field names
 * are lower-camel identifiers other than {@code type} and {@code rule}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ActionCatalog {
    /** The file suffix of action catalogs in a pack. */
    public static final String SUFFIX = ".actions.csv";
    /** The built-in action types of the decision, which a catalog may not redefine. */
    public static final Set<String> BUILT_IN = Set.of("TASK", "CANCEL_TASK", "ENGAGEMENT_CHANGED", "STAGE_CHANGED",
            "TIER_CHANGED", "OWNER_ASSIGNED", "TAG_ADDED", "TAG_REMOVED", "ALERT", "SUGGEST_SCRIPT");
    private static final List<String> HEADER = List.of("name", "fields", "description");
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z0-9]*");

    private final Map<String, List<String>> fields;

    private ActionCatalog(Map<String, List<String>> fields) {
        this.fields = Map.copyOf(fields);
    }

    /** A catalog that declares no action type. */
    public static ActionCatalog empty() {
        return new ActionCatalog(Map.of());
    }

    /**
     * Merges the catalogs of the packs in layer order.
     *
     * @throws RulePackException listing every malformed line as file:line:column
     */
    public static ActionCatalog of(List<RulePack> packs) {
        Map<String, List<String>> fields = new TreeMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        PackCsv.readAll(packs, SUFFIX, "malformed CSV: ", problems, (file, parser) -> read(file, parser, fields, problems));
        if (!problems.isEmpty()) {
            throw new RulePackException("action catalog", problems);
        }
        return new ActionCatalog(fields);
    }

    private static void read(String file, CSVParser parser, Map<String, List<String>> fields, List<Diagnostic> problems) {
        boolean header = true;
        for (CSVRecord record : parser) {
            int line = (int) parser.getCurrentLineNumber();
            if (header) {
                header = false;
                if (!record.stream().map(name -> name.toLowerCase(java.util.Locale.ROOT)).toList().equals(HEADER)) {
                    problems.add(new Diagnostic(file, line, 1, "expected the header name,fields,description, got "
                            + String.join(",", record.toList())));
                    return;
                }
                continue;
            }
            if (record.size() != HEADER.size()) {
                problems.add(new Diagnostic(file, line, 1, "expected 3 columns (name,fields,description), got " + record.size()));
                continue;
            }
            String name = record.get(0);
            if (!NAME.matcher(name).matches()) {
                problems.add(new Diagnostic(file, line, 1, "action type '" + name
                        + "' must be an upper-case identifier such as INVITE_TO_GROUP"));
                continue;
            }
            if (BUILT_IN.contains(name)) {
                problems.add(new Diagnostic(file, line, 1, "action type '" + name + "' is a built-in action type"));
                continue;
            }
            List<String> names = record.get(1).isBlank() ? List.of() : Arrays.asList(record.get(1).strip().split("\\s+"));
            boolean ok = true;
            for (String field : names) {
                if (!FIELD.matcher(field).matches() || field.equals("type") || field.equals("rule")) {
                    problems.add(new Diagnostic(file, line, 2, "payload field '" + field
                            + "' must be a lower-camel identifier other than type and rule"));
                    ok = false;
                }
            }
            if (names.stream().distinct().count() != names.size()) {
                problems.add(new Diagnostic(file, line, 2, "action type '" + name + "' names a payload field twice"));
                ok = false;
            }
            if (ok) {
                fields.put(name, List.copyOf(names));
            }
        }
    }

    /** The payload fields of action type {@code name}, if a catalog declares it. */
    public Optional<List<String>> fields(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** Every declared action type with its payload fields, sorted by name. */
    public Map<String, List<String>> types() {
        return new TreeMap<>(fields);
    }
}
