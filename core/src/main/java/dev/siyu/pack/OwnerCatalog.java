package dev.siyu.pack;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Display names of owners (负责人): the owner ids customers and tasks carry ({@code sales-01},
 * {@code vip-desk}) to the name a customer reads in a script's {@code {{owner}}} ("我是小雅眼镜的小美").
 * Read from the {@code *.owners.csv} files of the packs, header {@code id,name}; packs layer like the
 * tag and script catalogs: a later pack's name for an id wins. An owner without a name shows as its
 * id. Tasks keep the owner id: hosts route work by id, customers read the name.
 *
 * <p>Immutable and thread-safe.
 */
public final class OwnerCatalog {
    /** The file suffix of owner catalogs in a pack. */
    public static final String SUFFIX = ".owners.csv";
    private static final List<String> HEADER = List.of("id", "name");

    private final Map<String, String> names;

    private OwnerCatalog(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    /** A catalog that names nobody. */
    public static OwnerCatalog empty() {
        return new OwnerCatalog(Map.of());
    }

    /**
     * Merges the catalogs of the packs in layer order.
     *
     * @throws RulePackException listing every malformed line as file:line:column
     */
    public static OwnerCatalog of(List<RulePack> packs) {
        Map<String, String> names = new TreeMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        PackCsv.readAll(packs, SUFFIX, "malformed CSV: ", problems, (file, parser) -> read(file, parser, names, problems));
        if (!problems.isEmpty()) {
            throw new RulePackException("owner catalog", problems);
        }
        return new OwnerCatalog(names);
    }

    private static void read(String file, CSVParser parser, Map<String, String> names, List<Diagnostic> problems) {
        Map<String, Integer> seen = new TreeMap<>();
        boolean header = true;
        for (CSVRecord record : parser) {
            int line = (int) parser.getCurrentLineNumber();
            if (header) {
                header = false;
                if (!record.stream().map(name -> name.toLowerCase(java.util.Locale.ROOT)).toList().equals(HEADER)) {
                    problems.add(new Diagnostic(file, line, 1, "expected the header id,name, got "
                            + String.join(",", record.toList())));
                    return;
                }
                continue;
            }
            if (record.size() != 2 || record.get(0).isBlank() || record.get(1).isBlank()) {
                problems.add(new Diagnostic(file, line, 1, "expected 2 non-blank columns (id,name), got "
                        + record.size() + " column(s)"));
                continue;
            }
            Integer earlier = seen.putIfAbsent(record.get(0), line);
            if (earlier != null) {
                problems.add(new Diagnostic(file, line, 1, "owner '" + record.get(0) + "' is already named on line "
                        + earlier));
                continue;
            }
            names.put(record.get(0), record.get(1));
        }
    }

    /** The display name of owner {@code id}, if the catalog names it. */
    public Optional<String> name(String id) {
        return Optional.ofNullable(names.get(id));
    }

    /** The display name of owner {@code id}, or the id itself. */
    public String displayName(String id) {
        return names.getOrDefault(id, id);
    }

    /** Every named owner, id to name, sorted by id. */
    public Map<String, String> names() {
        return new TreeMap<>(names);
    }
}
