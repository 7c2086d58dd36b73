package dev.siyu.pack;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The event types the packs understand, as pack files {@code *.event-types.csv} with the header
 * {@code type,inbound,required,optional} (more columns, e.g. a description, are allowed), one type a row:
 *
 * <ul>
 *   <li>{@code type}: the name hosts send ({@code ORDER_PAID});</li>
 *   <li>{@code inbound}: {@code yes} when it is the customer's own interaction (it keeps a customer
 *       active, PLAYBOOK §1), else {@code no};</li>
 *   <li>{@code required}, {@code optional}: attributes as space-separated {@code name:type}, with
 *       the types {@code text}, {@code money} (a non-negative decimal amount), {@code days} (a whole
 *       number of days from 1 to 3650) and {@code task_kind} (a kind a task-kind catalog declares).</li>
 * </ul>
 *
 * The engine refuses, as input, an event of a declared type that lacks a required attribute or has
 * an attribute of the wrong type; an event of a type no catalog declares is accepted and reaches the
 * rules untouched (and is not inbound). Files layer per row: a later pack's row for a type replaces
 * the earlier row. Every bad cell is reported with file, row and column.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventTypeCatalog {
    /** How the file's name ends. */
    public static final String SUFFIX = ".event-types.csv";

    private static final List<String> HEADER = List.of("type", "inbound", "required", "optional");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /** What an attribute must hold. */
    public enum AttributeType {
        /** Any text; a required one must not be blank. */
        TEXT("a text"),
        /** A non-negative decimal amount in CNY such as 199.00. */
        MONEY("a non-negative decimal amount such as 199.00"),
        /** A whole number of days from 1 to 3650. */
        DAYS("a whole number of days from 1 to 3650"),
        /** The name of a task kind a task-kind catalog declares. */
        TASK_KIND("a task kind a task-kind catalog declares");

        private final String description;

        AttributeType(String description) {
            this.description = description;
        }

        /** What a value of this type looks like, for messages. */
        public String description() {
            return description;
        }
    }

    /** One attribute of a type. */
    public record Attribute(String name, AttributeType type, boolean required) { }

    /** One declared event type. */
    public record Declaration(String type, boolean inbound, List<Attribute> attributes) {
        public Declaration {
            attributes = List.copyOf(attributes);
        }
    }

    private final Map<String, Declaration> types;

    private EventTypeCatalog(Map<String, Declaration> types) {
        this.types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /**
     * Merges the catalogs of the packs in layer order.
     *
     * @throws RulePackException listing every bad cell as file:row:column
     */
    public static EventTypeCatalog of(List<RulePack> packs) {
        Map<String, Declaration> types = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        PackCsv.readAll(packs, SUFFIX, "unreadable event-type catalog: ", problems,
                (file, parser) -> read(file, parser, types, problems));
        if (!problems.isEmpty()) {
            throw new RulePackException("event-type catalog", problems);
        }
        return new EventTypeCatalog(types);
    }

    private static void read(String file, CSVParser parser, Map<String, Declaration> types, List<Diagnostic> problems) {
        boolean header = true;
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (CSVRecord record : parser) {
            int line = (int) parser.getCurrentLineNumber();
            if (header) {
                header = false;
                List<String> names = record.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
                if (names.size() < HEADER.size() || !names.subList(0, HEADER.size()).equals(HEADER)) {
                    problems.add(new Diagnostic(file, line, 1, "expected the header " + String.join(",", HEADER)
                            + " (more columns may follow), got " + String.join(",", record.toList())));
                    return;
                }
                continue;
            }
            if (record.size() < HEADER.size()) {
                problems.add(new Diagnostic(file, line, 1, "expected " + HEADER.size() + " columns ("
                        + String.join(",", HEADER) + "), got " + record.size()));
                continue;
            }
            int before = problems.size();
            String type = record.get(0);
            if (!TYPE_NAME.matcher(type).matches()) {
                problems.add(new Diagnostic(file, line, 1, "type '" + type
                        + "' must be upper-case letters, digits and _, starting with a letter (at most 64)"));
            } else if (seen.putIfAbsent(type, line) != null) {
                problems.add(new Diagnostic(file, line, 1, "type '" + type + "' is already declared on line " + seen.get(type)));
            }
            String inbound = record.get(1).toLowerCase(Locale.ROOT);
            if (!inbound.equals("yes") && !inbound.equals("no")) {
                problems.add(new Diagnostic(file, line, 2, "inbound must be yes or no, got '" + record.get(1) + "'"));
            }
            List<Attribute> attributes = new ArrayList<>();
            attributes(file, line, 3, record.get(2), true, attributes, problems);
            attributes(file, line, 4, record.get(3), false, attributes, problems);
            if (problems.size() == before) {
                types.put(type, new Declaration(type, inbound.equals("yes"), attributes));
            }
        }
    }

    private static void attributes(String file, int line, int column, String cell, boolean required, List<Attribute> into,
                                   List<Diagnostic> problems) {
        for (String entry : cell.strip().split("\\s+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String name = colon < 0 ? entry : entry.substring(0, colon);
            String type = colon < 0 ? "" : entry.substring(colon + 1).toUpperCase(Locale.ROOT);
            Optional<AttributeType> parsed = Arrays.stream(AttributeType.values()).filter(t -> t.name().equals(type)).findFirst();
            if (!ATTRIBUTE_NAME.matcher(name).matches() || parsed.isEmpty()) {
                problems.add(new Diagnostic(file, line, column, "attribute '" + entry + "' must be name:type with a type of "
                        + String.join(", ", Arrays.stream(AttributeType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList())));
            } else if (into.stream().anyMatch(a -> a.name().equals(name))) {
                problems.add(new Diagnostic(file, line, column, "attribute '" + name + "' is listed twice"));
            } else {
                into.add(new Attribute(name, parsed.get(), required));
            }
        }
    }

    /** {@code true} when no catalog declared a type. */
    public boolean isEmpty() {
        return types.isEmpty();
    }

    /** The declaration of {@code type}, if a catalog declares it. */
    public Optional<Declaration> declaration(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /** Every declared type, sorted. */
    public Set<String> names() {
        return new TreeSet<>(types.keySet());
    }

    /** The declared inbound types: the customer's own interactions. */
    public Set<String> inbound() {
        Set<String> inbound = new TreeSet<>();
        types.values().stream().filter(Declaration::inbound).forEach(d -> inbound.add(d.type()));
        return Set.copyOf(inbound);
    }
}
