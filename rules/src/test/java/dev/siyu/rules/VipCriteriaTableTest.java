package dev.siyu.rules;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.action.TierChanged;
import dev.siyu.model.Customer;
import dev.siyu.model.Tier;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.RuleResource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The VIP criteria are a decision table an operations person edits (PLAYBOOK §4): a changed
 * threshold changes behaviour without Java, the same table works as .xlsx, and mistakes in it are
 * reported with file, row and column.
 */
class VipCriteriaTableTest {
    private static final String TABLE = "vip-criteria.drl.csv";
    private static final String XLSX_TABLE = "vip-criteria.drl.xlsx";
    private static final String SHEET = "Tiers";
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-04-14T12:00:00+08:00");

    // Rows and columns of the default table, 0-based (diagnostics are 1-based).
    private static final int HEADER_ROW = 5;  // CONDITION,CONDITION,...
    private static final int VIP_ROW = 9;     // VIP,999.00,,,spend of 999.00 in the window
    private static final int TIER_COLUMN = 0;
    private static final int SPEND_COLUMN = 1;

    @TempDir
    Path dir;

    /** ¥1,500 over two orders in the last 365 days: neither 3 orders nor a MEMBERSHIP order. */
    private static Decision evaluate1500(SiyuEngine engine) {
        Customer customer = Customer.builder("c-1500").source("STORE").owner("sales-01")
                .addedAt(OffsetDateTime.parse("2026-03-01T10:00:00+08:00")).build();
        List<Touchpoint> orders = List.of(
                Touchpoint.of("o1", "ORDER_PAID", OffsetDateTime.parse("2026-03-12T10:00:00+08:00"))
                        .on("WECOM").with("orderId", "o1").with("amount", "700.00"),
                Touchpoint.of("o2", "ORDER_PAID", OffsetDateTime.parse("2026-04-14T11:00:00+08:00"))
                        .on("WECOM").with("orderId", "o2").with("amount", "800.00"));
        return engine.evaluate(customer, orders, NOW);
    }

    @Test
    void raisingTheVipSpendLineInTheTableKeepsA1500CustomerRegular() throws IOException {
        Path pack = copyDefaultPack(dir.resolve("pack"), true);
        editTable(pack, rows -> rows.get(VIP_ROW).set(SPEND_COLUMN, "2000.00"));

        SiyuEngine raised = SiyuEngine.builder().rules(RulePack.directory(pack)).build();
        SiyuEngine defaults = SiyuEngine.builder().build();

        Decision withRaisedLine = evaluate1500(raised);
        Decision withDefaults = evaluate1500(defaults);

        assertThat(withRaisedLine.customer().tier()).isEqualTo(Tier.REGULAR);
        assertThat(withRaisedLine.actions(TierChanged.class)).isEmpty();
        assertThat(withDefaults.customer().tier()).isEqualTo(Tier.VIP);
        assertThat(withDefaults.customer().owner()).contains("vip-desk");
    }

    /**
     * The table layout before the standings were facts: the Tier column's code reads them with
     * {@code from tiers.standings($p, $now)} and each condition is a {@code from $s}. A pack that
     * copied it still decides as the default table does.
     */
    @Test
    void aTableInTheEarlierFromLayoutStillUpgradesAsTheDefaultDoes() throws IOException {
        Path pack = copyDefaultPack(dir.resolve("earlier-layout"), true);
        editTable(pack, rows -> {
            rows.get(1).set(0, "Import");
            rows.get(1).set(1, "dev.siyu.fact.Sweep, dev.siyu.fact.Profile, dev.siyu.fact.TierStanding, dev.siyu.fact.TierMet");
            rows.set(HEADER_ROW + 1, new ArrayList<>(List.of("", "TierStanding from $s", "TierStanding from $s",
                    "TierStanding from $s", "")));
            rows.get(HEADER_ROW + 2).set(TIER_COLUMN, "Sweep( $id : customerId, $now : now ) $p : Profile( customerId == $id ) "
                    + "$s : TierStanding( tierName == \"$param\", reachable ) from tiers.standings($p, $now)");
        });
        assertThat(Files.readString(pack.resolve(TABLE))).contains("from tiers.standings");

        SiyuEngine earlier = SiyuEngine.builder().rules(RulePack.directory(pack)).build();
        SiyuEngine defaults = SiyuEngine.builder().build();

        Decision withEarlier = evaluate1500(earlier);
        Decision withDefaults = evaluate1500(defaults);
        assertThat(withEarlier.customer().tier()).isEqualTo(Tier.VIP);
        assertThat(withEarlier.customer()).isEqualTo(withDefaults.customer());
        assertThat(withEarlier.actions()).isEqualTo(withDefaults.actions());
    }

