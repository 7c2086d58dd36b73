package dev.siyu.demo;

import dev.siyu.BatchOutcome;
import dev.siyu.EvaluationRequest;
import dev.siyu.error.InputException;
import dev.siyu.SiyuEngine;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch API decides exactly what one-by-one evaluation decides, in input order, skipping bad inputs. */
class BatchEvaluationTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-09-01T00:00:00+08:00");

    @Test
    void tenThousandCustomersInBatchesGiveTheSameDecisionsAsOneByOne() {
        List<EvaluationRequest> shop = new ArrayList<>(new ShopGenerator(99, 10_000, LocalDate.of(2026, 8, 1), 31).generate());
        EvaluationRequest bad = new EvaluationRequest(shop.get(5_000).customer(),
                List.of(Touchpoint.of("future", "MESSAGE_RECEIVED", NOW.plusDays(1))));
        shop.add(5_000, bad);

        List<BatchOutcome> outcomes = new ArrayList<>();
        var summary = ENGINE.evaluateAll(shop.iterator(), NOW, outcomes::add);

        assertThat(summary.evaluated()).isEqualTo(10_000);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(outcomes).extracting(BatchOutcome::index).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, shop.size()).boxed().toList());
        assertThat(outcomes.get(5_000).error()).hasValueSatisfying(e ->
                assertThat(e).isInstanceOf(InputException.class).hasMessageContaining("event future"));
        for (int i = 0; i < shop.size(); i++) {
            if (i == 5_000) {
                continue;
            }
            EvaluationRequest request = shop.get(i);
            String alone = SiyuJson.write(ENGINE.evaluate(request, NOW));
            assertThat(SiyuJson.write(outcomes.get(i).decision().orElseThrow())).as(request.customer().id()).isEqualTo(alone);
        }
    }
}
