package dev.siyu.report;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsReportTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FROM = LocalDate.of(2026, 8, 1);
    private static final LocalDate TO = LocalDate.of(2026, 8, 14);

    private static OffsetDateTime at(String time) {
        return OffsetDateTime.parse(time + "+08:00");
    }

    /** Three friends of sales-01 and sales-02, evaluated event by event as a host would, activity recorded. */
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();

    private static OperationsReport report() {
        SiyuEngine engine = ENGINE;
        Activity activity = new Activity();
        List<Customer> states = List.of(
                run(engine, activity, Customer.builder("a").owner("sales-01").source("AD").addedAt(at("2026-07-25T10:00")).build(),
                        List.of(Touchpoint.of("a1", "FRIEND_ADDED", at("2026-07-25T10:00")),
                                Touchpoint.of("a2", "ORDER_PAID", at("2026-07-28T10:00")).with("orderId", "o1").with("amount", "80.00"),
                                Touchpoint.of("a3", "ORDER_PAID", at("2026-08-03T10:00")).with("orderId", "o2").with("amount", "120.00"))),
                run(engine, activity, Customer.builder("b").owner("sales-01").source("STORE").addedAt(at("2026-08-02T10:00")).build(),
                        List.of(Touchpoint.of("b1", "FRIEND_ADDED", at("2026-08-02T10:00")),
                                Touchpoint.of("b2", "MESSAGE_SENT", at("2026-08-02T10:05")),
                                Touchpoint.of("b3", "MESSAGE_RECEIVED", at("2026-08-09T10:00")),
                                Touchpoint.of("b4", "ORDER_PAID", at("2026-08-10T10:00")).with("orderId", "o3").with("amount", "300.00"))),
                run(engine, activity, Customer.builder("c").owner("sales-02").source("AD").addedAt(at("2026-08-10T10:00")).build(),
                        List.of(Touchpoint.of("c1", "FRIEND_ADDED", at("2026-08-10T10:00")),
                                Touchpoint.of("c2", "PRICE_INQUIRY", at("2026-08-11T10:00")))),
                run(engine, activity, Customer.builder("d").owner("sales-02").source("AD").addedAt(at("2026-08-20T10:00")).build(),
                        List.of()));
        return OperationsReport.of(states, activity, FROM, TO, SHANGHAI);
    }

    private static Customer run(SiyuEngine engine, Activity activity, Customer customer, List<Touchpoint> events) {
        Customer state = customer;
        for (Touchpoint event : events) {
            Decision decision = engine.evaluate(state, List.of(event), event.at());
            activity.record(List.of(event), decision);
            state = decision.customer();
        }
        Decision sweep = engine.evaluate(state, List.of(), at("2026-08-14T20:00"));
        activity.record(List.of(), sweep);
        return sweep.customer();
    }

    @Test
    void thePeriodIsComparedWithThePreviousOneOfEqualLength() {
        OperationsReport report = report();

        assertThat(report.previous().from()).isEqualTo(LocalDate.of(2026, 7, 18));
        assertThat(report.previous().to()).isEqualTo(LocalDate.of(2026, 7, 31));
        assertThat(report.current()).satisfies(p -> {
            assertThat(p.newFriends()).isEqualTo(2);
            assertThat(p.newBuyers()).isEqualTo(1);
            assertThat(p.orders()).isEqualTo(2);
            assertThat(p.gmv().amount()).isEqualByComparingTo("420.00");
        });
        assertThat(report.previous()).satisfies(p -> {
            assertThat(p.newFriends()).isEqualTo(1);
            assertThat(p.newBuyers()).isEqualTo(1);
            assertThat(p.orders()).isEqualTo(1);
            assertThat(p.gmv().amount()).isEqualByComparingTo("80.00");
        });
    }

    @Test
    void ownersGetTheirCustomersWorkAndResponseTimes() {
        OperationsReport report = report();

        assertThat(report.owners()).extracting(OperationsReport.OwnerRow::owner).containsExactly("sales-01", "sales-02");
        OperationsReport.OwnerRow first = report.owners().get(0);
        assertThat(first.customers()).isEqualTo(2);
        assertThat(first.buyers()).isEqualTo(2);
        assertThat(first.gmv().amount()).isEqualByComparingTo("420.00");
        assertThat(first.greetings()).contains(1); // a's greeting was due in July
        assertThat(first.greetingsOverdue()).contains(0);
        assertThat(first.repliesOwed()).contains(1);
        assertThat(first.repliesOverdue()).contains(1);
        assertThat(first.replySla()).contains(new BigDecimal("0.0000"));
        OperationsReport.OwnerRow second = report.owners().get(1);
        assertThat(second.customers()).as("d was added after the period").isEqualTo(1);
        assertThat(second.greetingSla()).contains(new BigDecimal("0.0000"));
    }

    @Test
    void withoutTheRunsDecisionsThereIsNoSlaButStillTheWork() {
        OperationsReport withActivity = report();

        OperationsReport states = OperationsReport.of(List.of(), new Activity(), FROM, TO, SHANGHAI);

        assertThat(states.owners()).isEmpty();
        assertThat(withActivity.owners()).allSatisfy(o -> assertThat(o.tasks()).isPositive());
    }

    @Test
    void sourcesCohortsAndTheFunnelOverTimeComeFromTheStates() {
        OperationsReport report = report();

        assertThat(report.sources()).extracting(OperationsReport.SourceRow::source, OperationsReport.SourceRow::friends,
                OperationsReport.SourceRow::buyers).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AD", 2, 1), org.assertj.core.groups.Tuple.tuple("STORE", 1, 1));
        assertThat(report.weeks()).extracting(OperationsReport.WeekPoint::day)
                .containsExactly(LocalDate.of(2026, 8, 7), LocalDate.of(2026, 8, 14));
        assertThat(report.weeks().get(0)).satisfies(w -> {
            assertThat(w.friends()).isEqualTo(2);
            assertThat(w.buyers()).isEqualTo(1);
            assertThat(w.repeat()).as("a's second order on 08-03").isEqualTo(1);
        });
        assertThat(report.weeks().get(1)).satisfies(w -> {
            assertThat(w.friends()).isEqualTo(3);
            assertThat(w.quoted()).isEqualTo(3);
            assertThat(w.buyers()).isEqualTo(2);
        });
        assertThat(report.cohorts()).extracting(OperationsReport.CohortRow::week, OperationsReport.CohortRow::added)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 8, 1), 1),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 8, 8), 1));
        assertThat(report.cohorts().get(0).bought()).isEqualByComparingTo("1");
        assertThat(report.conversion()).first().satisfies(c -> {
            assertThat(c.fromCount()).isEqualTo(3);
            assertThat(c.toCount()).isEqualTo(3);
        });
    }

    @Test
    void ordersPrunedPastTheRetentionStillCountAsHavingBought() {
        Customer archived = SiyuJson.readCustomer("""
                {"id": "x", "addedAt": "2024-01-01T10:00:00+08:00", "engagement": "REPEAT",
                 "memory": {"archivedOrders": {"paidCount": 2, "firstPaidAt": "2024-02-01T10:00:00+08:00"}}}
                """);

        Milestones milestones = Milestones.of(archived);

        assertThat(milestones.firstOrder()).contains(OffsetDateTime.parse("2024-02-01T10:00:00+08:00"));
        assertThat(milestones.stepAt(OffsetDateTime.parse("2026-01-01T00:00:00+08:00"))).isEqualTo(4);
    }

    @Test
    void theTextHasThousandsSeparatorsAndTheSameBytesEachTime() {
        assertThat(report().toText()).isEqualTo(report().toText()).contains("¥420.00");
        assertThat(OperationsReport.count(1_234_567)).isEqualTo("1,234,567");
    }
}
