package dev.siyu.pack;

import dev.siyu.model.TaskKind;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The task kinds a pack's rules may schedule, as pack files {@code *.task-kinds.csv} with the header
 * {@code kind,contact,rank,when_full} (more columns, e.g. a description, are allowed), one kind a row:
 *
 * <ul>
 *   <li>{@code kind}: the name rules use ({@code TaskKind.FOLLOW_UP}, {@code TaskKind.valueOf("CALL")});</li>
 *   <li>{@code contact}: {@code proactive} (contact hours and caps apply) or {@code reactive} (due when the rule says);</li>
 *   <li>{@code rank}: a whole number; when due times are equal, the lower rank is placed first;</li>
 *   <li>{@code when_full}: {@code move} (to the first later day with room) or {@code drop}, when its day is full.</li>
 * </ul>
 *
 * Files layer per row: a later pack's row for a kind replaces the earlier row, the other rows stay.
 * Every bad cell is reported with file, row and column.
 *
 * <p>Immutable and thread-safe.
 */
public final class TaskKindCatalog {
    /** How the file's name ends. */
    public static final String SUFFIX = ".task-kinds.csv";

    private static final List<String> HEADER = List.of("kind", "contact", "rank", "when_full");

    /** One declared kind. */
    public record Declaration(TaskKind kind, boolean proactive, int rank, boolean dropWhenFull) { }

    private final Map<TaskKind, Declaration> kinds; // in order of first declaration

    private TaskKindCatalog(Map<TaskKind, Declaration> kinds) {
        this.kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }

    /**
     * Merges the catalogs of the packs in layer order.
     *
     * @throws RulePackException listing every bad cell as file:row:column
     */
    public static TaskKindCatalog of(List<RulePack> packs) {
        Map<TaskKind, Declaration> kinds = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        PackCsv.readAll(packs, SUFFIX, "unreadable task-kind catalog: ", problems,
                (file, parser) -> read(file, parser, kinds, problems));
        if (!problems.isEmpty()) {
            throw new RulePackException("task-kind catalog", problems);
        }
        return new TaskKindCatalog(kinds);
    }

    private static void read(String file, CSVParser parser, Map<TaskKind, Declaration> kinds, List<Diagnostic> problems) {
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
            String name = record.get(0);
            if (!TaskKind.isValidName(name)) {
                problems.add(new Diagnostic(file, line, 1, "kind '" + name
                        + "' must be upper-case letters, digits and _, starting with a letter (at most 64)"));
            } else if (seen.putIfAbsent(name, line) != null) {
                problems.add(new Diagnostic(file, line, 1, "kind '" + name + "' is already declared on line " + seen.get(name)));
            }
            String contact = record.get(1).toLowerCase(Locale.ROOT);
            if (!contact.equals("proactive") && !contact.equals("reactive")) {
                problems.add(new Diagnostic(file, line, 2, "contact must be proactive or reactive, got '" + record.get(1) + "'"));
            }
            int rank = 0;
            try {
                rank = Integer.parseInt(record.get(2));
            } catch (NumberFormatException e) {
                problems.add(new Diagnostic(file, line, 3, "rank must be a whole number, got '" + record.get(2) + "'"));
            }
            String full = record.get(3).toLowerCase(Locale.ROOT);
            if (!full.equals("move") && !full.equals("drop")) {
                problems.add(new Diagnostic(file, line, 4, "when_full must be move or drop, got '" + record.get(3) + "'"));
            }
            if (problems.size() == before) {
                TaskKind kind = TaskKind.valueOf(name);
                kinds.put(kind, new Declaration(kind, contact.equals("proactive"), rank, full.equals("drop")));
            }
        }
    }

    /** {@code true} when no catalog declared a kind. */
    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    /** {@code true} when a catalog declares {@code kind}. */
    public boolean declares(TaskKind kind) {
        return kinds.containsKey(kind);
    }

    /** The declaration of {@code kind}, if a catalog declares it. */
    public Optional<Declaration> declaration(TaskKind kind) {
        return Optional.ofNullable(kinds.get(kind));
    }

    /** The declared kinds in the order they were first declared. */
    public List<TaskKind> kinds() {
        return List.copyOf(kinds.keySet());
    }

    /** The declared kinds by rank, equal ranks by name: the placement order of equal due times. */
    public List<TaskKind> byRank() {
        return kinds.values().stream().sorted(Comparator.comparingInt(Declaration::rank)
                .thenComparing(d -> d.kind().name())).map(Declaration::kind).toList();
    }

    /** The reactive kinds. */
    public Set<TaskKind> reactive() {
        Set<TaskKind> reactive = new LinkedHashSet<>();
        kinds.values().stream().filter(d -> !d.proactive()).forEach(d -> reactive.add(d.kind()));
        return Set.copyOf(reactive);
    }

    /** The kinds dropped (not moved) when their day is full. */
    public Set<TaskKind> dropWhenFull() {
        Set<TaskKind> drop = new LinkedHashSet<>();
        kinds.values().stream().filter(Declaration::dropWhenFull).forEach(d -> drop.add(d.kind()));
        return Set.copyOf(drop);
    }
}
