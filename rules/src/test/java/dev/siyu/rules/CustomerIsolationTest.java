package dev.siyu.rules;

import dev.siyu.BatchOptions;
import dev.siyu.BatchOutcome;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Alert;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A session holds many customers: a rule over two customer-scoped facts must join them to one customer, or the build refuses it. */
class CustomerIsolationTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    private static RulePackException refusal(String drl) {
        return catchThrowableOfType(RulePackException.class, () -> SiyuEngine.builder().rules(RulePack.defaults())
                .rules(RulePack.of("acme", Map.of("acme.drl", drl))).build());
    }

    @Test
    void aProfilePatternNotJoinedToTheSweepIsRefusedWithItsLocationAndHowToWriteIt() {
        RulePackException e = refusal("""
                package acme;
                import dev.siyu.fact.Profile;
                import dev.siyu.fact.Sweep;

                rule "acme: alert everyone"
                when
                    Sweep( )
                    $p : Profile( )
                then
                    $p.alert("ACME", null);
                end
                """);

        assertThat(e).isNotNull();
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.toString()).startsWith("acme.drl:8:");
            assertThat(d.message()).contains("rule 'acme: alert everyone'").contains("Profile(...) is not joined")
                    .contains("customerId == $id");
        });
    }

    @Test
    void anEventJoinedToTheWrongKindOfVariableIsRefused() {
        RulePackException e = refusal("""
                package acme;
                import dev.siyu.fact.Event;
                import dev.siyu.fact.Profile;

                rule "acme: joined to a type, not a customer"
                when
                    $e : Event( $t : type )
                    $p : Profile( customerId == $t )
                then
                    $p.alert("ACME", null);
                end
                """);

        assertThat(e).isNotNull();
        assertThat(e.diagnostics()).singleElement().satisfies(d -> assertThat(d.toString()).startsWith("acme.drl:8:"));
    }

    @Test
    void aDeclaredTypeWithACustomerIdCountsAsCustomerScoped() {
        RulePackException e = refusal("""
                package acme;
                import dev.siyu.fact.Sweep;

                declare Note
                    customerId : String
                end

                rule "acme: a note for every swept customer"
                when
                    Sweep( $id : customerId )
                    Note( )
                then
                end
                """);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("acme.drl:11:").contains("Note(...) is not joined");
    }

    /** The tier standings tiers.drl inserts are the customer's: a rule reading them beside a sweep joins them. */
    @Test
    void aTierStandingNotJoinedToTheSweepIsRefused() {
        RulePackException e = refusal("""
                package acme;
                import dev.siyu.fact.Sweep;
                import dev.siyu.fact.TierStanding;
                import dev.siyu.proposal.TagProposal;

                rule "acme: near VIP"
                when
                    Sweep( $id : customerId )
                    $s : TierStanding( tierName == "VIP", paidOrders >= 2 )
                then
                    insert(TagProposal.add($id, "会员/潜力/VIP"));
                end
                """);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("acme.drl:9:").contains("TierStanding(...) is not joined");
    }

    @Test
    void joinedPatternsInEveryStyleOfTheDefaultPackBuild() {
        String drl = """
                package acme;
                import dev.siyu.fact.Event;
                import dev.siyu.fact.Profile;
                import dev.siyu.fact.StageProposal;
                import dev.siyu.fact.Sweep;

                rule "acme: by id"
                when
                    Sweep( $id : customerId )
                    $p : Profile( customerId == $id )
                    not StageProposal( $id == customerId, rank < 0 )
                then
                end

                rule "acme: by the bound profile"
                when
                    $e : Event( $p : profile )
                    Profile( this == $p )
                    Sweep( customerId == $e.customerId )
                then
                end
                """;

        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.of("acme", Map.of("acme.drl", drl))).build();

        assertThat(engine.ruleNames()).contains("acme: by id", "acme: by the bound profile");
    }

    @Test
    void aJoinedRuleDecidesTheSameForACustomerAloneAndInABatchOfTen() {
        String drl = """
                package acme;
                import dev.siyu.fact.Profile;
                import dev.siyu.fact.Sweep;

                rule "acme: alert each swept customer once"
                when
                    Sweep( $id : customerId )
                    $p : Profile( customerId == $id )
                then
                    $p.alert("ACME", null);
                end
                """;
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.of("acme", Map.of("acme.drl", drl))).build();
        List<EvaluationRequest> inputs = IntStream.range(0, 10)
                .mapToObj(i -> new EvaluationRequest(Customer.of("c-" + i), List.of())).toList();

        List<BatchOutcome> batch = new ArrayList<>();
        engine.evaluateAll(inputs.iterator(), NOW, batch::add, BatchOptions.DEFAULT.withCustomersPerSession(10));

        for (int i = 0; i < 10; i++) {
            String alone = SiyuJson.write(engine.evaluate(inputs.get(i), NOW));
            assertThat(SiyuJson.write(batch.get(i).decision().orElseThrow())).isEqualTo(alone);
            assertThat(batch.get(i).decision().orElseThrow().actions(Alert.class)).hasSize(1);
        }
    }
}
