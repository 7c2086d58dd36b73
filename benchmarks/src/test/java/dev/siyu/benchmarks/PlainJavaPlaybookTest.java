package dev.siyu.benchmarks;

import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.demo.ShopGenerator;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-Java baseline decides exactly what the default rule files decide, so the benchmark compares like with like. */
class PlainJavaPlaybookTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();
    private static final PlainJavaPlaybook BASELINE = new PlainJavaPlaybook(ENGINE);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Customer same(Customer state, List<Touchpoint> events, OffsetDateTime now) {
        Decision rules = ENGINE.evaluate(state, events, now);
        Decision java = BASELINE.evaluate(state, events, now);
        assertThat(SiyuJson.write(java)).as("customer %s at %s", state.id(), now).isEqualTo(SiyuJson.write(rules));
        return rules.customer();
    }

    @Test
    void aReplayDayByDayGivesTheSameDecisionsAtEveryStep() {
        LocalDate start = LocalDate.of(2026, 8, 1);
        List<EvaluationRequest> shop = new ShopGenerator(5, 400, start, 90).generate();
        for (EvaluationRequest request : shop) {
            Customer state = request.customer();
            int next = 0;
            for (LocalDate day = start; day.isBefore(start.plusDays(91)); day = day.plusDays(1)) {
                OffsetDateTime sweep = day.atTime(8, 30).atZone(SHANGHAI).toOffsetDateTime();
                while (next < request.events().size() && request.events().get(next).at().isBefore(sweep)) {
                    Touchpoint event = request.events().get(next++);
                    state = same(state, List.of(event), event.at());
                }
                state = same(state, List.of(), sweep);
            }
        }
    }

    @Test
    void allEventsAtOnceThenASweepGiveTheSameDecisions() {
        List<EvaluationRequest> shop = new ShopGenerator(6, 3_000, LocalDate.of(2026, 8, 1), 90).generate();
        OffsetDateTime end = OffsetDateTime.parse("2026-10-30T00:00:00+08:00");
        for (EvaluationRequest request : shop) {
            Customer state = same(request.customer(), request.events(), end);
            same(state, List.of(), end.plusHours(8).plusMinutes(30));
        }
    }
}