    @Test
    void theTableAsXlsxBehavesLikeTheCsv() throws IOException {
        Path pack = copyDefaultPack(dir.resolve("xlsx-pack"), false);
        writeXlsx(pack.resolve(XLSX_TABLE), readTable(defaultTableText()));
        assertThat(pack.resolve(TABLE)).doesNotExist();

        SiyuEngine fromXlsx = SiyuEngine.builder().rules(RulePack.directory(pack)).build();
        SiyuEngine defaults = SiyuEngine.builder().build();

        assertThat(fromXlsx.ruleNames()).isEqualTo(defaults.ruleNames());
        Decision xlsx = evaluate1500(fromXlsx);
        Decision csv = evaluate1500(defaults);
        assertThat(xlsx.customer().tier()).isEqualTo(Tier.VIP);
        assertThat(xlsx.customer()).isEqualTo(csv.customer());
        assertThat(xlsx.actions()).isEqualTo(csv.actions());

        // Below every threshold: REGULAR with both.
        Customer small = Customer.builder("c-small").owner("sales-01").build();
        List<Touchpoint> one = List.of(Touchpoint.of("o1", "ORDER_PAID", NOW.minusHours(1))
                .with("orderId", "o1").with("amount", "998.99"));
        assertThat(fromXlsx.evaluate(small, one, NOW).customer().tier()).isEqualTo(Tier.REGULAR);
        assertThat(defaults.evaluate(small, one, NOW).customer().tier()).isEqualTo(Tier.REGULAR);

        // ¥10,000: KEY_ACCOUNT with both.
        List<Touchpoint> big = List.of(Touchpoint.of("o1", "ORDER_PAID", NOW.minusHours(1))
                .with("orderId", "o1").with("amount", "10000.00"));
        Decision bigXlsx = fromXlsx.evaluate(small, big, NOW);
        assertThat(bigXlsx.customer().tier()).isEqualTo(Tier.KEY_ACCOUNT);
        assertThat(bigXlsx.actions()).isEqualTo(defaults.evaluate(small, big, NOW).actions());
    }

    @Test
    void aNonNumericThresholdIsReportedAtItsCell() throws IOException {
        Diagnostic problem = onlyTableProblem(rows -> rows.get(VIP_ROW).set(SPEND_COLUMN, "abc"));

        assertThat(problem.file()).endsWith(TABLE);
        assertThat(problem.line()).isEqualTo(10);
        assertThat(problem.column()).isEqualTo(2);
        assertThat(problem.message()).contains("abc").contains("decimal amount");
    }

    @Test
    void anUnknownTierIsReportedAtItsCell() throws IOException {
        Diagnostic problem = onlyTableProblem(rows -> rows.get(VIP_ROW).set(TIER_COLUMN, "GOLD"));

        assertThat(problem.file()).endsWith(TABLE);
        assertThat(problem.line()).isEqualTo(10);
        assertThat(problem.column()).isEqualTo(1);
        assertThat(problem.message()).contains("unknown tier").contains("GOLD");
    }

