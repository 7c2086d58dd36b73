package dev.siyu.internal;

import dev.siyu.model.Money;
import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RuleResource;
import dev.siyu.pack.TagCatalog;
import dev.siyu.script.ScriptCatalog;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of a rule pack that the Drools compiler cannot make: tag groups used by rule files must be
 * in the tag catalog, and tier decision tables must hold known tiers and numeric thresholds. Each
 * problem names the file, line (or table row) and column.
 *
 * <p>Stateless and thread-safe.
 */
final class PackChecks {
    private static final Pattern TAG_CALL = Pattern.compile(
            "(?:(?:addTag|setExclusiveTag|removeTag|hasTag)\\(\\s*"
                    + "|TagProposal\\s*\\.\\s*(?:add|remove|exclusive)\\(\\s*[^,()]*(?:\\([^()]*\\))?[^,()]*,\\s*)"
                    + "\"([^\"/]*)/([^\"/]*)/");

    /** The deprecated mutators of {@code Profile} and the proposal that replaces each. */
    private static final java.util.Map<String, String> DEPRECATED = java.util.Map.ofEntries(
            java.util.Map.entry("setEngagement", "insert(new EngagementProposal($id, level))"),
            java.util.Map.entry("setStage", "insertLogical(new StageProposal($id, stage, rank))"),
            java.util.Map.entry("adoptStage", "insertLogical(new StageProposal($id, stage, rank))"),
            java.util.Map.entry("setTier", "insert(new TierProposal($id, tier))"),
            java.util.Map.entry("setOwner", "insert(new OwnerProposal($id, owner))"),
            java.util.Map.entry("addTag", "insert(TagProposal.add($id, tag))"),
            java.util.Map.entry("removeTag", "insert(TagProposal.remove($id, tag))"),
            java.util.Map.entry("setExclusiveTag", "insert(TagProposal.exclusive($id, tag))"),
            java.util.Map.entry("scheduleTask", "insert(new TaskProposal($id, key, kind, script, dueAt, values...))"),
            java.util.Map.entry("cancelTask", "insert(CancelProposal.task($id, key, reason))"),
            java.util.Map.entry("cancelTasks", "insert(CancelProposal.kind($id, kind, reason))"),
            java.util.Map.entry("cancelTasksWithKeyPrefix", "insert(CancelProposal.keyPrefix($id, prefix, reason))"),
            java.util.Map.entry("cancelProactiveTasks", "insert(CancelProposal.proactive($id, reason))"),
            java.util.Map.entry("alert", "insert(new AlertProposal($id, code, eventId))"),
            java.util.Map.entry("watch", "insert(WatchProposal.open($id, code, eventId, at, deadline))"),
            java.util.Map.entry("answerWatches", "insert(WatchProposal.answer($id, code, replyAt))"),
            java.util.Map.entry("closeWatch", "insert(WatchProposal.close($id, watch))"),
            java.util.Map.entry("suggestScript", "insert(new SuggestionProposal($id, script, values...))"),
            java.util.Map.entry("markOnce", "isMarked(key) in the conditions and insert(new MarkProposal($id, key))"),
            java.util.Map.entry("wakeUpAt", "insert(new WakeUpProposal($id, at))"));
    /** A call of a deprecated mutator: on an object ({@code $p.addTag(}) or inside {@code modify($p) { … }}. */
    private static final Pattern DEPRECATED_CALL = Pattern.compile(
            "(?:\\.|[{,])\\s*(" + String.join("|", new java.util.TreeSet<>(DEPRECATED.keySet())) + ")\\s*\\(");

    private PackChecks() {
    }

