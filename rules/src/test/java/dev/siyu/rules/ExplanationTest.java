package dev.siyu.rules;

import dev.siyu.Explanation;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExplanationTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");
    /** The quote cadence's second touch: a step of the default SOP table. */
    private static final String DAY3 = "SOP cadence/day3 (default.sop.csv:10)";
    private static final String SOP_STARTS = "sop: an event starts the steps anchored on it";
    private static final String REPURCHASE = "repurchase: remind three days before the predicted next order";

    @Test
    void eachActionNamesItsRuleAndTheFactsItMatchedById() {
        var customer = Customer.builder("c-1").name("张女士").build();

        Explanation explanation = ENGINE.explain(customer, List.of(Touchpoint.of("e1", "PRICE_INQUIRY", T)), T.plusMinutes(30));

        assertThat(explanation.actions()).filteredOn(r -> r.action() instanceof Task t && t.script().equals("followup.day3"))
                .singleElement().satisfies(reason -> {
                    assertThat(reason.rule()).isEqualTo(DAY3);
                    // the step and its row are the explanation; the started step is the rules' own fact
                    assertThat(reason.facts()).isEmpty();
                });
        assertThat(explanation.rule(SOP_STARTS)).hasValueSatisfying(a -> assertThat(a.fired()).isEqualTo(3));
        assertThat(explanation.actions()).flatExtracting(Explanation.ActionReason::facts)
                .isNotEmpty().noneMatch(fact -> fact.contains("张女士"));
    }

    @Test
    void aRuleWhoseConditionsNeverHeldIsSaidToHaveNeverMatched() {
        Explanation explanation = ENGINE.explain(Customer.of("c-1"), List.of(Touchpoint.of("e1", "PRICE_INQUIRY", T)), T);

        assertThat(explanation.whyNot("tier: upgrade straight to the highest tier whose criteria are met"))
                .contains("never matched: its conditions never all held for customer c-1");
    }

    @Test
    void aRuleWhoseWorkWasTakenBackIsSaidToHaveFiredWithoutAction() {
        var events = List.of(
                Touchpoint.of("e1", "ORDER_PAID", T).with("orderId", "o1").with("amount", "99").with("productCycleDays", "30"),
                Touchpoint.of("e2", "ORDER_REFUNDED", T.plusMinutes(20)).with("orderId", "o1"));

        Explanation explanation = ENGINE.explain(Customer.of("c-1"), events, T.plusMinutes(30));

        assertThat(explanation.decision().tasks()).extracting(Task::script).doesNotContain("repurchase.reminder");
        assertThat(explanation.whyNot(REPURCHASE)).contains("fired 2 time(s) but left no action");
        assertThat(explanation.whyNot("no such rule")).contains("the engine has no rule named");
    }

    @Test
    void anEventRuleFiresOnceEvenWhenOtherRulesChangeTheCustomerInItsRound() {
        var objection = Touchpoint.of("e1", "OBJECTION", T).with("kind", "price");

        Explanation explanation = ENGINE.explain(Customer.of("c-1"), List.of(objection), T.plusMinutes(1));

        assertThat(explanation.rule("objection: suggest the talk-track of the scene"))
                .hasValueSatisfying(a -> assertThat(a.fired()).isEqualTo(1));
        assertThat(explanation.decision().actions(dev.siyu.action.SuggestScript.class)).hasSize(1);
        // once for each of the intent cadence's two steps
        assertThat(explanation.rule(SOP_STARTS)).hasValueSatisfying(a -> assertThat(a.fired()).isEqualTo(2));
    }

    @Test
    void explainingDecidesExactlyWhatEvaluatingDecides() {
        var events = List.of(Touchpoint.of("e1", "FRIEND_ADDED", T), Touchpoint.of("e2", "MESSAGE_RECEIVED", T.plusMinutes(3)));

        assertThat(ENGINE.explain(Customer.of("c-1"), events, T.plusHours(1)).decision())
                .isEqualTo(ENGINE.evaluate(Customer.of("c-1"), events, T.plusHours(1)));
    }
}
