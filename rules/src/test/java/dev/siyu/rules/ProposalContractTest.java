package dev.siyu.rules;

import dev.siyu.BatchOptions;
import dev.siyu.BatchOutcome;
import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.error.SiyuException;
import dev.siyu.action.Alert;
import dev.siyu.action.CustomAction;
import dev.siyu.action.StageChanged;
import dev.siyu.action.TagAdded;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Stage;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Rules read, then propose: the resolver decides, attributes, and cannot be looped by an override. */
class ProposalContractTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    private static SiyuEngine withRule(String drl) {
        return SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.of("acme", Map.of("acme.drl", drl))).build();
    }

    private static final String HEADER = """
            package acme;
            import dev.siyu.fact.Event;
            import dev.siyu.fact.Profile;
            import dev.siyu.fact.StageProposal;
            import dev.siyu.fact.Sweep;
            import dev.siyu.model.Stage;
            import dev.siyu.proposal.*;
            """;

    @Test
    void anOverridingStageProposalWithALowerRankWinsAndIsAttributedToItsRule() {
        SiyuEngine engine = withRule(HEADER + """
                rule "acme: trouble makers are mature"
                when
                    Sweep( $id : customerId )
                    Profile( customerId == $id, attribute("trouble") == "yes" )
                then
                    insertLogical(new StageProposal($id, Stage.MATURITY, 0));
                end
                """);

        Decision decision = engine.evaluate(Customer.builder("c-1").attribute("trouble", "yes").build(), List.of(), NOW);

        assertThat(decision.customer().stage()).isEqualTo(Stage.MATURITY);
        assertThat(decision.actions(StageChanged.class)).singleElement()
                .extracting(StageChanged::rule).isEqualTo("acme: trouble makers are mature");
    }

    @Test
    void anOverridingProposalThatRanksLowerSimplyLosesWithoutLooping() {
        SiyuEngine engine = withRule(HEADER + """
                rule "acme: everyone is mature forever"
                when
                    Sweep( $id : customerId )
                    Profile( customerId == $id, stage != Stage.MATURITY )
                then
                    insert(new StageProposal($id, Stage.MATURITY, 9));
                end
                """);

        Decision decision = engine.evaluate(Customer.of("c-1"), List.of(Touchpoint.of("e1", "PRICE_INQUIRY", NOW.minusHours(1))), NOW);

        assertThat(decision.customer().stage()).isEqualTo(Stage.GROWTH);
    }

    @Test
    void aRuleOnHasTagSeesATagProposedInTheSameEvaluation() {
        SiyuEngine engine = withRule(HEADER + """
                rule "acme: the KOC of a source gets an alert"
                when
                    Sweep( $id : customerId )
                    Profile( customerId == $id, hasTag("渠道/来源/AD") )
                then
                    insert(new AlertProposal($id, "AD_CUSTOMER", ""));
                end
                """);

        Decision decision = engine.evaluate(Customer.builder("c-1").source("AD").build(), List.of(), NOW);

        assertThat(decision.actions(TagAdded.class)).extracting(a -> a.tag().toString()).contains("渠道/来源/AD");
        assertThat(decision.actions(Alert.class)).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo("AD_CUSTOMER");
            assertThat(a.eventId()).isEmpty();
            assertThat(a.rule()).isEqualTo("acme: the KOC of a source gets an alert");
        });
    }

    @Test
    void anEventRuleJoinedToTheProfileProposesOnceForOneOrderThoughTheEngineUpdatesTheProfile() {
        SiyuEngine engine = withRule(HEADER + """
                rule "acme: one alert per order"
                when
                    $e : Event( type == "ORDER_PAID", $id : customerId )
                    Profile( customerId == $id )
                then
                    insert(new AlertProposal($id, "ORDER", $e.getId()));
                end
                """);
        Touchpoint order = Touchpoint.of("o1", "ORDER_PAID", NOW.minusHours(1))
                .with("orderId", "o1").with("amount", "99.00");

        Decision decision = engine.evaluate(Customer.of("c-1"), List.of(order), NOW);

        assertThat(decision.actions(Alert.class)).singleElement().extracting(Alert::code).isEqualTo("ORDER");
    }

    @Test
    void aProposalForAnotherCustomerRefusesOnlyTheCustomerWhoseRuleMadeIt() {
        SiyuEngine engine = withRule(HEADER + """
                rule "acme: a wrong customer id"
                when
                    Sweep( $id : customerId, profile.attribute("trouble") == "yes" )
                then
                    insert(new AlertProposal($id + "-typo", "X", ""));
                end
                """);
        List<EvaluationRequest> inputs = IntStream.range(0, 4).mapToObj(i -> new EvaluationRequest(
                Customer.builder("c-" + i).attribute("trouble", i == 2 ? "yes" : "no").build(), List.of())).toList();
        List<BatchOutcome> outcomes = new ArrayList<>();

        engine.evaluateAll(inputs.iterator(), NOW, outcomes::add, BatchOptions.DEFAULT.withCustomersPerSession(4));

        assertThat(outcomes.get(2).error()).get().extracting(SiyuException::getMessage).asString()
                .contains("customer c-2").contains("acme: a wrong customer id").contains("who is not being evaluated");
        assertThat(outcomes).filteredOn(o -> o.index() != 2).allSatisfy(o -> assertThat(o.decision()).isPresent());
    }

    @Test
    void aCustomActionDeclaredAndUsedInADirectoryPackReachesTheDecisionJson(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.actions.csv"), """
                name,fields,description
                INVITE_TO_GROUP,group channel,Invite the customer to a WeCom group
                """);
        Files.writeString(dir.resolve("groups.drl"), """
                package acme;
                import dev.siyu.fact.Event;
                import dev.siyu.proposal.ActionProposal;

                rule "acme: a first order invites to the buyers' group"
                when
                    Event( type == "ORDER_PAID", $id : customerId )
                then
                    insert(new ActionProposal($id, "INVITE_TO_GROUP", "group", "buyers"));
                end
                """);
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build();
        Touchpoint order = Touchpoint.of("o1", "ORDER_PAID", NOW.minusHours(1))
                .with("orderId", "o1").with("amount", "99.00");

        Decision decision = engine.evaluate(Customer.of("c-1"), List.of(order), NOW);

        assertThat(decision.actions(CustomAction.class)).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("INVITE_TO_GROUP");
            assertThat(a.payload()).containsExactly(Map.entry("group", "buyers"), Map.entry("channel", ""));
        });
        assertThat(SiyuJson.write(decision)).contains(
                "{\"type\":\"INVITE_TO_GROUP\",\"group\":\"buyers\",\"channel\":\"\",\"rule\":\"acme: a first order invites to the buyers' group\"}");
        assertThat(SiyuJson.readDecision(SiyuJson.write(decision))).as("read back").isEqualTo(decision);
    }

    @Test
    void aCustomActionWithAFieldItsTypeDoesNotDeclareFailsItsRule(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.actions.csv"), "name,fields,description\nINVITE_TO_GROUP,group,Invite\n");
        Files.writeString(dir.resolve("groups.drl"), """
                package acme;
                import dev.siyu.fact.Sweep;
                import dev.siyu.proposal.ActionProposal;

                rule "acme: a misspelled field"
                when
                    Sweep( $id : customerId )
                then
                    insert(new ActionProposal($id, "INVITE_TO_GROUP", "gruop", "buyers"));
                end
                """);
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build();

        assertThat(catchThrowableOfType(SiyuException.class, () -> engine.evaluate(Customer.of("c-1"), List.of(), NOW)))
                .hasMessageContaining("customer c-1").hasMessageContaining("acme: a misspelled field")
                .hasMessageContaining("has no payload field 'gruop'");
    }

    @Test
    void aBadActionCatalogLineIsReportedWithItsFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.actions.csv"), "name,fields,description\nTASK,key,Not allowed\n");
        Files.writeString(dir.resolve("none.drl"), "package acme;\n");

        RulePackException e = catchThrowableOfType(RulePackException.class,
                () -> SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build());

        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.file()).endsWith("acme.actions.csv");
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("'TASK' is a built-in action type");
        });
    }

    @Test
    void aRuleFileCallingADeprecatedMutatorBuildsWithAWarningAtItsLineNamingTheProposal() {
        SiyuEngine engine = withRule(HEADER + """
                rule "acme: old style"
                when
                    Sweep( $id : customerId, $p : profile )
                then
                    $p.addTag("会员/身份/OLD");
                end
                """);

        List<Diagnostic> warnings = engine.warnings();

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo("acme.drl");
            assertThat(w.line()).isEqualTo(12);
            assertThat(w.message()).contains("warning: rule 'acme: old style' calls the deprecated Profile.addTag")
                    .contains("insert(TagProposal.add($id, tag))");
        });
        assertThat(SiyuEngine.builder().build().warnings()).as("the default pack").isEmpty();
    }
}
