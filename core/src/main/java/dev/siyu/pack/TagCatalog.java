package dev.siyu.pack;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tag groups rule files may use (标签体系, PLAYBOOK §10): a CSV file {@code *.tags.csv} with the
 * header {@code category,group,exclusive,description}, one group per line. In an exclusive group a
 * customer has one tag at a time: adding one replaces the other. Catalogs of later packs add
 * groups and override earlier ones.
 *
 * <p>Immutable and thread-safe.
 */
public final class TagCatalog {
    /** The file suffix of tag catalogs. */
    public static final String SUFFIX = ".tags.csv";

    private static final List<String> HEADER = List.of("category", "group", "exclusive", "description");

    private final Map<String, Boolean> groups;

    private TagCatalog(Map<String, Boolean> groups) {
        this.groups = Map.copyOf(groups);
    }

    /** A catalog that knows no group: tags are not checked. */
    public static TagCatalog empty() {
        return new TagCatalog(Map.of());
    }

    /**
     * Merges the catalogs of the packs in layer order.
     *
     * @throws RulePackException listing every malformed line as file:line:column
     */
    public static TagCatalog of(List<RulePack> packs) {
        Map<String, Boolean> groups = new TreeMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        PackCsv.readAll(packs, SUFFIX, "unreadable tag catalog: ", problems,
                (file, parser) -> read(file, parser, groups, problems));
        if (!problems.isEmpty()) {
            throw new RulePackException("tag catalog", problems);
        }
        return new TagCatalog(groups);
    }

    private static void read(String file, CSVParser parser, Map<String, Boolean> groups, List<Diagnostic> problems) {
        boolean header = true;
        for (CSVRecord record : parser) {
            int line = (int) parser.getCurrentLineNumber();
            if (header) {
                header = false;
                List<String> names = record.stream().map(name -> name.toLowerCase(java.util.Locale.ROOT)).toList();
                if (!names.equals(HEADER)) {
                    problems.add(new Diagnostic(file, line, 1, "expected the header " + String.join(",", HEADER)
                            + ", got " + String.join(",", record.toList())));
                    return;
                }
                continue;
            }
            if (record.size() != HEADER.size()) {
                problems.add(new Diagnostic(file, line, 1, "expected 4 columns (category,group,exclusive,description), got "
                        + record.size()));
                continue;
            }
            String category = record.get(0);
            String group = record.get(1);
            String exclusive = record.get(2).toLowerCase(java.util.Locale.ROOT);
            if (category.isEmpty() || group.isEmpty() || category.contains("/") || group.contains("/")) {
                problems.add(new Diagnostic(file, line, category.isEmpty() || category.contains("/") ? 1 : 2,
                        "category and group must be non-empty and contain no '/'"));
            } else if (!exclusive.equals("true") && !exclusive.equals("false")) {
                problems.add(new Diagnostic(file, line, 3, "exclusive must be true or false, got '" + record.get(2) + "'"));
            } else {
                groups.put(category + "/" + group, Boolean.parseBoolean(exclusive));
            }
        }
    }

    /** {@code true} when no catalog was given: any group is accepted and none is exclusive. */
    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /** {@code true} when the group {@code category/group} is in the catalog (or the catalog is empty). */
    public boolean knows(String groupPath) {
        return groups.isEmpty() || groups.containsKey(groupPath);
    }

    /** Whether the group is exclusive, if the catalog knows it. */
    public Optional<Boolean> isExclusive(String groupPath) {
        return Optional.ofNullable(groups.get(groupPath));
    }

    /** The groups, {@code category/group} to exclusive, sorted. */
    public Map<String, Boolean> groups() {
        return new TreeMap<>(groups);
    }
}
