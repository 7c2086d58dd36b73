package dev.siyu;

import dev.siyu.model.Customer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.siyu.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit of 10,000 firings per pass is each customer's, whatever the session size: a session of
 * many customers is not refused (and evaluated again one by one) because together they fire more.
 */
class SessionFiringLimitTest {
    private static final BatchOptions ONE_SESSION_OF_400 = BatchOptions.DEFAULT.withCustomersPerSession(400);

    @BeforeEach
    void reset() {
        FiringCounter.reset();
    }

    private static List<BatchOutcome> sweep(SiyuEngine engine, List<Customer> customers) {
        List<BatchOutcome> outcomes = new ArrayList<>();
        engine.evaluateAll(customers.stream().map(c -> new EvaluationRequest(c, List.of())).iterator(),
                at("2026-03-02T10:00"), outcomes::add, ONE_SESSION_OF_400);
        return outcomes;
    }

    @Test
    void aSessionWhoseCustomersTogetherFireMoreThanTheLimitIsDecidedInOneRun() {
        SiyuEngine engine = SiyuEngine.builder().rules(Fixtures.pack("many-firings.drl").trusted()).build();
        List<Customer> customers = IntStream.range(0, 400).mapToObj(i -> Customer.of("c-" + i)).toList();

        List<BatchOutcome> outcomes = sweep(engine, customers);

        assertThat(outcomes).hasSize(400).allMatch(BatchOutcome::succeeded);
        // 12,000 firings in the session's pass: each customer's rule ran 30 times, not 30 in the
        // refused session and 30 more alone
        assertThat(customers).allSatisfy(c -> assertThat(FiringCounter.of(c.id())).isEqualTo(30));
    }

    @Test
    void aCustomerWhoseRulesNeverSettleIsRefusedInALargeSessionAsAloneAndTheOthersAreDecided() {
        SiyuEngine engine = SiyuEngine.builder().rules(Fixtures.pack("one-loops.drl")).build();
        List<Customer> customers = new ArrayList<>(IntStream.range(0, 399).mapToObj(i -> Customer.of("c-" + i)).toList());
        customers.add(200, Customer.of("c-loop"));

        List<BatchOutcome> outcomes = sweep(engine, customers);

        assertThat(outcomes).hasSize(400);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> {
            assertThat(o.request().customer().id()).isEqualTo("c-loop");
            assertThat(o.error().orElseThrow()).hasMessageContaining("customer c-loop: rules did not settle after 10000 firings");
        });
        assertThatAloneTheSame(engine, outcomes);
    }

    private static void assertThatAloneTheSame(SiyuEngine engine, List<BatchOutcome> outcomes) {
        for (BatchOutcome o : outcomes.subList(0, 5)) {
            Decision alone = engine.evaluate(o.request(), at("2026-03-02T10:00"));
            assertThat(dev.siyu.json.SiyuJson.write(o.decision().orElseThrow())).isEqualTo(dev.siyu.json.SiyuJson.write(alone));
        }
    }
}
