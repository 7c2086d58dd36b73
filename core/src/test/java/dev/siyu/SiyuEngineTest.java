package dev.siyu;

import dev.siyu.action.Alert;
import dev.siyu.action.CancelTask;
import dev.siyu.action.EngagementChanged;
import dev.siyu.action.TagAdded;
import dev.siyu.action.Task;
import dev.siyu.error.InputException;
import dev.siyu.error.SiyuException;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.siyu.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SiyuEngineTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().rules(Fixtures.pack("semantics.drl")).build();

    private static Touchpoint inquiry(String id, String time) {
        return Touchpoint.of(id, "PRICE_INQUIRY", at(time));
    }

    private static Touchpoint order(String id, String time) {
        return Touchpoint.of(id, "ORDER_PAID", at(time)).with("orderId", "o-" + id).with("amount", "99.00");
    }

    private static Touchpoint message(String id, String time) {
        return Touchpoint.of(id, "MESSAGE_RECEIVED", at(time));
    }

    @Test
    void everyActionNamesTheRuleThatProducedIt() {
        var decision = ENGINE.evaluate(Customer.of("c-1"), List.of(inquiry("e1", "2026-03-02T10:00")), at("2026-03-02T10:30"));

        assertThat(decision.tasks()).extracting(Task::key, Task::dueAt, Task::rule).containsExactly(
                tuple("c-1/touch/e1", at("2026-03-02T12:02"), "inquiry: a touch two hours and two minutes later"));
    }

    @Test
    void eventsAreAppliedInTimeOrderWhateverOrderTheyArriveIn() {
        // The order at 11:00 comes first in the list, but is applied after the inquiry at 09:00:
        // the touch due at 11:02 is still pending then, so the order cancels it.
        var decision = ENGINE.evaluate(Customer.of("c-1"),
                List.of(order("e2", "2026-03-02T11:00"), inquiry("e1", "2026-03-02T09:00")), at("2026-03-02T12:00"));

        assertThat(Fixtures.scripts(decision)).containsExactly("thanks");
        assertThat(decision.actions(CancelTask.class)).isEmpty(); // scheduled and cancelled in one evaluation: nowhere
    }

    @Test
    void pendingIsJudgedAtTheTimeOfTheCancellingEvent() {
        // The touch is due at 11:02; the order at 11:05 comes after it is due, so it stays the host's.
        var decision = ENGINE.evaluate(Customer.of("c-1"),
                List.of(inquiry("e1", "2026-03-02T09:00"), order("e2", "2026-03-02T11:05")), at("2026-03-02T12:00"));

        assertThat(Fixtures.scripts(decision)).containsExactly("touch", "thanks");
    }

    @Test
    void aPendingTaskFromAnEarlierEvaluationIsCancelledByKey() {
        var first = ENGINE.evaluate(Customer.of("c-1"), List.of(inquiry("e1", "2026-03-02T09:00")), at("2026-03-02T09:30"));

        var second = ENGINE.evaluate(first.customer(), List.of(order("e2", "2026-03-02T10:00")), at("2026-03-02T10:05"));

        assertThat(second.actions(CancelTask.class)).extracting(CancelTask::key, CancelTask::reason, CancelTask::rule)
                .containsExactly(tuple("c-1/touch/e1", "order paid", "order: cancels every pending follow-up"));
        assertThat(second.customer().memory().pendingTasks()).isEmpty();
    }

    @Test
    void aDuplicateEventChangesNothingAndYieldsNoAction() {
        var first = ENGINE.evaluate(Customer.of("c-1"), List.of(message("e1", "2026-03-02T09:00")), at("2026-03-02T09:30"));

        var again = ENGINE.evaluate(first.customer(), List.of(message("e1", "2026-03-02T09:00")), at("2026-03-02T09:40"));

        assertThat(again.actions()).isEmpty();
        assertThat(again.customer().memory().touchpoints().get("MESSAGE_RECEIVED").count()).isEqualTo(1);
    }

    @Test
    void anEventTwiceInOneBatchCountsOnce() {
        var decision = ENGINE.evaluate(Customer.of("c-1"),
                List.of(message("e1", "2026-03-02T09:00"), message("e1", "2026-03-02T09:00")), at("2026-03-02T09:30"));

        assertThat(decision.actions(Alert.class)).hasSize(1);
        assertThat(decision.customer().memory().touchpoints().get("MESSAGE_RECEIVED").count()).isEqualTo(1);
    }

    @Test
    void aFutureEventRefusesTheWholeInputNamingCustomerAndEvent() {
        var customer = Customer.of("c-9");

        assertThatThrownBy(() -> ENGINE.evaluate(customer,
                List.of(message("e1", "2026-03-02T09:00"), message("e2", "2026-03-02T11:00")), at("2026-03-02T10:00")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("customer c-9, event e2")
                .hasMessageContaining("later than the evaluation time");
    }

    @Test
    void aLateEventIsAppliedAsIfItHadComeInOrder() {
        var first = ENGINE.evaluate(Customer.of("c-1"), List.of(order("e2", "2026-03-05T10:00")), at("2026-03-05T10:00"));

        var late = ENGINE.evaluate(first.customer(), List.of(order("e1", "2026-03-01T10:00")), at("2026-03-06T10:00"));

        assertThat(late.customer().memory().orders()).extracting(o -> o.orderId()).containsExactly("o-e1", "o-e2");
        assertThat(late.actions(TagAdded.class)).extracting(a -> a.tag().toString()).containsExactly("test/orders/2");
    }

    @Test
    void anOrderWithoutAmountIsRefusedNamingTheAttribute() {
        var noAmount = Touchpoint.of("e1", "ORDER_PAID", at("2026-03-02T09:00")).with("orderId", "o1");

        assertThatThrownBy(() -> ENGINE.evaluate(Customer.of("c-1"), List.of(noAmount), at("2026-03-02T10:00")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("customer c-1, event e1: ORDER_PAID needs attribute 'amount'");
    }

    @Test
    void reEvaluatingTheReturnedStateAtTheSameTimeYieldsNothing() {
        var first = ENGINE.evaluate(Customer.of("c-1"),
                List.of(inquiry("e1", "2026-03-02T09:00"), message("e2", "2026-03-02T09:10")), at("2026-03-02T09:30"));

        var again = ENGINE.evaluate(first.customer(), List.of(), at("2026-03-02T09:30"));

        assertThat(first.actions()).isNotEmpty();
        assertThat(again.actions()).isEmpty();
        assertThat(again.customer()).isEqualTo(first.customer());
    }

    @Test
    void engagementChangesAreReportedAsTheNetChangeWithTheirRule() {
        var decision = ENGINE.evaluate(Customer.of("c-1"), List.of(message("e1", "2026-03-02T09:00")), at("2026-03-02T09:30"));

        assertThat(decision.actions(EngagementChanged.class)).containsExactly(
                new EngagementChanged(Engagement.SILENT, Engagement.CONVERSING, "any inbound: conversing"));
        assertThat(decision.customer().engagement()).isEqualTo(Engagement.CONVERSING);
    }

    @Test
    void theSameInputGivesTheSameOutputByteForByte() {
        List<Touchpoint> events = List.of(message("e3", "2026-03-02T09:05"), order("e2", "2026-03-02T09:03"),
                inquiry("e1", "2026-03-02T09:00"));

        String one = SiyuJson.write(ENGINE.evaluate(Customer.of("c-1"), events, at("2026-03-02T12:00")));
        String two = SiyuJson.write(ENGINE.evaluate(Customer.of("c-1"), List.of(events.get(2), events.get(0), events.get(1)),
                at("2026-03-02T12:00")));

        assertThat(one).isEqualTo(two);
    }

    @Test
    void timesComeOutInTheCustomersZone() {
        var london = Customer.builder("c-uk").zone(java.time.ZoneId.of("Europe/London")).build();

        var decision = ENGINE.evaluate(london, List.of(inquiry("e1", "2026-03-02T18:00")), at("2026-03-02T18:30"));

        assertThat(decision.evaluatedAt()).hasToString("2026-03-02T10:30Z");
        assertThat(decision.tasks().get(0).dueAt()).hasToString("2026-03-02T12:02Z");
    }

    @Test
    void aTaskDueByTheEvaluationTimeLeavesThePendingListForTheSentLog() {
        var first = ENGINE.evaluate(Customer.of("c-1"), List.of(inquiry("e1", "2026-03-02T09:00")), at("2026-03-02T09:30"));

        var later = ENGINE.evaluate(first.customer(), List.of(), at("2026-03-02T12:00"));

        assertThat(later.actions()).isEmpty();
        assertThat(later.customer().memory().pendingTasks()).isEmpty();
        assertThat(later.customer().memory().sentTasks()).extracting(t -> t.key()).containsExactly("c-1/touch/e1");
    }

    @Test
    void memoryStaysBoundedOverYearsOfEvents() {
        Customer customer = Customer.of("c-long");
        OffsetDateTime day = at("2022-01-01T10:00");
        for (int i = 0; i < 5 * 365; i++) {
            OffsetDateTime time = day.plusDays(i);
            List<Touchpoint> events = new ArrayList<>();
            events.add(Touchpoint.of("m" + i, "MESSAGE_RECEIVED", time));
            if (i % 30 == 0) {
                events.add(Touchpoint.of("o" + i, "ORDER_PAID", time.plusMinutes(1)).with("orderId", "o" + i).with("amount", "10"));
            }
            customer = ENGINE.evaluate(customer, events, time.plusMinutes(5)).customer();
        }

        var memory = customer.memory();
        assertThat(memory.processedEvents()).hasSizeLessThanOrEqualTo(400 + 14);
        assertThat(memory.orders()).hasSizeLessThanOrEqualTo(14);
        assertThat(memory.archivedOrders()).hasValueSatisfying(a -> assertThat(a.paidCount()).isGreaterThan(45));
        assertThat(memory.horizon()).isPresent();
        assertThat(SiyuJson.write(customer).length()).isLessThan(64 * 1024);
        // the count of orders survives the archive: engagement stays right
        int paid = memory.archivedOrders().get().paidCount() + memory.orders().size();
        assertThat(paid).isEqualTo((5 * 365 + 29) / 30);
    }

    @Test
    void anEventOlderThanTheHorizonIsTreatedAsAlreadyProcessed() {
        var engine = SiyuEngine.builder().rules(Fixtures.pack("semantics.drl")).retention(Duration.ofDays(10)).build();
        var first = engine.evaluate(Customer.of("c-1"), List.of(message("e1", "2026-01-01T10:00")), at("2026-03-01T10:00"));

        var replay = engine.evaluate(first.customer(), List.of(message("e1", "2026-01-01T10:00")), at("2026-03-01T11:00"));

        assertThat(first.customer().memory().processedEvents()).isEmpty();
        assertThat(replay.actions()).isEmpty();
    }

    @Test
    void brokenRuleFilesFailTheBuildWithEveryProblemAsFileLineColumn() {
        var builder = SiyuEngine.builder().rules(Fixtures.pack("semantics.drl", "broken.drl", "misspelled.drl"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(RulePackException.class)
                .hasMessageStartingWith("3 errors in rule pack 'fixtures'")
                .satisfies(e -> assertThat(((RulePackException) e).diagnostics())
                        .extracting(d -> d.file() + ":" + d.line())
                        .containsExactly("broken.drl:9", "misspelled.drl:7", "misspelled.drl:12")); // a consequence error points at its rule
    }

    @Test
    void aMisspelledFieldIsReportedOnItsLine() {
        String drl = """
                package fixtures.misspelled;
                import dev.siyu.fact.Profile;

                rule "misspelled"
                when
                    $p : Profile( paidOrderCont > 1 )
                then
                end
                """;
        var builder = SiyuEngine.builder().rules(RulePack.of("mine", Map.of("vip.drl", drl)));

        assertThatThrownBy(builder::build)
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).diagnostics()).singleElement().satisfies(d -> {
                    assertThat(d.file()).isEqualTo("vip.drl");
                    assertThat(d.line()).isEqualTo(6);
                    assertThat(d.message()).contains("paidOrderCont");
                }));
    }

    @Test
    void rulesThatNeverSettleStopWithAClearError() {
        var engine = SiyuEngine.builder().rules(Fixtures.pack("loop.drl")).build();

        assertThatThrownBy(() -> engine.evaluate(Customer.of("c-1"), List.of(), at("2026-03-02T10:00")))
                .isInstanceOf(SiyuException.class)
                .hasMessageContaining("customer c-1: rules did not settle");
    }

    @Test
    void evaluationsRunInParallelGiveTheSameDecisionsAsOneByOne() {
        List<Customer> customers = IntStream.range(0, 200).mapToObj(i -> Customer.of("c-" + i)).toList();
        List<Touchpoint> events = List.of(inquiry("e1", "2026-03-02T09:00"), message("e2", "2026-03-02T09:01"));

        List<String> sequential = customers.stream()
                .map(c -> SiyuJson.write(ENGINE.evaluate(c, events, at("2026-03-02T10:00")))).toList();
        List<String> parallel = customers.parallelStream()
                .map(c -> SiyuJson.write(ENGINE.evaluate(c, events, at("2026-03-02T10:00")))).toList();

        assertThat(parallel).isEqualTo(sequential);
    }
}