    @Test
    void aBadHeaderIsReportedAtItsCell() throws IOException {
        Diagnostic problem = onlyTableProblem(rows -> rows.get(HEADER_ROW).set(TIER_COLUMN, "CONDITIONX"));

        assertThat(problem.file()).endsWith(TABLE);
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.column()).isEqualTo(1);
        assertThat(problem.message()).contains("bad header").contains("must be a CONDITION column").contains("CONDITIONX");
    }

    @Test
    void anXlsxErrorNamesTheSheet() throws IOException {
        Path pack = copyDefaultPack(dir.resolve("bad-xlsx"), false);
        List<List<String>> rows = readTable(defaultTableText());
        rows.get(VIP_ROW).set(SPEND_COLUMN, "abc");
        writeXlsx(pack.resolve(XLSX_TABLE), rows);

        RulePackException error = catchThrowableOfType(RulePackException.class,
                () -> SiyuEngine.builder().rules(RulePack.directory(pack)).build());

        assertThat(error).as("the engine must refuse the table").isNotNull();
        assertThat(error.diagnostics()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).contains(XLSX_TABLE).contains("[" + SHEET + "]");
            assertThat(problem.line()).isEqualTo(10);
            assertThat(problem.column()).isEqualTo(2);
            assertThat(problem.message()).contains("abc").contains("decimal amount");
        });
        assertThat(error.getMessage()).contains("[" + SHEET + "]:10:2:");
    }

    // ---- helpers ----

    /** Builds a copy of the default pack with one edit to the CSV table; expects exactly one problem. */
    private Diagnostic onlyTableProblem(Consumer<List<List<String>>> edit) throws IOException {
        Path pack = copyDefaultPack(dir.resolve("bad"), true);
        editTable(pack, edit);

        RulePackException error = catchThrowableOfType(RulePackException.class,
                () -> SiyuEngine.builder().rules(RulePack.directory(pack)).build());

        assertThat(error).as("the engine must refuse the table").isNotNull();
        assertThat(error.diagnostics()).as(error.getMessage()).hasSize(1);
        return error.diagnostics().get(0);
    }

    /** Writes every file of the default pack into {@code target}, the CSV table only when asked. */
    private static Path copyDefaultPack(Path target, boolean withCsvTable) throws IOException {
        Files.createDirectories(target);
        for (RuleResource resource : RulePack.defaults().resources()) {
            if (!withCsvTable && resource.path().equals(TABLE)) {
                continue;
            }
            Path file = target.resolve(resource.path());
            Files.createDirectories(file.getParent());
            Files.write(file, resource.content());
        }
        return target;
    }

    private static String defaultTableText() {
        return RulePack.defaults().resources().stream().filter(r -> r.path().equals(TABLE)).findFirst()
                .map(r -> new String(r.content(), StandardCharsets.UTF_8))
                .orElseThrow(() -> new AssertionError("the default pack has no " + TABLE));
    }

    private static List<List<String>> readTable(String csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.DEFAULT)) {
            for (CSVRecord record : parser) {
                rows.add(new ArrayList<>(record.toList()));
            }
        }
        assertThat(rows.get(VIP_ROW)).as("the VIP row of the default table").startsWith("VIP", "999.00");
        assertThat(rows.get(HEADER_ROW).get(TIER_COLUMN)).isEqualTo("CONDITION");
        return rows;
    }

    private static void editTable(Path pack, Consumer<List<List<String>>> edit) throws IOException {
        Path file = pack.resolve(TABLE);
        List<List<String>> rows = readTable(Files.readString(file, StandardCharsets.UTF_8));
        edit.accept(rows);
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Every CSV cell into the same row and column of one sheet, as text; cells that a CSV table
     * merges (a run of cells ending in {@code ...}) become one merged cell, as a spreadsheet user writes them.
     */
    private static void writeXlsx(Path file, List<List<String>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet(SHEET);
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    String text = cells.get(c);
                    if (text.endsWith("...")) {
                        int last = c;
                        while (last + 1 < cells.size() && cells.get(last + 1).endsWith("...")) {
                            last++;
                        }
                        row.createCell(c).setCellValue(text.substring(0, text.length() - 3));
                        for (int merged = c + 1; merged <= last; merged++) {
                            row.createCell(merged);
                        }
                        if (last > c) {
                            sheet.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(r, r, c, last));
                        }
                        c = last;
                    } else if (!text.isEmpty()) {
                        row.createCell(c).setCellValue(text);
                    }
                }
            }
            workbook.write(out);
        }
    }
}
