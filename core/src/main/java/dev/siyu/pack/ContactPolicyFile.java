package dev.siyu.pack;

import dev.siyu.model.TaskKind;
import dev.siyu.schedule.ContactPolicy;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The contact policy as a pack file, {@code *.contact-policy.csv}: one setting a row, so that an
 * operations team changes contact hours or caps by layering one small file. Header
 * {@code setting,value} (more columns, e.g. a note, are allowed). Settings:
 *
 * <ul>
 *   <li>{@code contact_hours}: {@code 09:00-21:00};</li>
 *   <li>{@code max_per_day}, {@code max_per_window}, {@code window_days}: the caps on proactive tasks;</li>
 *   <li>{@code history_hours}: a task or alert due longer ago than this is history;</li>
 *   <li>{@code drop_when_full}: task kinds dropped rather than moved when their day is full, space-separated;</li>
 *   <li>{@code kind_order}: every task kind, space-separated: which goes first when due times are equal.</li>
 * </ul>
 *
 * Which kinds are reactive, their order and which are dropped come from the packs' task-kind
 * catalogs ({@link TaskKindCatalog}, {@code *.task-kinds.csv}); the last two settings, when a file
 * gives them, override the catalogs' {@code when_full} and {@code rank} (packs written before the
 * catalog). A setting no file gives keeps the playbook's value ({@link ContactPolicy#DEFAULT}); a
 * later pack's setting replaces an earlier one's. Every bad value is reported with file, row and column.
 *
 * <p>Stateless and thread-safe.
 */
public final class ContactPolicyFile {
    /** How the file's name ends. */
    public static final String SUFFIX = "contact-policy.csv";

    private static final List<String> SETTINGS = List.of("contact_hours", "max_per_day", "max_per_window", "window_days",
            "history_hours", "drop_when_full", "kind_order");

    private ContactPolicyFile() {
    }

    /**
     * The policy of the packs' files in layer order, over the playbook's.
     *
     * @throws RulePackException listing every bad row as file:row:column
     */
    public static ContactPolicy of(List<RulePack> packs) {
        return of(packs, TaskKindCatalog.of(packs));
    }

    /** {@link #of(List)} with the packs' task-kind catalog already read. */
    public static ContactPolicy of(List<RulePack> packs, TaskKindCatalog kinds) {
        Map<String, String[]> settings = new LinkedHashMap<>(); // name -> file, row, value
        List<Diagnostic> problems = new ArrayList<>();
        PackCsv.readAll(packs, SUFFIX, "unreadable contact policy: ", problems,
                (file, parser) -> read(file, parser, settings, problems));
        ContactPolicy policy = kinds.isEmpty() ? ContactPolicy.DEFAULT
                : ContactPolicy.DEFAULT.withKinds(kinds.byRank(), kinds.reactive(), kinds.dropWhenFull());
        List<TaskKind> known = kinds.isEmpty() ? List.of(TaskKind.values()) : kinds.kinds();
        LocalTime start = policy.contactStart();
        LocalTime end = policy.contactEnd();
        int perDay = policy.maxPerDay();
        int perWindow = policy.maxPerWindow();
        int windowDays = policy.windowDays();
        Duration history = policy.historyLimit();
        Set<TaskKind> drop = policy.dropWhenFull();
        List<TaskKind> order = policy.kindOrder();
        for (Map.Entry<String, String[]> setting : settings.entrySet()) {
            String[] where = setting.getValue();
            Diagnostic at = new Diagnostic(where[0], Integer.parseInt(where[1]), 2, "");
            String value = where[2];
            try {
                switch (setting.getKey()) {
                    case "contact_hours" -> {
                        String[] parts = value.split("-", -1);
                        if (parts.length != 2) {
                            throw new IllegalArgumentException("expected HH:MM-HH:MM such as 09:00-21:00");
                        }
                        start = LocalTime.parse(parts[0].strip());
                        end = LocalTime.parse(parts[1].strip());
                    }
                    case "max_per_day" -> perDay = positive(value);
                    case "max_per_window" -> perWindow = positive(value);
                    case "window_days" -> windowDays = positive(value);
                    case "history_hours" -> history = Duration.ofHours(positive(value));
                    case "drop_when_full" -> drop = value.isBlank() ? Set.of() : Set.copyOf(kinds(value, known));
                    case "kind_order" -> order = kinds(value, known);
                    default -> throw new IllegalStateException(setting.getKey());
                }
            } catch (DateTimeParseException e) {
                problems.add(located(at, "setting '" + setting.getKey() + "': expected HH:MM-HH:MM such as 09:00-21:00"));
            } catch (IllegalArgumentException e) {
                problems.add(located(at, "setting '" + setting.getKey() + "': " + e.getMessage()));
            }
        }
        if (problems.isEmpty()) {
            try {
                return new ContactPolicy(start, end, perDay, perWindow, windowDays, history, drop, order, policy.reactive());
            } catch (IllegalArgumentException e) {
                String file = settings.values().stream().map(v -> v[0]).reduce((a, b) -> b).orElse("contact policy");
                problems.add(new Diagnostic(file, 0, 0, e.getMessage()));
            }
        }
        throw new RulePackException("contact policy", problems);
    }

    private static Diagnostic located(Diagnostic at, String message) {
        return new Diagnostic(at.file(), at.line(), at.column(), message);
    }

    private static int positive(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a whole number of at least 1, got '" + value + "'");
    }

    private static List<TaskKind> kinds(String value, List<TaskKind> known) {
        Function<String, TaskKind> kind = name -> {
            String upper = name.toUpperCase(Locale.ROOT);
            for (TaskKind k : known) {
                if (k.name().equals(upper)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown task kind '" + name + "' (known: "
                    + String.join(" ", known.stream().map(TaskKind::name).toList()) + ")");
        };
        return Arrays.stream(value.strip().split("[\\s,]+")).filter(s -> !s.isEmpty()).map(kind).toList();
    }

    private static void read(String file, CSVParser parser, Map<String, String[]> settings, List<Diagnostic> problems) {
        boolean header = true;
        for (CSVRecord record : parser) {
            int line = (int) parser.getCurrentLineNumber();
            if (header) {
                header = false;
                if (record.size() < 2 || !record.get(0).equalsIgnoreCase("setting") || !record.get(1).equalsIgnoreCase("value")) {
                    problems.add(new Diagnostic(file, line, 1, "expected the header setting,value"));
                    return;
                }
                continue;
            }
            String name = record.get(0).toLowerCase(Locale.ROOT);
            if (!SETTINGS.contains(name)) {
                problems.add(new Diagnostic(file, line, 1, "unknown setting '" + record.get(0) + "' (known: "
                        + String.join(", ", SETTINGS) + ")"));
            } else if (record.size() < 2) {
                problems.add(new Diagnostic(file, line, 2, "setting '" + name + "' has no value"));
            } else {
                settings.put(name, new String[] {file, String.valueOf(line), record.get(1)});
            }
        }
    }
}
