package dev.siyu.internal;

import dev.siyu.fact.Tiers;
import dev.siyu.model.Money;
import dev.siyu.model.Tier;
import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RuleResource;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the cells of tier decision tables (a {@code RuleTable} whose code row reads
 * {@code tierName} and inserts a {@code TierMet}) before Drools compiles them, so that a bad cell
 * is reported by file, row and column (1-based, a sheet's name in brackets) instead of as an error
 * in generated rule text. A table in the layout before the CONDITION columns (code calling
 * {@code TierCriterion.forTier}) is refused with a pointer to the new layout.
 *
 * <p>Stateless and thread-safe.
 */
final class TierTableChecks {
    private enum Role { TIER, SPEND, ORDERS, KIND, REASON }

    private TierTableChecks() {
    }

    /** Problems in the tier tables of {@code file}; empty when it has none or they are well formed. */
    static List<Diagnostic> check(RulePack pack, RuleResource file, ScriptCatalog scripts, Tiers tiers) {
        String name = pack.location() + file.path();
        List<Diagnostic> problems = new ArrayList<>();
        try {
            if (file.isCsvTable()) {
                checkSheet(name, csvCells(file.content()), scripts, tiers, problems);
            } else {
                try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(file.content()))) {
                    DataFormatter formatter = new DataFormatter(Locale.ROOT);
                    for (Sheet sheet : workbook) {
                        checkSheet(name + "[" + sheet.getSheetName() + "]", sheetCells(sheet, formatter), scripts, tiers,
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
        if (row < 0 || row >= rows.size() || column >= rows.get(row).size()) {
            return "";
        }
        return rows.get(row).get(column).strip();
    }

    private static Role role(String snippet) {
        if (snippet.contains("tierName")) {
            return Role.TIER;
        }
        if (snippet.contains("spendAtLeast")) {
            return Role.SPEND;
        }
        if (snippet.contains("paidOrders")) {
            return Role.ORDERS;
        }
        if (snippet.contains("bought(")) {
            return Role.KIND;
        }
        return snippet.contains("new TierMet") ? Role.REASON : null;
    }

    private static void checkSheet(String file, List<List<String>> rows, ScriptCatalog scripts, Tiers tiers,
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
                if (snippet.contains("TierCriterion.forTier")) {
                    problems.add(new Diagnostic(file, code + 1, c + 1, "this tier table has the layout before CONDITION "
                            + "columns (TierCriterion was removed): copy the default vip-criteria.drl.csv and write each way "
                            + "to reach a tier as a row of conditions (docs/writing-rules.md, Tiers)"));
                }
                roles[c] = role(snippet);
                tierTable |= roles[c] == Role.TIER;
            }
            if (!tierTable) {
                continue;
            }
            for (int c = 0; c < width; c++) {
                if (roles[c] == null) {
                    continue;
                }
                String expected = roles[c] == Role.REASON ? "ACTION" : "CONDITION";
                if (!cell(rows, types, c).toUpperCase(Locale.ROOT).equals(expected)) {
                    problems.add(new Diagnostic(file, types + 1, c + 1, "bad header: the column '" + cell(rows, labels, c)
                            + "' must be a " + expected + " column, got '" + cell(rows, types, c) + "'"));
                }
            }
            if (Arrays.stream(roles).noneMatch(r -> r == Role.REASON)) {
                problems.add(new Diagnostic(file, code + 1, 1, "bad header: the tier table has no reason column "
                        + "(the ACTION that inserts a TierMet)"));
            }
            for (int r = labels + 1; r < rows.size(); r++) {
                if (rows.get(r).stream().allMatch(String::isBlank)
                        || cell(rows, r, 0).toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                    break;
                }
                checkRow(file, rows, r, roles, labels, scripts, tiers, problems);
            }
        }
    }

    private static void checkRow(String file, List<List<String>> rows, int r, Role[] roles, int labels,
                                 ScriptCatalog scripts, Tiers tiers, List<Diagnostic> problems) {
        boolean anyCondition = false;
        for (int c = 0; c < roles.length; c++) {
            if (roles[c] == null) {
                continue;
            }
            String value = cell(rows, r, c);
            String label = cell(rows, labels, c);
            String problem = switch (roles[c]) {
                case TIER -> tierProblem(value, label, scripts, tiers);
                case SPEND -> {
                    anyCondition |= !value.isEmpty();
                    yield value.isEmpty() ? null : spendProblem(value, label);
                }
                case ORDERS -> {
                    anyCondition |= !value.isEmpty();
                    yield value.isEmpty() ? null : ordersProblem(value, label);
                }
                case KIND -> {
                    anyCondition |= !value.isEmpty();
                    yield value.contains("\"") || value.contains("\\")
                            ? "'" + label + "' must be a product kind such as MEMBERSHIP, without quotes or backslashes" : null;
                }
                case REASON -> value.isEmpty() ? "'" + label + "' must not be empty: it names the row in explanations"
                        : value.contains("\"") || value.contains("\\") ? "'" + label + "' must not contain quotes or backslashes"
                        : null;
            };
            if (problem != null) {
                problems.add(new Diagnostic(file, r + 1, c + 1, problem));
            }
        }
        if (!anyCondition) {
            problems.add(new Diagnostic(file, r + 1, 1,
                    "the row sets no condition: fill at least one of spend, paid orders, membership product kind"));
        }
    }

    private static String tierProblem(String value, String label, ScriptCatalog scripts, Tiers tiers) {
        Optional<Tiers.Declaration> declared = tiers.all().stream().filter(t -> t.name().equals(value)).findFirst()
                .flatMap(tiers::declaration);
        if (declared.isEmpty()) {
            return "unknown tier '" + value + "' (known: " + tiers.names() + "; declare a tier in a *.tiers.csv)";
        }
        Tier lowest = tiers.all().get(0);
        if (declared.get().tier().equals(lowest)) {
            return "'" + label + "' names " + value + ", the lowest tier, which every customer starts in: no row can reach it";
        }
        if (declared.get().desk().isEmpty()) {
            return "the tier catalog gives tier '" + value + "' no desk (its desk column in a *.tiers.csv)";
        }
        String script = declared.get().welcomeScript();
        if (script.isEmpty()) {
            return "the tier catalog gives tier '" + value + "' no welcome script (its welcome_script column in a *.tiers.csv)";
        }
        if (!scripts.knows(script)) {
            return "tier '" + value + "' has welcome script '" + script + "', which no script catalog has";
        }
        return null;
    }

    private static String spendProblem(String value, String label) {
        try {
            if (Money.of(value).amount().signum() < 0) {
                return "'" + label + "' must not be negative, got '" + value + "'";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "'" + label + "' must be a decimal amount such as 999.00, got '" + value + "'";
        }
    }

    private static String ordersProblem(String value, String label) {
        try {
            return Integer.parseInt(value) < 1 ? "'" + label + "' must be a whole number of at least 1, got '" + value + "'" : null;
        } catch (NumberFormatException e) {
            return "'" + label + "' must be a whole number of at least 1, got '" + value + "'";
        }
    }
}
