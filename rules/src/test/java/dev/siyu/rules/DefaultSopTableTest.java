package dev.siyu.rules;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.Tag;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import dev.siyu.sop.SopStep;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default playbook's follow-up sequences are the SOP table {@code default.sop.csv}: what an
 * operations team changes by layering a table of the same name, without Java or rule files.
 */
class DefaultSopTableTest {
    private static final SiyuEngine DEFAULT = SiyuEngine.builder().build();
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");
    private static final String HEADER = "sop,step,tags,anchor,offset,kind,script,params,exit_on,restart_on,key\n";

    private static SiyuEngine layered(String table) {
        return SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.of("ops", Map.of("default.sop.csv", table))).build();
    }

    private static Decision inquiry(SiyuEngine engine, Customer customer) {
        return engine.evaluate(customer, List.of(Touchpoint.of("e1", "PRICE_INQUIRY", T).with("product", "日抛")),
                T.plusMinutes(30));
    }

    private static Task task(Decision decision, String key) {
        return decision.tasks().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow(
                () -> new AssertionError("no task " + key + " in " + decision.tasks()));
    }

    @Test
    void theDefaultCadence_isTheTablesRows_withTheKeysItsRulesAlwaysGave() {
        Decision decision = inquiry(DEFAULT, Customer.of("c-1"));

        assertThat(decision.tasks()).extracting(Task::key)
                .containsExactly("c-1/cadence/e1/same_day", "c-1/cadence/e1/day3", "c-1/cadence/e1/day7");
        assertThat(task(decision, "c-1/cadence/e1/day3").rule()).isEqualTo("SOP cadence/day3 (default.sop.csv:10)");
        assertThat(task(decision, "c-1/cadence/e1/day3").text()).as("the product reaches the script")
                .hasValueSatisfying(text -> assertThat(text).contains("日抛"));
        assertThat(DEFAULT.sopTable().steps()).extracting(SopStep::id).contains("cadence/same_day", "cadence/intent_day3",
                "order/thanks", "order/referral", "activation/silent");
    }

    @Test
    void editingDay3ToDay2_inALayeredTableOfTheSameName_movesTheSecondTouch_andTheOtherRowsStay() {
        SiyuEngine engine = layered(HEADER
                + "cadence,day3,,event:PRICE_INQUIRY|QUOTE_SENT,day 2,FOLLOW_UP,followup.day3,product,ORDER_PAID,"
                + "PRICE_INQUIRY QUOTE_SENT,cadence/{anchor}/{step}\n");

        Decision decision = inquiry(engine, Customer.of("c-1"));

        assertThat(task(decision, "c-1/cadence/e1/day3").dueAt()).isEqualTo(OffsetDateTime.parse("2026-03-04T10:00:00+08:00"));
        assertThat(task(decision, "c-1/cadence/e1/same_day").dueAt()).isEqualTo(OffsetDateTime.parse("2026-03-02T12:00:00+08:00"));
        assertThat(task(decision, "c-1/cadence/e1/day7").dueAt()).isEqualTo(OffsetDateTime.parse("2026-03-09T10:00:00+08:00"));
    }

    @Test
    void aNewRowForStoreCustomers_addsAStepForThemOnly_andAPaidOrderEndsIt() {
        SiyuEngine engine = layered(HEADER
                + "cadence,store_visit,渠道/来源/STORE,event:PRICE_INQUIRY|QUOTE_SENT,day 1 at 15:00,FOLLOW_UP,followup.day3,"
                + "product,ORDER_PAID,PRICE_INQUIRY QUOTE_SENT,cadence/{anchor}/{step}\n");
        Customer store = Customer.builder("c-store").source("STORE").tags(List.of(Tag.parse("渠道/来源/STORE"))).build();

        Decision forStore = inquiry(engine, store);
        Decision forOthers = inquiry(engine, Customer.of("c-ad"));
        Decision paid = engine.evaluate(forStore.customer(), List.of(Touchpoint.of("e2", "ORDER_PAID", T.plusHours(1))
                .with("orderId", "o-1").with("amount", "99")), T.plusHours(1));

        assertThat(task(forStore, "c-store/cadence/e1/store_visit").dueAt())
                .isEqualTo(OffsetDateTime.parse("2026-03-03T15:00:00+08:00"));
        assertThat(forOthers.tasks()).extracting(Task::key).doesNotContain("c-ad/cadence/e1/store_visit");
        assertThat(paid.actions(dev.siyu.action.CancelTask.class)).extracting(c -> c.key() + " " + c.reason())
                .contains("c-store/cadence/e1/store_visit order paid");
    }

    @Test
    void aRowSwitchedOff_withEnabledNo_isNoLongerATask() {
        SiyuEngine engine = layered("sop,step,anchor,kind,script,enabled\n"
                + "order,review,event:DELIVERED,CARE,care.review,no\n");

        Decision decision = engine.evaluate(Customer.of("c-1"),
                List.of(Touchpoint.of("e1", "DELIVERED", T).with("orderId", "o-1").with("product", "日抛")), T.plusMinutes(5));

        assertThat(decision.tasks()).extracting(Task::key).contains("c-1/order/o-1/usage", "c-1/order/o-1/referral")
                .doesNotContain("c-1/order/o-1/review");
    }

    @Test
    void aSolarTermStep_startsOnTheTermsDay_andNotTheDayBefore() {
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.of("ops", Map.of(
                "terms.sop.csv", "sop,step,anchor,offset,kind,script,params\nterms,dongzhi,term:冬至,at 10:00,CARE,care.solar_term,term\n")))
                .build();
        Customer friend = Customer.builder("c-1").addedAt(OffsetDateTime.parse("2026-12-01T10:00:00+08:00")).build();

        Decision dayBefore = engine.evaluate(friend, List.of(), OffsetDateTime.parse("2026-12-21T08:00:00+08:00"));
        Decision dongzhi = engine.evaluate(friend, List.of(), OffsetDateTime.parse("2026-12-22T08:00:00+08:00"));

        assertThat(dayBefore.tasks()).extracting(Task::key).noneMatch(k -> k.contains("/sop/terms/"));
        assertThat(dongzhi.tasks()).filteredOn(t -> t.key().contains("/sop/terms/")).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo("c-1/sop/terms/2026-12-22/dongzhi");
            assertThat(t.dueAt()).isEqualTo(OffsetDateTime.parse("2026-12-22T10:00:00+08:00"));
            assertThat(t.text()).hasValueSatisfying(text -> assertThat(text).contains("冬至"));
        });
    }
}
