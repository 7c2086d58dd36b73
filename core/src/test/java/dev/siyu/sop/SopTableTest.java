package dev.siyu.sop;

import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.RuleResource;
import dev.siyu.sop.SopStep.AnchorKind;
import dev.siyu.sop.SopStep.EndAction;
import dev.siyu.sop.SopStep.EndActionKind;
import dev.siyu.sop.SopStep.Reentry;
import dev.siyu.sop.SopStep.ReentryMode;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SopTableTest {
    private static final String HEADER = "sop,step,engagement,stage,tier,tags,not_tags,source,attributes,anchor,offset,kind,"
            + "script,owner,channel,exit_on,restart_on,reentry,end_action\n";

    private static RulePack pack(String name, String file, String text) {
        return RulePack.of(name, Map.of(file, text));
    }

    private static SopTable table(String csv) {
        return SopTable.of(List.of(pack("ops", "weekly.sop.csv", csv)));
    }

    private static List<String> problems(String csv) {
        RulePackException e = catchThrowableOfType(RulePackException.class, () -> table(csv));
        assertThat(e).as("the table should be refused").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void aRowWithEveryColumn_isOneStep_withEachCellRead() {
        SopTable table = table(HEADER + "quote,day3,QUOTED|CONVERSING,GROWTH,VIP,渠道/来源/STORE,偏好/品类/日抛,STORE PACKAGE_CARD,"
                + "city=上海|杭州;lang=zh,event:PRICE_INQUIRY,day 3 at 10:00,follow_up,followup.day3,desk-vip,1v1,ORDER_PAID,"
                + "PRICE_INQUIRY QUOTE_SENT,after 30 days,add_tag:生命周期/状态/跟进 start_sop:care\n"
                + "care,thanks,,,,,,,,step:thanks_anchor,+2h,care,care.thanks,,,,,once,\n"
                + "care,thanks_anchor,,,,,,,,start,,care,care.thanks,,,,,,\n");

        SopStep step = table.steps().stream().filter(s -> s.id().equals("quote/day3")).findFirst().orElseThrow();
        assertThat(step.audience().engagements()).containsExactlyInAnyOrder("QUOTED", "CONVERSING");
        assertThat(step.audience().stages()).containsExactly("GROWTH");
        assertThat(step.audience().tiers()).containsExactly("VIP");
        assertThat(step.audience().tags()).containsExactly("渠道/来源/STORE");
        assertThat(step.audience().notTags()).containsExactly("偏好/品类/日抛");
        assertThat(step.audience().sources()).containsExactlyInAnyOrder("STORE", "PACKAGE_CARD");
        assertThat(step.audience().attributes()).containsOnlyKeys("city", "lang");
        assertThat(step.audience().attributes().get("city")).containsExactlyInAnyOrder("上海", "杭州");
        assertThat(step.anchor().kind()).isEqualTo(AnchorKind.EVENT);
        assertThat(step.anchor().value()).isEqualTo("PRICE_INQUIRY");
        assertThat(step.offset().days()).contains(3);
        assertThat(step.offset().at()).contains(LocalTime.of(10, 0));
        assertThat(step.kind()).isEqualTo("FOLLOW_UP");
        assertThat(step.script()).isEqualTo("followup.day3");
        assertThat(step.owner()).contains("desk-vip");
        assertThat(step.channel()).contains("1v1");
        assertThat(step.exitOn()).containsExactly("ORDER_PAID");
        assertThat(step.restartOn()).containsExactlyInAnyOrder("PRICE_INQUIRY", "QUOTE_SENT");
        assertThat(step.reentry()).isEqualTo(new Reentry(ReentryMode.AFTER_DAYS, 30));
        assertThat(step.endActions()).containsExactly(new EndAction(EndActionKind.ADD_TAG, "生命周期/状态/跟进"),
                new EndAction(EndActionKind.START_SOP, "care"));
        assertThat(step.source()).isEqualTo("weekly.sop.csv:2");
        assertThat(table.steps()).extracting(SopStep::id).containsExactly("care/thanks", "care/thanks_anchor", "quote/day3");
        assertThat(table.steps().get(1).anchor().kind()).as("started by quote's end action").isEqualTo(AnchorKind.START);
    }

    @ParameterizedTest(name = "offset ''{0}''")
    @CsvSource(delimiter = ';', value = {
            "+2h;PT2H;;",
            "+30min;PT30M;;",
            "+1h30min;PT1H30M;;",
            "+0;PT0S;;",
            "'';PT0S;;",
            "day 3;;3;",
            "day 0;;0;",
            "day 1 at 10:00;;1;10:00",
            "Day 7 at 9:30;;7;09:30",
            "at 21:00;;0;21:00"})
    void offsets_areExactDurationsOrLocalDaysWithAClockTime(String cell, String exact, Integer days, String at) {
        SopTable table = table(HEADER + "s,a,,,,,,,,event:FRIEND_ADDED," + cell + ",follow_up,x.y,,,,,,\n");

        SopStep.Offset offset = table.steps().get(0).offset();
        assertThat(offset.exact()).isEqualTo(Optional.ofNullable(exact).map(Duration::parse));
        assertThat(offset.days()).isEqualTo(Optional.ofNullable(days));
        assertThat(offset.at()).isEqualTo(Optional.ofNullable(at).map(LocalTime::parse));
    }

    @ParameterizedTest(name = "anchor ''{0}''")
    @CsvSource({
            "event:price_inquiry,EVENT,PRICE_INQUIRY",
            "stage:dormant,STAGE,DORMANT",
            "date:03-08,DATE,03-08",
            "weekday:TUE,WEEKDAY,TUESDAY",
            "weekday:周四,WEEKDAY,THURSDAY",
            "holiday:MID_AUTUMN,HOLIDAY,MID_AUTUMN",
            "term:清明,SOLAR_TERM,清明"})
    void anchors_ofEveryKind(String cell, AnchorKind kind, String value) {
        SopTable table = table(HEADER + "s,a,,,,,,,," + cell + ",at 10:00,follow_up,x.y,,,,,,\n");

        assertThat(table.steps().get(0).anchor().kind()).isEqualTo(kind);
        assertThat(table.steps().get(0).anchor().value()).isEqualTo(value);
    }

    @Test
    void aWeekdayAnchor_givesItsDayOfWeek() {
        assertThat(table(HEADER + "s,a,,,,,,,,weekday:fri,at 10:00,follow_up,x.y,,,,,,\n").steps().get(0).anchor().weekday())
                .isEqualTo(DayOfWeek.FRIDAY);
    }

    @ParameterizedTest(name = "''{0}'' in column {1}")
    @CsvSource(delimiter = ';', value = {
            "s,a,,,,,,,,event:FRIEND_ADDED,day three,follow_up,x.y,,,,,,;11;column 'offset': cannot read 'day three'",
            "s,a,,,,,,,,event:FRIEND_ADDED,+2 hours,follow_up,x.y,,,,,,;11;column 'offset': cannot read '+2 hours'",
            "s,a,,,,,,,,event:FRIEND_ADDED,day 1 at 25:00,follow_up,x.y,,,,,,;11;column 'offset': '25:00' is not a time of day",
            "s,a,LOYAL,,,,,,,event:FRIEND_ADDED,,follow_up,x.y,,,,,,;3;column 'engagement': unknown value 'LOYAL'",
            "s,a,,ADULT,,,,,,event:FRIEND_ADDED,,follow_up,x.y,,,,,,;4;column 'stage': unknown value 'ADULT'",
            "s,a,,,,,,,city,event:FRIEND_ADDED,,follow_up,x.y,,,,,,;9;column 'attributes': expected name=value",
            "s,a,,,,,,,,FRIEND_ADDED,,follow_up,x.y,,,,,,;10;column 'anchor': expected event:TYPE",
            "s,a,,,,,,,,date:02-30,,follow_up,x.y,,,,,,;10;column 'anchor': '02-30' is not a date MM-DD",
            "s,a,,,,,,,,weekday:someday,,follow_up,x.y,,,,,,;10;column 'anchor': unknown weekday 'someday'",
            "s,a,,,,,,,,term:QINGMING,,follow_up,x.y,,,,,,;10;column 'anchor': unknown solar term 'QINGMING'",
            "s,a,,,,,,,,step:nope,,follow_up,x.y,,,,,,;10;column 'anchor': no step 'nope' in SOP 's'",
            "s,a,,,,,,,,event:FRIEND_ADDED,,,x.y,,,,,,;12;column 'kind': empty",
            "s,a,,,,,,,,event:FRIEND_ADDED,,follow_up,,,,,,,;13;column 'script': empty",
            "s,a,,,,,,,,event:FRIEND_ADDED,,follow_up,x.y,,wechat,,,,;15;column 'channel': expected 1v1, group or moments",
            "s,a,,,,,,,,event:FRIEND_ADDED,,follow_up,x.y,,,,,twice,;18;column 'reentry': expected once, always or after N days",
            "s,a,,,,,,,,event:FRIEND_ADDED,,follow_up,x.y,,,,,,tag:x;19;column 'end_action': expected add_tag:TAG",
            "s,a,,,,,,,,event:FRIEND_ADDED,,follow_up,x.y,,,,,,start_sop:missing;19;column 'end_action': no SOP 'missing'",
            "s b,a,,,,,,,,event:FRIEND_ADDED,,follow_up,x.y,,,,,,;1;column 'sop': an id is letters"})
    void aBadCell_isReportedWithFileRowAndColumn(String row, int column, String message) {
        assertThat(problems(HEADER + row + "\n")).singleElement().asString()
                .startsWith("weekly.sop.csv:2:" + column + ": " + message);
    }

    private static final String KEYED = "sop,step,anchor,kind,script,params,key,exit_on\n";

    @Test
    void anEventAnchor_mayNameSeveralTypes_andTheStepStartsOnEach() {
        SopStep step = table(KEYED + "q,a,event:price_inquiry|QUOTE_SENT,follow_up,x.y,,,\n").steps().get(0);

        assertThat(step.anchor().value()).isEqualTo("PRICE_INQUIRY|QUOTE_SENT");
        assertThat(step.anchor().isEvent("PRICE_INQUIRY")).isTrue();
        assertThat(step.anchor().isEvent("QUOTE_SENT")).isTrue();
        assertThat(step.anchor().isEvent("QUOTE")).as("a part of a type is not the type").isFalse();
        assertThat(step.startsOn("QUOTE_SENT")).isTrue();
    }

    @Test
    void theKeyTemplate_givesTheTaskKey_andTheFixedStartThatExitsCancel() {
        SopTable table = table(KEYED
                + "order,thanks,event:ORDER_PAID,order_notice,x.y,product,order/{order}/{step},\n"
                + "q,a,event:PRICE_INQUIRY,follow_up,x.y,,,ORDER_PAID\n");
        SopStep order = table.steps().get(0);
        SopStep plain = table.steps().get(1);

        assertThat(order.taskKey("c-1", "o-9")).isEqualTo("c-1/order/o-9/thanks");
        assertThat(order.keyPrefix("c-1")).isEqualTo("c-1/order/");
        assertThat(order.params()).containsExactly("product");
        assertThat(plain.key()).isEqualTo(SopStep.DEFAULT_KEY);
        assertThat(plain.taskKey("c-1", "e-1")).isEqualTo("c-1/sop/q/e-1/a");
        assertThat(plain.keyPrefix("c-1")).isEqualTo("c-1/sop/q/");
        assertThat(plain.endReason("ORDER_PAID")).isEqualTo("order paid");
    }

    @ParameterizedTest(name = "key ''{0}''")
    @CsvSource(delimiter = ';', value = {
            "cadence/{step};needs {anchor} or {order}",
            "cadence/{anchor}/{when};a key template is letters",
            "{anchor}/{step};starts with a fixed part",
            "a//{anchor};starts with a fixed part"})
    void aKeyTemplateThatCannotMakeStableDistinctKeys_isRefusedAtItsCell(String key, String message) {
        assertThat(problems(KEYED + "q,a,event:PRICE_INQUIRY,follow_up,x.y,," + key + ",\n")).singleElement().asString()
                .startsWith("weekly.sop.csv:2:7: column 'key': ").contains(message);
    }

    @Test
    void stepsOfOneSop_needOneFixedKeyStart_andDistinctKeys() {
        assertThat(problems(KEYED
                + "q,a,event:PRICE_INQUIRY,follow_up,x.y,,cadence/{anchor}/{step},\n"
                + "q,b,event:PRICE_INQUIRY,follow_up,x.y,,touch/{anchor}/{step},\n"
                + "r,c,event:PRICE_INQUIRY,follow_up,x.y,,same/{anchor},\n"
                + "r,d,event:QUOTE_SENT,follow_up,x.y,,same/{anchor},\n"))
                .satisfiesExactly(
                        first -> assertThat(first).startsWith("weekly.sop.csv:3:7: column 'key': the steps of one SOP need keys "
                                + "with the same fixed start"),
                        second -> assertThat(second).startsWith("weekly.sop.csv:5:7: column 'key': steps r/c and r/d would make "
                                + "the same task key"));
    }

    @Test
    void aParamThatIsNotAnAttributeName_isRefusedAtItsCell() {
        assertThat(problems(KEYED + "q,a,event:PRICE_INQUIRY,follow_up,x.y,product 商品,,\n")).singleElement().asString()
                .startsWith("weekly.sop.csv:2:6: column 'params': '商品' is not an attribute name");
    }

    @Test
    void everyProblemOfATable_isReportedAtOnce_inRowOrder() {
        assertThat(problems(HEADER
                + "s,a,,,,,,,,event:FRIEND_ADDED,day x,follow_up,x.y,,,,,,\n"
                + "s,b,,,,,,,,moon:FULL,,follow_up,x.y,,,,,,\n"))
                .hasSize(2).satisfiesExactly(
                        first -> assertThat(first).startsWith("weekly.sop.csv:2:11:"),
                        second -> assertThat(second).startsWith("weekly.sop.csv:3:10:"));
    }

    @Test
    void anUnknownOrMissingColumn_isReportedOnTheHeader() {
        assertThat(problems("sop,step,anchor,kind,script,delay\ns,a,event:X,follow_up,x.y,2\n")).singleElement().asString()
                .startsWith("weekly.sop.csv:1:6: unknown column 'delay'");
        assertThat(problems("sop,step,anchor,kind\ns,a,event:X,follow_up\n")).singleElement().asString()
                .startsWith("weekly.sop.csv:1:0: missing column 'script'");
    }

    @Test
    void stepsAnchoredOnEachOtherInACycle_areRefused() {
        assertThat(problems(HEADER
                + "s,a,,,,,,,,step:b,+1h,follow_up,x.y,,,,,,\n"
                + "s,b,,,,,,,,step:a,+1h,follow_up,x.y,,,,,,\n"))
                .hasSize(2).allSatisfy(p -> assertThat(p).contains("column 'anchor': steps anchored on each other in a cycle"));
    }

    @Test
    void sopsStartingEachOtherInACycle_areRefused() {
        assertThat(problems(HEADER
                + "s,a,,,,,,,,start,,follow_up,x.y,,,,,,start_sop:t\n"
                + "t,a,,,,,,,,start,,follow_up,x.y,,,,,,start_sop:s\n"))
                .hasSize(2).first().asString().contains("SOPs start each other in a cycle: s -> t -> s");
    }

    @Test
    void theSameStepTwiceInOnePack_isRefused_naming_theFirstRow() {
        assertThat(problems(HEADER
                + "s,a,,,,,,,,event:FRIEND_ADDED,,follow_up,x.y,,,,,,\n"
                + "s,a,,,,,,,,event:FRIEND_ADDED,,follow_up,x.z,,,,,,\n"))
                .singleElement().asString().isEqualTo("weekly.sop.csv:3:2: column 'step': step 's/a' is already defined at "
                        + "weekly.sop.csv:2");
    }

    @Test
    void aLaterPack_replacesARowByItsIds_addsNewRows_andRemovesOneWithEnabledNo() {
        RulePack defaults = pack("default", "cadence.sop.csv", HEADER
                + "quote,same_day,,,,,,,,event:PRICE_INQUIRY,+2h,follow_up,followup.same_day,,,,,,\n"
                + "quote,day3,,,,,,,,event:PRICE_INQUIRY,day 3,follow_up,followup.day3,,,,,,\n"
                + "quote,day7,,,,,,,,event:PRICE_INQUIRY,day 7,follow_up,followup.day7,,,,,,\n");
        RulePack shop = pack("shop", "cadence.sop.csv", "sop,step,tags,anchor,offset,kind,script,enabled\n"
                + "quote,day3,,event:PRICE_INQUIRY,day 2,follow_up,followup.day3,\n"
                + "quote,day7,,event:PRICE_INQUIRY,day 7,follow_up,followup.day7,no\n"
                + "quote,store,渠道/来源/STORE,event:PRICE_INQUIRY,day 1 at 10:00,follow_up,followup.store,\n");

        SopTable table = SopTable.of(List.of(defaults, shop));

        assertThat(table.steps()).extracting(SopStep::id).containsExactly("quote/same_day", "quote/day3", "quote/store");
        assertThat(table.steps().get(1).offset().days()).contains(2);
        assertThat(table.steps().get(1).source()).isEqualTo("cadence.sop.csv:2");
        assertThat(table.steps().get(2).audience().tags()).containsExactly("渠道/来源/STORE");
    }

    @Test
    void aWorkbook_givesTheSameStepsAsTheCsv_withTheSheetInItsLocations() throws IOException {
        String csv = HEADER
                + "quote,same_day,,,,,,,,event:PRICE_INQUIRY,+2h,follow_up,followup.same_day,,,ORDER_PAID,,,\n"
                + "quote,day3,QUOTED,,,,,,,event:PRICE_INQUIRY,day 3 at 10:00,follow_up,followup.day3,,,ORDER_PAID,,once,\n";
        byte[] xlsx = workbook(csv);

        SopTable fromCsv = table(csv);
        SopTable fromXlsx = SopTable.of(List.of(RulePack.of("ops", List.of(new RuleResource("weekly.sop.xlsx", xlsx)))));

        assertThat(fromXlsx.steps()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("source")
                .isEqualTo(fromCsv.steps());
        assertThat(fromXlsx.steps().get(0).source()).isEqualTo("weekly.sop.xlsx!SOP:2");

        byte[] bad = workbook(HEADER + "quote,x,,,,,,,,event:PRICE_INQUIRY,day three,follow_up,f.x,,,,,,\n");
        RulePackException e = catchThrowableOfType(RulePackException.class,
                () -> SopTable.of(List.of(RulePack.of("ops", List.of(new RuleResource("weekly.sop.xlsx", bad))))));
        assertThat(e.diagnostics()).singleElement().asString().startsWith("weekly.sop.xlsx!SOP:2:11: column 'offset'");
    }

    @Test
    void referencesToScriptsKindsAndTags_areCheckedAgainstTheCatalogs_atTheirCells() {
        SopTable table = table(HEADER
                + "s,a,,,,渠道/来源/STORE,,,,event:FRIEND_ADDED,,call,followup.dayx,,,,,,add_tag:wrong\n");

        List<Diagnostic> problems = table.checkReferences(Set.of("followup.day3")::contains, Set.of("FOLLOW_UP")::contains,
                tag -> tag.contains("/") ? Optional.empty() : Optional.of("'" + tag + "' is not a tag"));

        assertThat(problems).extracting(Diagnostic::toString).containsExactly(
                "weekly.sop.csv:2:12: column 'kind': unknown task kind 'CALL'",
                "weekly.sop.csv:2:13: column 'script': unknown script 'followup.dayx'",
                "weekly.sop.csv:2:19: column 'end_action': 'wrong' is not a tag");
    }

    private static byte[] workbook(String csv) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("#notes").createRow(0).createCell(0).setCellValue("not an SOP");
            Sheet sheet = workbook.createSheet("SOP");
            String[] lines = csv.split("\n");
            for (int r = 0; r < lines.length; r++) {
                Row row = sheet.createRow(r);
                String[] cells = lines[r].split(",", -1);
                for (int c = 0; c < cells.length; c++) {
                    if (!cells[c].isEmpty()) {
                        row.createCell(c).setCellValue(cells[c]);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