    private static final Pattern SCRIPT_LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)\"");

    /** Tag literals in rule consequences whose group the catalog does not know. */
    static List<Diagnostic> unknownTagGroups(List<RulePack> packs, TagCatalog catalog) {
        if (catalog.isEmpty()) {
            return List.of();
        }
        return scanConsequences(packs, TAG_CALL, match -> {
            String group = match.group(1) + "/" + match.group(2);
            return catalog.knows(group) ? null : "uses tag group '" + group + "', which is not in the tag catalog (known: "
                    + String.join(", ", catalog.groups().keySet()) + ")";
        });
    }

    /** Script ids written as literals in rule consequences that no script catalog has. */
    static List<Diagnostic> unknownScripts(List<RulePack> packs, ScriptCatalog scripts) {
        if (scripts.isEmpty()) {
            return List.of();
        }
        return scanConsequences(packs, SCRIPT_LITERAL, match -> scripts.knows(match.group(1)) ? null
                : "uses script '" + match.group(1) + "', which no script catalog has");
    }

    /**
     * Warnings, as {@code file:line:column: warning: …}, for every call of a deprecated
     * {@code Profile} mutator in a rule consequence or a function, naming the proposal to insert
     * instead.
     */
    static List<Diagnostic> deprecatedCalls(List<RulePack> packs) {
        List<Diagnostic> warnings = new ArrayList<>();
        for (RulePack pack : packs) {
            for (RuleResource file : pack.resources()) {
                if (!file.isDrl()) {
                    continue;
                }
                PackageDescr descr = Layers.parse(file);
                if (descr == null) {
                    continue;
                }
                String name = pack.location() + file.path();
                List<String> lines = new String(file.content(), StandardCharsets.UTF_8).lines().toList();
                for (RuleDescr rule : descr.getRules()) {
                    if (rule.getConsequence() instanceof String text) {
                        deprecatedCalls(name, lines, text, rule.getConsequenceLine(), "rule '" + rule.getName() + "'", warnings);
                    }
                }
                for (org.drools.drl.ast.descr.FunctionDescr function : descr.getFunctions()) {
                    deprecatedCalls(name, lines, function.getBody(), function.getLine(),
                            "function '" + function.getName() + "'", warnings);
                }
            }
        }
        warnings.sort(null);
        return List.copyOf(warnings);
    }

    private static void deprecatedCalls(String file, List<String> lines, String text, int firstLine, String who,
                                        List<Diagnostic> warnings) {
        if (text == null) {
            return;
        }
        Matcher matcher = DEPRECATED_CALL.matcher(text);
        while (matcher.find()) {
            String method = matcher.group(1);
            int line = firstLine + (int) text.substring(0, matcher.start(1)).chars().filter(c -> c == '\n').count();
            String message = "warning: " + who + " calls the deprecated Profile." + method
                    + ", which changes the customer behind the engine's back; use " + DEPRECATED.get(method)
                    + " (docs/rule-api.md)";
            // the consequence text may start on the line of "then" or the next: search from the line before
            warnings.add(Layers.locate(file, lines, Math.max(firstLine, line - 1), method, message));
        }
    }

    private static final Pattern KIND_LITERAL = Pattern.compile("TaskKind\\s*\\.\\s*valueOf\\(\\s*\"([^\"]*)\"\\s*\\)");

    /** Task kinds named as literals in rule consequences ({@code TaskKind.valueOf("CALL")}) that no catalog declares. */
    static List<Diagnostic> unknownTaskKinds(List<RulePack> packs, dev.siyu.pack.TaskKindCatalog kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        return scanConsequences(packs, KIND_LITERAL, match -> {
            String name = match.group(1);
            if (dev.siyu.action.TaskKind.isValidName(name) && kinds.declares(dev.siyu.action.TaskKind.valueOf(name))) {
                return null;
            }
            return "uses task kind '" + name + "', which no task-kind catalog (*.task-kinds.csv) declares (known: "
                    + String.join(" ", kinds.kinds().stream().map(dev.siyu.action.TaskKind::name).toList()) + ")";
        });
    }

    private static List<Diagnostic> scanConsequences(List<RulePack> packs, Pattern pattern,
                                                     java.util.function.Function<Matcher, String> check) {
        List<Diagnostic> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            for (RuleResource file : pack.resources()) {
                if (!file.isDrl()) {
                    continue;
                }
                PackageDescr descr = Layers.parse(file);
                if (descr == null) {
                    continue; // syntax errors are the compiler's to report
                }
                List<String> lines = new String(file.content(), StandardCharsets.UTF_8).lines().toList();
                for (RuleDescr rule : descr.getRules()) {
                    if (!(rule.getConsequence() instanceof String text)) {
                        continue;
                    }
                    Matcher matcher = pattern.matcher(text);
                    while (matcher.find()) {
                        String problem = check.apply(matcher);
                        if (problem == null) {
                            continue;
                        }
                        problems.add(Layers.locate(pack.location() + file.path(), lines, rule.getConsequenceLine(),
                                matcher.group(), "rule '" + rule.getName() + "' " + problem));
                    }
                }
            }
        }
        return problems;
    }

    /** Problems in tier decision tables (tables whose code row calls {@code TierCriterion.forTier}). */
    static List<Diagnostic> tierTables(RulePack pack, RuleResource file, ScriptCatalog scripts, dev.siyu.fact.Tiers tiers) {
        String name = pack.location() + file.path();
        List<Diagnostic> problems = new ArrayList<>();
        try {
            if (file.isCsvTable()) {
                checkTierTable(name, csvCells(file.content()), scripts, tiers, problems);
            } else {
                try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(file.content()))) {
                    DataFormatter formatter = new DataFormatter(Locale.ROOT);
                    for (Sheet sheet : workbook) {
                        checkTierTable(name + "[" + sheet.getSheetName() + "]", sheetCells(sheet, formatter), scripts, tiers,
                                problems);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Diagnostic(name, 0, 0, "unreadable decision table: " + e.getMessage()));
        }
        return problems;
    }

    private static List<List<String>> csvCells(byte[] content) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new String(content, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        }
        return rows;
    }

    private static List<List<String>> sheetCells(Sheet sheet, DataFormatter formatter) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<String> cells = new ArrayList<>();
            if (row != null) {
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                }
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String cell(List<List<String>> rows, int row, int column) {
        if (row >= rows.size() || column >= rows.get(row).size()) {
            return "";
        }
        return rows.get(row).get(column).strip();
    }

    private enum Role { TIER, SPEND, ORDERS, KIND, DESK, SCRIPT }

    private static void checkTierTable(String file, List<List<String>> rows, ScriptCatalog scripts, dev.siyu.fact.Tiers tiers,
                                       List<Diagnostic> problems) {
        for (int top = 0; top < rows.size(); top++) {
            if (!cell(rows, top, 0).toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                continue;
            }
            int types = top + 1;
            int code = top + 3;
            int labels = top + 4;
            int width = Math.max(rows.size() > types ? rows.get(types).size() : 0, rows.size() > code ? rows.get(code).size() : 0);
            Role[] roles = new Role[width];
            boolean tierTable = false;
            for (int c = 0; c < width; c++) {
                String snippet = cell(rows, code, c);
                roles[c] = snippet.contains("forTier") ? Role.TIER : snippet.contains("minSpend") ? Role.SPEND
                        : snippet.contains("minOrders") ? Role.ORDERS : snippet.contains("membershipKind") ? Role.KIND
                        : snippet.contains(".desk(") ? Role.DESK : snippet.contains("welcomeScript") ? Role.SCRIPT : null;
                tierTable |= roles[c] == Role.TIER;
            }
            if (!tierTable) {
                continue;
            }
            for (int c = 0; c < width; c++) {
                String type = cell(rows, types, c).toUpperCase(Locale.ROOT);
                if (roles[c] != null && !type.equals("ACTION")) {
                    problems.add(new Diagnostic(file, types + 1, c + 1,
                            "bad header: the column '" + cell(rows, labels, c) + "' must be an ACTION column, got '"
                                    + cell(rows, types, c) + "'"));
                }
            }
            for (Role required : List.of(Role.TIER, Role.DESK, Role.SCRIPT)) {
                if (Arrays.stream(roles).noneMatch(r -> r == required)) {
                    problems.add(new Diagnostic(file, code + 1, 1, "bad header: the tier table has no "
                            + required.name().toLowerCase(Locale.ROOT) + " column"));
                }
            }
            for (int r = labels + 1; r < rows.size(); r++) {
                if (rows.get(r).stream().allMatch(String::isBlank)
                        || cell(rows, r, 0).toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                    break;
                }
                checkTierRow(file, rows, r, roles, labels, scripts, tiers, problems);
            }
        }
    }

    private static void checkTierRow(String file, List<List<String>> rows, int r, Role[] roles, int labels,
                                     ScriptCatalog scripts, dev.siyu.fact.Tiers tiers, List<Diagnostic> problems) {
        String tierName = "";
        for (int c = 0; c < roles.length; c++) {
            if (roles[c] == Role.TIER) {
                tierName = cell(rows, r, c);
            }
        }
        String name = tierName;
        java.util.Optional<dev.siyu.fact.Tiers.Declaration> declared = tiers.all().stream()
                .filter(t -> t.name().equals(name)).findFirst().flatMap(tiers::declaration);
        boolean anyThreshold = false;
        for (int c = 0; c < roles.length; c++) {
            if (roles[c] == null) {
                continue;
            }
            String value = cell(rows, r, c);
            String label = cell(rows, labels, c);
            String problem = null;
            switch (roles[c]) {
                case TIER -> {
                    if (declared.isEmpty()) {
                        problem = "unknown tier '" + value + "' (known: " + tiers.names()
                                + "; declare a tier in a *.tiers.csv)";
                    }
                }
                case SPEND -> {
                    if (!value.isEmpty()) {
                        anyThreshold = true;
                        try {
                            if (Money.of(value).amount().signum() < 0) {
                                problem = "'" + label + "' must not be negative, got '" + value + "'";
                            }
                        } catch (IllegalArgumentException e) {
                            problem = "'" + label + "' must be a decimal amount such as 999.00, got '" + value + "'";
                        }
                    }
                }
                case ORDERS -> {
                    if (!value.isEmpty()) {
                        anyThreshold = true;
                        try {
                            if (Integer.parseInt(value) < 1) {
                                problem = "'" + label + "' must be a whole number of at least 1, got '" + value + "'";
                            }
                        } catch (NumberFormatException e) {
                            problem = "'" + label + "' must be a whole number of at least 1, got '" + value + "'";
                        }
                    }
                }
                case KIND -> anyThreshold |= !value.isEmpty();
                case DESK -> {
                    if (value.isEmpty() && declared.map(d -> d.desk().isEmpty()).orElse(false)) {
                        problem = "'" + label + "' must not be empty: the tier catalog gives tier '" + name + "' no desk";
                    }
                }
                case SCRIPT -> {
                    if (value.isEmpty()) {
                        problem = "'" + label + "' must not be empty";
                    } else if (!scripts.knows(value)) {
                        problem = "'" + label + "' names script '" + value + "', which no script catalog has";
                    }
                }
            }
            if (problem != null) {
                problems.add(new Diagnostic(file, r + 1, c + 1, problem));
            }
        }
        if (!anyThreshold) {
            problems.add(new Diagnostic(file, r + 1, 1, "the row sets no threshold: fill at least one of spend, orders, membership kind"));
        }
    }
}
