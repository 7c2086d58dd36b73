package dev.siyu.rules;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision says when the customer next needs evaluating if nothing happens (scenario files under wakeup/ cover the cases). */
class NextEvaluationTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();

    private static OffsetDateTime at(String time) {
        return OffsetDateTime.parse(time + "+08:00");
    }

    @Test
    void aFriendWhoDeletedUsNeedsNoLaterEvaluation() {
        Customer customer = Customer.builder("c-1").addedAt(at("2026-03-01T10:00:00")).engagement(Engagement.CONVERSING).build();

        Decision decision = ENGINE.evaluate(customer,
                List.of(Touchpoint.of("e1", "FRIEND_DELETED", at("2026-03-10T09:00:00"))), at("2026-03-10T10:00:00"));

        assertThat(decision.nextEvaluationAt()).isEmpty();
        assertThat(SiyuJson.write(decision)).doesNotContain("nextEvaluationAt");
    }

    @Test
    void theNextEvaluationIsWrittenAfterTheEvaluationTimeInTheCustomersZone() {
        Customer customer = Customer.builder("c-1").addedAt(at("2026-03-02T10:00:00")).build();

        Decision decision = ENGINE.evaluate(customer,
                List.of(Touchpoint.of("e1", "FRIEND_ADDED", at("2026-03-02T10:00:00"))), OffsetDateTime.parse("2026-03-02T02:00:00Z"));

        assertThat(SiyuJson.write(decision)).startsWith("{\"customerId\":\"c-1\",\"evaluatedAt\":\"2026-03-02T10:00:00+08:00\","
                + "\"nextEvaluationAt\":\"2026-03-02T10:30:00+08:00\",\"customer\":");
    }

    @Test
    void aDecisionReadBackKeepsItsNextEvaluation() {
        Customer customer = Customer.builder("c-1").addedAt(at("2026-03-02T10:00:00")).build();
        Decision decision = ENGINE.evaluate(customer,
                List.of(Touchpoint.of("e1", "FRIEND_ADDED", at("2026-03-02T10:00:00"))), at("2026-03-02T10:00:00"));

        Decision read = SiyuJson.readDecision(SiyuJson.write(decision));

        assertThat(read.nextEvaluationAt()).contains(at("2026-03-02T10:30:00"));
    }
}
