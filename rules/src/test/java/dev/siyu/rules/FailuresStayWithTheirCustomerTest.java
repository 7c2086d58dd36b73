package dev.siyu.rules;

import dev.siyu.BatchOptions;
import dev.siyu.BatchOutcome;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.error.SiyuException;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule that throws, loops or runs too long refuses its own customer only; the rest of the batch is decided. */
class FailuresStayWithTheirCustomerTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    private static final String THROWING = """
            package acme;
            import dev.siyu.fact.Sweep;

            rule "acme: a rule that throws for one customer"
            when
                Sweep( $p : profile, profile.attribute("trouble") == "yes" )
            then
                throw new IllegalStateException("cannot handle this customer");
            end
            """;

    private static final String LOOPING = """
            package acme;
            import dev.siyu.fact.Profile;
            import dev.siyu.fact.Sweep;
            import dev.siyu.model.Stage;

            rule "acme: trouble makers are mature"
                salience -150
            when
                Sweep( $id : customerId )
                $p : Profile( customerId == $id, attribute("trouble") == "yes", stage != Stage.MATURITY )
            then
                modify($p) { setStage(Stage.MATURITY) }
            end
            """;

    private static final String SLOW = """
            package acme;
            import dev.siyu.fact.Sweep;

            declare Tick
                customerId : String
                n : int
            end

            rule "acme: start ticking for a slow customer"
            when
                Sweep( $id : customerId, profile.attribute("trouble") == "yes" )
            then
                insert(new Tick($id, 0));
            end

            rule "acme: every tick takes a millisecond"
            when
                $t : Tick( n < 5000 )
            then
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                modify($t) { setN($t.getN() + 1) }
            end
            """;

    private static List<BatchOutcome> tenCustomersWithTroubleAtFour(SiyuEngine engine) {
        List<EvaluationRequest> inputs = IntStream.range(0, 10).mapToObj(i -> new EvaluationRequest(
                Customer.builder("c-" + i).addedAt(NOW.minusDays(1)).attribute("trouble", i == 4 ? "yes" : "no").build(),
                List.of(Touchpoint.of("e-" + i, "PRICE_INQUIRY", NOW.minusHours(1))))).toList();
        List<BatchOutcome> outcomes = new ArrayList<>();
        SiyuEngine.BatchSummary summary = engine.evaluateAll(inputs.iterator(), NOW, outcomes::add,
                BatchOptions.DEFAULT.withCustomersPerSession(10));
        assertThat(summary.evaluated()).isEqualTo(9);
        assertThat(summary.failed()).isEqualTo(1);
        return outcomes;
    }

    private static SiyuEngine withRule(String drl) {
        return SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.of("acme", Map.of("acme.drl", drl)))
                .timeBound(Duration.ofMillis(500)).build();
    }

    @Test
    void aThrowingRuleRefusesItsCustomerAndTheOthersAreDecided() {
        List<BatchOutcome> outcomes = tenCustomersWithTroubleAtFour(withRule(THROWING));

        assertThat(outcomes).extracting(BatchOutcome::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(outcomes.get(4).error()).get().extracting(SiyuException::getMessage).asString()
                .contains("customer c-4").contains("acme: a rule that throws for one customer")
                .contains("IllegalStateException: cannot handle this customer");
        assertThat(outcomes).filteredOn(o -> o.index() != 4).allSatisfy(o -> assertThat(o.decision()).isPresent());
    }

    @Test
    void aRuleThatFightsTheLifecycleRulesRefusesItsCustomerNamingTheRulesThatFiredLast() {
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.of("acme", Map.of("acme.drl", LOOPING)))
                .build();

        List<BatchOutcome> outcomes = tenCustomersWithTroubleAtFour(engine);

        assertThat(outcomes.get(4).error()).get().extracting(SiyuException::getMessage).asString()
                .contains("customer c-4").contains("did not settle")
                .contains("'acme: trouble makers are mature'")
                .contains("set against each other: 'acme: trouble makers are mature', 'lifecycle: quoted and one-order customers are growing'");
        assertThat(outcomes).filteredOn(o -> o.index() != 4).allSatisfy(o -> assertThat(o.decision()).isPresent());
    }

    @Test
    void aRuleThatRunsPastTheTimeBoundIsStoppedAndRefusesItsCustomer() {
        List<BatchOutcome> outcomes = tenCustomersWithTroubleAtFour(withRule(SLOW));

        assertThat(outcomes.get(4).error()).get().extracting(SiyuException::getMessage).asString()
                .contains("customer c-4").contains("time bound of 500 ms for one event round").contains("acme: every tick takes a millisecond");
        assertThat(outcomes).filteredOn(o -> o.index() != 4).allSatisfy(o -> assertThat(o.decision()).isPresent());
    }

    @Test
    void aThrowingRuleRefusesASingleEvaluationWithTheCustomerAndTheRule() {
        SiyuEngine engine = withRule(THROWING);
        Customer customer = Customer.builder("c-9").attribute("trouble", "yes").build();

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(SiyuException.class, () -> engine.evaluate(customer, List.of(), NOW)))
                .hasMessageContaining("customer c-9").hasMessageContaining("acme: a rule that throws for one customer");
    }
}
