package dev.siyu.pack;

import dev.siyu.schedule.DeletedFriendPolicy;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The deleted-friend policy as a pack file, {@code *.deleted-friend.csv}: one setting a row, header
 * {@code setting,value} (more columns, e.g. a note, are allowed). Settings:
 *
 * <ul>
 *   <li>{@code suppress_tasks}: {@code all}, {@code proactive} or {@code none}: which tasks are not
 *       scheduled for a customer who deleted us;</li>
 *   <li>{@code suppress_alerts}: {@code true} or {@code false};</li>
 *   <li>{@code suppress_suggestions}: {@code true} or {@code false}.</li>
 * </ul>
 *
 * A setting no file gives keeps the playbook's value ({@link DeletedFriendPolicy#DEFAULT}); a later
 * pack's setting replaces an earlier one's. Every bad value is reported with file, row and column.
 *
 * <p>Stateless and thread-safe.
 */
public final class DeletedFriendPolicyFile {
    /** How the file's name ends. */
    public static final String SUFFIX = ".deleted-friend.csv";

    private static final List<String> SETTINGS = List.of("suppress_tasks", "suppress_alerts", "suppress_suggestions");

    private DeletedFriendPolicyFile() {
    }

    /**
     * The policy of the packs' files in layer order, over the playbook's.
     *
     * @throws RulePackException listing every bad row as file:row:column
     */
    public static DeletedFriendPolicy of(List<RulePack> packs) {
        Map<String, Diagnostic> settings = new LinkedHashMap<>(); // name -> where, message holds the value
        List<Diagnostic> problems = new ArrayList<>();
        PackCsv.readAll(packs, SUFFIX, "unreadable deleted-friend policy: ", problems,
                (file, parser) -> read(file, parser, settings, problems));
        DeletedFriendPolicy policy = DeletedFriendPolicy.DEFAULT;
        DeletedFriendPolicy.Tasks tasks = policy.suppressedTasks();
        boolean alerts = policy.suppressAlerts();
        boolean suggestions = policy.suppressSuggestions();
        for (Map.Entry<String, Diagnostic> setting : settings.entrySet()) {
            Diagnostic at = setting.getValue();
            String value = at.message().toLowerCase(Locale.ROOT);
            switch (setting.getKey()) {
                case "suppress_tasks" -> {
                    var parsed = Arrays.stream(DeletedFriendPolicy.Tasks.values())
                            .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(value)).findFirst();
                    if (parsed.isPresent()) {
                        tasks = parsed.get();
                    } else {
                        problems.add(new Diagnostic(at.file(), at.line(), 2,
                                "setting 'suppress_tasks': expected all, proactive or none, got '" + at.message() + "'"));
                    }
                }
                case "suppress_alerts", "suppress_suggestions" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        problems.add(new Diagnostic(at.file(), at.line(), 2,
                                "setting '" + setting.getKey() + "': expected true or false, got '" + at.message() + "'"));
                    } else if (setting.getKey().equals("suppress_alerts")) {
                        alerts = Boolean.parseBoolean(value);
                    } else {
                        suggestions = Boolean.parseBoolean(value);
                    }
                }
                default -> throw new IllegalStateException(setting.getKey());
            }
        }
        if (!problems.isEmpty()) {
            throw new RulePackException("deleted-friend policy", problems);
        }
        return new DeletedFriendPolicy(tasks, alerts, suggestions);
    }

    private static void read(String file, CSVParser parser, Map<String, Diagnostic> settings, List<Diagnostic> problems) {
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
                settings.put(name, new Diagnostic(file, line, 2, record.get(1)));
            }
        }
    }
}
