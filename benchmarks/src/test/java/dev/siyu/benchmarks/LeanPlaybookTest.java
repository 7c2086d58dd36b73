package dev.siyu.benchmarks;

import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Alert;
import dev.siyu.demo.ShopGenerator;
import dev.siyu.model.Customer;
import dev.siyu.model.Tag;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean baseline decides what the default rule files decide, on what it covers (engagement,
 * stage, tier, owner, the automatic tags, SLA alerts; see {@link LeanPlaybook}), so that the
 * benchmarks compare the rules with a baseline doing the same work.
 */
class LeanPlaybookTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();
    private static final LeanPlaybook LEAN = new LeanPlaybook();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Set<String> COVERED_TAGS = Set.of("渠道/来源/", "交易/首单时间/", "交易/首单平台/",
            "交易/近30天消费/", "交易/预计复购/", "会员/身份/KOC");

    /** The part of a decision the lean baseline covers, in its terms. */
    static LeanPlaybook.Summary covered(Decision decision) {
        Customer c = decision.customer();
        List<String> tags = c.tags().stream().map(Tag::toString)
                .filter(t -> COVERED_TAGS.stream().anyMatch(t::startsWith)).sorted().toList();
        List<String> alerts = decision.actions(Alert.class).stream()
                .filter(a -> a.code().equals("GREETING_OVERDUE") || a.code().equals("REPLY_OVERDUE"))
                .map(a -> a.code() + "/" + a.eventId().orElse("")).sorted().toList();
        return new LeanPlaybook.Summary(c.engagement().name(), c.stage().name(), c.tier().name(), c.owner().orElse(""),
                tags, alerts);
    }

    private static Customer same(Customer state, LeanPlaybook.State lean, List<Touchpoint> events, OffsetDateTime now) {
        Decision rules = ENGINE.evaluate(state, events, now);
        LEAN.evaluate(lean, events, now);
        assertThat(LEAN.summary(lean)).as("customer %s at %s", state.id(), now).isEqualTo(covered(rules));
        return rules.customer();
    }

    @Test
    void aFirstImportThenASweepThenOneNewEventGiveTheSameDecisions() {
        List<EvaluationRequest> shop = new ShopGenerator(6, 3_000, LocalDate.of(2026, 8, 1), 90).generate();
        OffsetDateTime end = OffsetDateTime.parse("2026-10-30T00:00:00+08:00");
        int vip = 0;
        int churned = 0;
        int alerts = 0;
        for (EvaluationRequest request : shop) {
            Decision first = ENGINE.evaluate(request.customer(), request.events(), end);
            LeanPlaybook.State lean = LEAN.firstImport(request.customer(), request.events(), end);
            assertThat(LEAN.summary(lean)).as("first import of %s", request.customer().id()).isEqualTo(covered(first));
            alerts += covered(first).alerts().size();
            OffsetDateTime sweep = end.plusHours(8).plusMinutes(30);
            Customer state = same(first.customer(), lean, List.of(), sweep);
            OffsetDateTime later = sweep.plusHours(3);
            Touchpoint message = Touchpoint.of(request.customer().id() + "-new", "MESSAGE_RECEIVED", later.minusMinutes(1));
            state = same(state, lean, List.of(message), later);
            state = same(state, lean, List.of(), later.plusMinutes(10));
            vip += state.tier().name().equals("VIP") ? 1 : 0;
            churned += first.customer().stage().name().equals("CHURNED") ? 1 : 0;
        }
        // the sample exercises what is compared
        assertThat(vip).isPositive();
        assertThat(churned).isPositive();
        assertThat(alerts).isPositive();
    }

    @Test
    void theBenchmarkHistoriesGiveTheSameDecisionsOnFirstImportAndOnANewEvent() {
        for (int n : new int[] {1, 10, 100}) {
            for (EvaluationRequest request : Histories.firstImport(0, 60, 60, n)) {
                assertThat(request.events()).hasSize(n);
                Decision first = ENGINE.evaluate(request.customer(), request.events(), Histories.END);
                LeanPlaybook.State lean = LEAN.firstImport(request.customer(), request.events(), Histories.END);
                assertThat(LEAN.summary(lean)).as("%s with %d events", request.customer().id(), n).isEqualTo(covered(first));
                OffsetDateTime later = Histories.END.plusHours(1);
                same(first.customer(), lean, List.of(Touchpoint.of(request.customer().id() + "-n1", "MESSAGE_RECEIVED",
                        later.minusMinutes(1)).on("WECOM")), later);
            }
        }
    }

    @Test
    void aReplayDayByDayGivesTheSameDecisionsAtEveryStep() {
        LocalDate start = LocalDate.of(2026, 8, 1);
        List<EvaluationRequest> shop = new ShopGenerator(5, 150, start, 90).generate();
        for (EvaluationRequest request : shop) {
            Customer state = request.customer();
            LeanPlaybook.State lean = LEAN.state(state);
            int next = 0;
            for (LocalDate day = start; day.isBefore(start.plusDays(91)); day = day.plusDays(1)) {
                OffsetDateTime sweep = day.atTime(8, 30).atZone(SHANGHAI).toOffsetDateTime();
                while (next < request.events().size() && request.events().get(next).at().isBefore(sweep)) {
                    Touchpoint event = request.events().get(next++);
                    state = same(state, lean, List.of(event), event.at());
                }
                state = same(state, lean, List.of(), sweep);
            }
        }
    }
}
