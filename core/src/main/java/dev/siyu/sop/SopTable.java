package dev.siyu.sop;

import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.RuleResource;
import dev.siyu.sop.SopStep.Anchor;
import dev.siyu.sop.SopStep.AnchorKind;
import dev.siyu.sop.SopStep.Audience;
import dev.siyu.sop.SopStep.EndAction;
import dev.siyu.sop.SopStep.EndActionKind;
import dev.siyu.sop.SopStep.Offset;
import dev.siyu.sop.SopStep.Reentry;
import dev.siyu.sop.SopStep.ReentryMode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SOP tables of the packs: every {@code *.sop.csv} and {@code *.sop.xlsx} file (each sheet of a
 * workbook, except sheets whose name starts with {@code #}), one step a row, read in layer order.
 * A row of a later pack with the SOP id and step id of an earlier one replaces it; {@code enabled}
 * {@code no} removes it. Every problem is reported with file (and sheet), row, column and what is
 * wrong, all at once.
 *
 * <p>Columns (header row first; names in any case; only {@code sop}, {@code step}, {@code anchor},
 * {@code kind} and {@code script} are required): {@code sop}, {@code step}, {@code engagement},
 * {@code stage}, {@code tier}, {@code tags}, {@code not_tags}, {@code source}, {@code attributes},
 * {@code anchor}, {@code offset}, {@code kind}, {@code script}, {@code owner}, {@code channel},
 * {@code exit_on}, {@code restart_on}, {@code reentry}, {@code end_action}, {@code params},
 * {@code key}, {@code enabled}, {@code note}. Lists are separated by spaces, {@code |} or {@code 、}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SopTable {
    /** How the names of CSV SOP files end. */
    public static final String CSV_SUFFIX = ".sop.csv";
    /** How the names of workbook SOP files end. */
    public static final String XLSX_SUFFIX = ".sop.xlsx";

    /** The columns, in the order {@code siyu sop list} shows them. */
    public static final List<String> COLUMNS = List.of("sop", "step", "engagement", "stage", "tier", "tags", "not_tags",
            "source", "attributes", "anchor", "offset", "kind", "script", "owner", "channel", "exit_on", "restart_on",
            "reentry", "end_action", "params", "key", "enabled", "note");
    private static final List<String> REQUIRED = List.of("sop", "step", "anchor", "kind", "script");

    private static final Set<String> ENGAGEMENTS = Set.of("SILENT", "CONVERSING", "QUOTED", "CUSTOMER", "REPEAT");
    private static final Set<String> STAGES = Set.of("INTRODUCTION", "GROWTH", "MATURITY", "DORMANT", "CHURNED");
    private static final Set<String> CHANNELS = Set.of("1v1", "group", "moments");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern KEY = Pattern.compile("(?:[A-Za-z0-9_.\\-/]|\\{(?:sop|step|anchor|order)\\})+");
    private static final Pattern EXACT = Pattern.compile("\\+\\s*(?:(\\d{1,4})\\s*h)?\\s*(?:(\\d{1,5})\\s*min)?");
    private static final Pattern DAYS = Pattern.compile("(?:day\\s+(\\d{1,4}))?\\s*(?:at\\s+(\\d{1,2}:\\d{2}))?");
    private static final Pattern AFTER = Pattern.compile("after\\s+(\\d{1,4})\\s+days?");
    private static final Map<String, DayOfWeek> WEEKDAYS = weekdays();
    private static final Set<String> SOLAR_TERMS = Set.of("立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种",
            "夏至", "小暑", "大暑", "立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至", "小寒", "大寒");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).get();

    /** Where a step's row is: the file (with sheet), the row, and each column's position. */
    private record Place(String file, String path, int row, Map<String, Integer> columns) {
        Diagnostic at(String column, String message) {
            return new Diagnostic(file, row, columns.getOrDefault(column, 0), "column '" + column + "': " + message);
        }
    }

    private final List<SopStep> steps;
    private final Map<String, Place> places;

    private SopTable(List<SopStep> steps, Map<String, Place> places) {
        this.steps = List.copyOf(steps);
        this.places = Map.copyOf(places);
    }

    /** No SOP at all. */
    public static final SopTable EMPTY = new SopTable(List.of(), Map.of());

    /** Every step, sorted by SOP id and then in the order of their rows. */
    public List<SopStep> steps() {
        return steps;
    }

    /**
     * Reads and checks the SOP files of {@code packs} (layer order).
     *
     * @throws RulePackException listing every problem as file:row:column
     */
    public static SopTable of(List<RulePack> packs) {
        List<Diagnostic> problems = new ArrayList<>();
        Map<String, SopStep> byId = new LinkedHashMap<>();
        Map<String, Place> places = new HashMap<>();
        for (RulePack pack : packs) {
            Map<String, Place> seenInPack = new HashMap<>();
            for (RuleResource resource : pack.resources()) {
                String path = resource.path();
                String file = pack.location() + path;
                List<Table> tables;
                if (path.endsWith(CSV_SUFFIX)) {
                    tables = csv(file, path, resource.content(), problems);
                } else if (path.endsWith(XLSX_SUFFIX)) {
                    tables = xlsx(file, path, resource.content(), problems);
                } else {
                    continue;
                }
                for (Table table : tables) {
                    read(table, byId, places, seenInPack, problems);
                }
            }
        }
        List<SopStep> steps = new ArrayList<>(byId.values());
        checkStructure(steps, places, problems);
        if (!problems.isEmpty()) {
            Collections.sort(problems);
            throw new RulePackException("SOP tables", problems);
        }
        // by SOP id, rows within an SOP in their order
        Map<String, List<SopStep>> bySop = new TreeMap<>();
        steps.forEach(s -> bySop.computeIfAbsent(s.sop(), k -> new ArrayList<>()).add(s));
        List<SopStep> sorted = new ArrayList<>();
        bySop.values().forEach(sorted::addAll);
        return new SopTable(sorted, places);
    }

    /**
     * The steps' references a table cannot check alone — scripts, task kinds, tags — checked against
     * the engine's catalogs; each problem located at its cell.
     */
    public List<Diagnostic> checkReferences(Predicate<String> knownScript, Predicate<String> knownKind,
                                            java.util.function.Function<String, Optional<String>> tagProblem) {
        List<Diagnostic> problems = new ArrayList<>();
        for (SopStep step : steps) {
            Place place = places.get(step.id());
            if (!knownKind.test(step.kind())) {
                problems.add(place.at("kind", "unknown task kind '" + step.kind() + "'"));
            }
            if (!knownScript.test(step.script())) {
                problems.add(place.at("script", "unknown script '" + step.script() + "'"));
            }
            for (String tag : step.audience().tags()) {
                tagProblem.apply(tag).ifPresent(p -> problems.add(place.at("tags", p)));
            }
            for (String tag : step.audience().notTags()) {
                tagProblem.apply(tag).ifPresent(p -> problems.add(place.at("not_tags", p)));
            }
            for (EndAction action : step.endActions()) {
                if (action.kind() != EndActionKind.START_SOP) {
                    tagProblem.apply(action.value()).ifPresent(p -> problems.add(place.at("end_action", p)));
                }
            }
        }
        Collections.sort(problems);
        return problems;
    }

    // ---- reading ----

    /** The rows of one CSV file or one sheet: the header's cells, then each row's cells with its number. */
    private record Table(String file, String path, List<String> header, List<Integer> rowNumbers, List<List<String>> rows) { }

    private static List<Table> csv(String file, String path, byte[] content, List<Diagnostic> problems) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            List<String> header = null;
            List<Integer> numbers = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (header == null) {
                    header = cells;
                } else {
                    numbers.add((int) parser.getCurrentLineNumber());
                    rows.add(cells);
                }
            }
            return header == null ? List.of() : List.of(new Table(file, path, header, numbers, rows));
        } catch (IOException | RuntimeException e) {
            problems.add(new Diagnostic(file, 0, 0, "unreadable SOP table: " + e.getMessage()));
            return List.of();
        }
    }

    private static List<Table> xlsx(String file, String path, byte[] content, List<Diagnostic> problems) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        List<Table> tables = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            for (Sheet sheet : workbook) {
                if (sheet.getSheetName().startsWith("#")) {
                    continue;
                }
                String where = file + "!" + sheet.getSheetName();
                List<String> header = null;
                List<Integer> numbers = new ArrayList<>();
                List<List<String>> rows = new ArrayList<>();
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell).strip());
                    }
                    if (cells.stream().allMatch(String::isEmpty) || cells.get(0).startsWith("#")) {
                        continue;
                    }
                    if (header == null) {
                        header = cells;
                    } else {
                        numbers.add(row.getRowNum() + 1);
                        rows.add(cells);
                    }
                }
                if (header != null) {
                    tables.add(new Table(where, path + "!" + sheet.getSheetName(), header, numbers, rows));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Diagnostic(file, 0, 0, "unreadable SOP workbook: " + e.getClass().getSimpleName()));
        }
        return tables;
    }

    private static void read(Table table, Map<String, SopStep> byId, Map<String, Place> places,
                             Map<String, Place> seenInPack, List<Diagnostic> problems) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        boolean headerOk = true;
        for (int i = 0; i < table.header().size(); i++) {
            String name = table.header().get(i).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!COLUMNS.contains(name)) {
                problems.add(new Diagnostic(table.file(), headerRow(table), i + 1, "unknown column '" + table.header().get(i)
                        + "' (known: " + String.join(", ", COLUMNS) + ")"));
                headerOk = false;
            } else if (columns.putIfAbsent(name, i + 1) != null) {
                problems.add(new Diagnostic(table.file(), headerRow(table), i + 1, "column '" + name + "' twice"));
                headerOk = false;
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                problems.add(new Diagnostic(table.file(), headerRow(table), 0, "missing column '" + required + "'"));
                headerOk = false;
            }
        }
        if (!headerOk) {
            return;
        }
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> cells = table.rows().get(r);
            Place place = new Place(table.file(), table.path(), table.rowNumbers().get(r), columns);
            Map<String, String> row = new HashMap<>();
            columns.forEach((name, index) -> row.put(name, index - 1 < cells.size() ? cells.get(index - 1).strip() : ""));
            int before = problems.size();
            Optional<SopStep> step = step(row, place, problems);
            if (step.isEmpty() || problems.size() > before) {
                continue;
            }
            String id = step.get().id();
            Place earlier = seenInPack.putIfAbsent(id, place);
            if (earlier != null) {
                problems.add(place.at("step", "step '" + id + "' is already defined at " + earlier.file() + ":" + earlier.row()));
                continue;
            }
            byId.remove(id); // a later pack's row replaces the earlier one, and takes its place at the end
            if (!row.get("enabled").isEmpty() && isNo(row.get("enabled"))) {
                places.remove(id);
                continue;
            }
            byId.put(id, step.get());
            places.put(id, place);
        }
    }

    private static int headerRow(Table table) {
        return table.rowNumbers().isEmpty() ? 1 : Math.max(1, table.rowNumbers().get(0) - 1);
    }

    private static boolean isNo(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "no", "false", "off", "0", "否" -> true;
            default -> false;
        };
    }

    private static Optional<SopStep> step(Map<String, String> row, Place place, List<Diagnostic> problems) {
        for (String column : COLUMNS) {
            row.putIfAbsent(column, "");
        }
        String sop = row.get("sop");
        String step = row.get("step");
        if (!ID.matcher(sop).matches()) {
            problems.add(place.at("sop", sop.isEmpty() ? "empty" : "an id is letters, digits, '_', '.' or '-' (at most 64)"));
        }
        if (!ID.matcher(step).matches()) {
            problems.add(place.at("step", step.isEmpty() ? "empty" : "an id is letters, digits, '_', '.' or '-' (at most 64)"));
        }
        String enabled = row.get("enabled");
        if (!enabled.isEmpty() && !isNo(enabled) && !List.of("yes", "true", "on", "1", "是").contains(enabled.toLowerCase(Locale.ROOT))) {
            problems.add(place.at("enabled", "expected yes or no"));
        }
        Audience audience = Audience.of(
                codes(row.get("engagement"), ENGAGEMENTS, "engagement", place, problems),
                codes(row.get("stage"), STAGES, "stage", place, problems),
                free(row.get("tier"), CODE, "tier", place, problems),
                new LinkedHashSet<>(list(row.get("tags"))),
                new LinkedHashSet<>(list(row.get("not_tags"))),
                free(row.get("source"), CODE, "source", place, problems),
                attributes(row.get("attributes"), place, problems));
        Anchor anchor = anchor(row.get("anchor"), place, problems);
        Offset offset = offset(row.get("offset"), place, problems);
        String kind = row.get("kind").toUpperCase(Locale.ROOT);
        if (!CODE.matcher(kind).matches()) {
            problems.add(place.at("kind", kind.isEmpty() ? "empty" : "a task kind is upper-case letters, digits and '_'"));
        }
        String script = row.get("script");
        if (script.isEmpty()) {
            problems.add(place.at("script", "empty"));
        }
        Optional<String> owner = Optional.of(row.get("owner")).filter(s -> !s.isEmpty());
        Optional<String> channel = Optional.of(row.get("channel")).filter(s -> !s.isEmpty());
        if (channel.isPresent() && !CHANNELS.contains(channel.get())) {
            problems.add(place.at("channel", "expected 1v1, group or moments"));
        }
        Set<String> exitOn = free(row.get("exit_on"), CODE, "exit_on", place, problems);
        Set<String> restartOn = free(row.get("restart_on"), CODE, "restart_on", place, problems);
        Reentry reentry = reentry(row.get("reentry"), place, problems);
        List<EndAction> endActions = endActions(row.get("end_action"), place, problems);
        List<String> params = new ArrayList<>();
        for (String name : list(row.get("params"))) {
            if (!PARAM.matcher(name).matches()) {
                problems.add(place.at("params", "'" + name + "' is not an attribute name (letters, digits and '_')"));
            } else if (!params.contains(name)) {
                params.add(name);
            }
        }
        String key = key(row.get("key"), place, problems);
        if (anchor == null || offset == null || reentry == null || key == null) {
            return Optional.empty();
        }
        return Optional.of(new SopStep(sop, step, audience, anchor, offset, kind, script, owner, channel, exitOn, restartOn,
                reentry, endActions, key, params, place.path() + ":" + place.row()));
    }

    private static String key(String cell, Place place, List<Diagnostic> problems) {
        if (cell.isEmpty()) {
            return SopStep.DEFAULT_KEY;
        }
        if (!KEY.matcher(cell).matches()) {
            problems.add(place.at("key", "a key template is letters, digits, '_', '.', '-', '/' and the placeholders "
                    + "{sop}, {step}, {anchor}, {order}"));
            return null;
        }
        if (!cell.contains("{anchor}") && !cell.contains("{order}")) {
            problems.add(place.at("key", "a key template needs {anchor} or {order}, or the key would be the same for every anchor"));
            return null;
        }
        if (cell.startsWith("/") || cell.contains("//") || SopStep.prefixOf(cell, "x").isEmpty()) {
            problems.add(place.at("key", "a key template starts with a fixed part such as 'sop/{sop}/' and has no empty part"));
            return null;
        }
        return cell;
    }

    private static List<String> list(String cell) {
        List<String> values = new ArrayList<>();
        for (String v : cell.split("[\\s|、]+")) {
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return values;
    }

    private static Set<String> codes(String cell, Set<String> known, String column, Place place, List<Diagnostic> problems) {
        Set<String> values = new LinkedHashSet<>();
        for (String v : list(cell)) {
            String code = v.toUpperCase(Locale.ROOT);
            if (known.contains(code)) {
                values.add(code);
            } else {
                problems.add(place.at(column, "unknown value '" + v + "' (known: " + String.join(" ",
                        new java.util.TreeSet<>(known)) + ")"));
            }
        }
        return values;
    }

    private static Set<String> free(String cell, Pattern shape, String column, Place place, List<Diagnostic> problems) {
        Set<String> values = new LinkedHashSet<>();
        for (String v : list(cell)) {
            String code = v.toUpperCase(Locale.ROOT);
            if (shape.matcher(code).matches()) {
                values.add(code);
            } else {
                problems.add(place.at(column, "'" + v + "' is not a code (upper-case letters, digits and '_')"));
            }
        }
        return values;
    }

    private static Map<String, Set<String>> attributes(String cell, Place place, List<Diagnostic> problems) {
        Map<String, Set<String>> attributes = new TreeMap<>();
        for (String part : cell.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                problems.add(place.at("attributes", "expected name=value or name=value1|value2, separated by ';'"));
                continue;
            }
            attributes.put(p.substring(0, eq).strip(), new LinkedHashSet<>(list(p.substring(eq + 1))));
        }
        return attributes;
    }

    static Anchor anchor(String cell, Place place, List<Diagnostic> problems) {
        if (cell.strip().equalsIgnoreCase("start")) {
            return new Anchor(AnchorKind.START, "");
        }
        int colon = cell.indexOf(':');
        String kind = colon < 0 ? "" : cell.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : cell.substring(colon + 1).strip();
        String expected = "expected event:TYPE, stage:STAGE, date:MM-DD, weekday:MON…SUN, holiday:CODE, term:CODE, step:STEP "
                + "or start";
        try {
            switch (kind) {
                case "event" -> {
                    Set<String> types = new LinkedHashSet<>();
                    for (String type : list(value)) {
                        types.add(code(type));
                    }
                    if (types.isEmpty()) {
                        throw new IllegalArgumentException("no event type after 'event:'");
                    }
                    return new Anchor(AnchorKind.EVENT, String.join("|", types));
                }
                case "stage" -> {
                    String stage = value.toUpperCase(Locale.ROOT);
                    if (!STAGES.contains(stage)) {
                        throw new IllegalArgumentException("unknown stage '" + value + "'");
                    }
                    return new Anchor(AnchorKind.STAGE, stage);
                }
                case "date" -> {
                    MonthDay.parse("--" + value);
                    return new Anchor(AnchorKind.DATE, value);
                }
                case "weekday" -> {
                    DayOfWeek day = WEEKDAYS.get(value.toUpperCase(Locale.ROOT));
                    if (day == null) {
                        throw new IllegalArgumentException("unknown weekday '" + value + "' (MON … SUN, or 周一 … 周日)");
                    }
                    return new Anchor(AnchorKind.WEEKDAY, day.name());
                }
                case "holiday" -> {
                    return new Anchor(AnchorKind.HOLIDAY, code(value));
                }
                case "term" -> {
                    if (!SOLAR_TERMS.contains(value)) {
                        throw new IllegalArgumentException("unknown solar term '" + value + "' (the 24 terms by name: 立春 … 大寒)");
                    }
                    return new Anchor(AnchorKind.SOLAR_TERM, value);
                }
                case "step" -> {
                    if (!ID.matcher(value).matches()) {
                        throw new IllegalArgumentException("'" + value + "' is not a step id");
                    }
                    return new Anchor(AnchorKind.STEP, value);
                }
                default -> throw new IllegalArgumentException(cell.isEmpty() ? "empty; " + expected : expected);
            }
        } catch (DateTimeParseException e) {
            problems.add(place.at("anchor", "'" + value + "' is not a date MM-DD such as 03-08"));
        } catch (IllegalArgumentException e) {
            problems.add(place.at("anchor", e.getMessage()));
        }
        return null;
    }

    private static String code(String value) {
        String code = value.toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a code (upper-case letters, digits and '_')");
        }
        return code;
    }

    /** Parses an offset cell; {@code null} (and a problem) when it cannot. */
    static Offset offset(String cell, Place place, List<Diagnostic> problems) {
        String text = cell.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return new Offset(Optional.of(Duration.ZERO), Optional.empty(), Optional.empty(), "+0");
        }
        if (text.equals("+0")) {
            return new Offset(Optional.of(Duration.ZERO), Optional.empty(), Optional.empty(), "+0");
        }
        Matcher exact = EXACT.matcher(text);
        if (exact.matches() && (exact.group(1) != null || exact.group(2) != null)) {
            long hours = exact.group(1) == null ? 0 : Long.parseLong(exact.group(1));
            long minutes = exact.group(2) == null ? 0 : Long.parseLong(exact.group(2));
            return new Offset(Optional.of(Duration.ofHours(hours).plusMinutes(minutes)), Optional.empty(), Optional.empty(),
                    cell.strip());
        }
        Matcher days = DAYS.matcher(text);
        if (days.matches() && (days.group(1) != null || days.group(2) != null)) {
            int n = days.group(1) == null ? 0 : Integer.parseInt(days.group(1));
            Optional<LocalTime> at = Optional.empty();
            if (days.group(2) != null) {
                try {
                    at = Optional.of(LocalTime.parse(days.group(2).length() == 4 ? "0" + days.group(2) : days.group(2)));
                } catch (DateTimeParseException e) {
                    problems.add(place.at("offset", "'" + days.group(2) + "' is not a time of day HH:MM"));
                    return null;
                }
            }
            return new Offset(Optional.empty(), Optional.of(n), at, cell.strip());
        }
        problems.add(place.at("offset", "cannot read '" + cell.strip()
                + "': expected +2h, +30min, +1h30min, day 3, day 1 at 10:00 or at 10:00"));
        return null;
    }

    static Reentry reentry(String cell, Place place, List<Diagnostic> problems) {
        String text = cell.strip().toLowerCase(Locale.ROOT);
        switch (text) {
            case "", "always" -> {
                return Reentry.ALWAYS;
            }
            case "once" -> {
                return Reentry.ONCE;
            }
            default -> {
                Matcher after = AFTER.matcher(text);
                if (after.matches() && Integer.parseInt(after.group(1)) >= 1) {
                    return new Reentry(ReentryMode.AFTER_DAYS, Integer.parseInt(after.group(1)));
                }
                problems.add(place.at("reentry", "expected once, always or after N days"));
                return null;
            }
        }
    }

    private static List<EndAction> endActions(String cell, Place place, List<Diagnostic> problems) {
        List<EndAction> actions = new ArrayList<>();
        for (String part : list(cell)) {
            int colon = part.indexOf(':');
            String kind = colon < 0 ? "" : part.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : part.substring(colon + 1);
            EndActionKind k = switch (kind) {
                case "add_tag" -> EndActionKind.ADD_TAG;
                case "remove_tag" -> EndActionKind.REMOVE_TAG;
                case "start_sop" -> EndActionKind.START_SOP;
                default -> null;
            };
            if (k == null || value.isEmpty() || (k == EndActionKind.START_SOP && !ID.matcher(value).matches())) {
                problems.add(place.at("end_action", "expected add_tag:TAG, remove_tag:TAG or start_sop:SOP"));
            } else {
                actions.add(new EndAction(k, value));
            }
        }
        return actions;
    }

    // ---- structure: anchors between steps, SOPs started by others ----

    private static void checkStructure(List<SopStep> steps, Map<String, Place> places, List<Diagnostic> problems) {
        Map<String, SopStep> byId = new HashMap<>();
        Set<String> sops = new LinkedHashSet<>();
        for (SopStep step : steps) {
            byId.put(step.id(), step);
            sops.add(step.sop());
        }
        Map<String, SopStep> firstOfSop = new HashMap<>();
        Map<String, SopStep> byKey = new HashMap<>();
        for (SopStep step : steps) {
            Place place = places.get(step.id());
            SopStep first = firstOfSop.putIfAbsent(step.sop(), step);
            if (first != null && !SopStep.prefixOf(first.key(), first.sop()).equals(SopStep.prefixOf(step.key(), step.sop()))) {
                problems.add(place.at("key", "the steps of one SOP need keys with the same fixed start (exit and restart "
                        + "events cancel by it): '" + step.key() + "' here, '" + first.key() + "' at " + first.source()));
            }
            String filled = step.key().replace("{sop}", step.sop()).replace("{step}", step.step());
            SopStep same = byKey.putIfAbsent(filled.replace("{order}", "{anchor}"), step);
            if (same != null) {
                problems.add(place.at("key", "steps " + same.id() + " and " + step.id() + " would make the same task key; "
                        + "put {step} in the key template"));
            }
            if (step.anchor().kind() == AnchorKind.STEP) {
                if (!byId.containsKey(step.sop() + "/" + step.anchor().value())) {
                    problems.add(place.at("anchor", "no step '" + step.anchor().value() + "' in SOP '" + step.sop() + "'"));
                } else if (stepCycle(step, byId)) {
                    problems.add(place.at("anchor", "steps anchored on each other in a cycle: " + cyclePath(step, byId)));
                }
            }
            for (EndAction action : step.endActions()) {
                if (action.kind() == EndActionKind.START_SOP && !sops.contains(action.value())) {
                    problems.add(place.at("end_action", "no SOP '" + action.value() + "'"));
                } else if (action.kind() == EndActionKind.START_SOP && steps.stream().noneMatch(
                        s -> s.sop().equals(action.value()) && s.anchor().kind() == AnchorKind.START)) {
                    problems.add(place.at("end_action", "SOP '" + action.value() + "' has no step anchored on 'start'"));
                }
            }
        }
        // start_sop edges between SOPs: a cycle would start SOPs for ever
        Map<String, Set<String>> starts = new TreeMap<>();
        for (SopStep step : steps) {
            for (EndAction action : step.endActions()) {
                if (action.kind() == EndActionKind.START_SOP && sops.contains(action.value())) {
                    starts.computeIfAbsent(step.sop(), k -> new LinkedHashSet<>()).add(action.value());
                }
            }
        }
        for (SopStep step : steps) {
            for (EndAction action : step.endActions()) {
                if (action.kind() == EndActionKind.START_SOP && sops.contains(action.value())) {
                    List<String> path = path(action.value(), step.sop(), starts, new LinkedHashSet<>());
                    if (path != null) {
                        problems.add(places.get(step.id()).at("end_action", "SOPs start each other in a cycle: "
                                + step.sop() + " -> " + String.join(" -> ", path)));
                    }
                }
            }
        }
    }

    private static boolean stepCycle(SopStep step, Map<String, SopStep> byId) {
        Set<String> seen = new LinkedHashSet<>();
        SopStep current = step;
        while (current != null && current.anchor().kind() == AnchorKind.STEP) {
            if (!seen.add(current.id())) {
                return current.id().equals(step.id()) || seen.contains(step.id());
            }
            current = byId.get(current.sop() + "/" + current.anchor().value());
        }
        return false;
    }

    private static String cyclePath(SopStep step, Map<String, SopStep> byId) {
        List<String> path = new ArrayList<>();
        SopStep current = step;
        Set<String> seen = new LinkedHashSet<>();
        while (current != null && seen.add(current.id())) {
            path.add(current.step());
            current = byId.get(current.sop() + "/" + current.anchor().value());
        }
        path.add(step.step());
        return String.join(" -> ", path);
    }

    /** A path of start edges from {@code from} to {@code to}, or {@code null}. */
    private static List<String> path(String from, String to, Map<String, Set<String>> starts, Set<String> seen) {
        if (from.equals(to)) {
            return new ArrayList<>(List.of(to));
        }
        if (!seen.add(from)) {
            return null;
        }
        for (String next : starts.getOrDefault(from, Set.of())) {
            List<String> rest = path(next, to, starts, seen);
            if (rest != null) {
                rest.add(0, from);
                return rest;
            }
        }
        return null;
    }

    private static Map<String, DayOfWeek> weekdays() {
        Map<String, DayOfWeek> days = new HashMap<>();
        String[] zh = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day.name(), day);
            days.put(day.name().substring(0, 3), day);
            days.put(zh[day.ordinal()], day);
        }
        days.put("星期天", DayOfWeek.SUNDAY);
        days.put("周天", DayOfWeek.SUNDAY);
        return Map.copyOf(days);
    }
}
