package dev.siyu.json;

import dev.siyu.error.InputException;
import dev.siyu.model.Engagement;
import dev.siyu.model.Stage;
import dev.siyu.model.Tier;
import dev.siyu.scenario.Expectation;
import dev.siyu.scenario.Scenario;
import dev.siyu.scenario.ScenarioStep;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Scenario files are read strictly, like every other part of the wire contract. */
class ScenarioJsonTest {

    private static final String CONTRACT_SCENARIO = """
            {
              "name": "a quote not closed on the day gets three touches",
              "customer": {"id": "c-1", "addedAt": "2026-03-01T09:00:00+08:00", "source": "AD"},
              "steps": [
                {
                  "now": "2026-03-02T10:30:00+08:00",
                  "events": [{"id": "e1", "type": "PRICE_INQUIRY", "at": "2026-03-02T10:00:00+08:00"}],
                  "expect": {
                    "engagement": "QUOTED", "stage": "GROWTH", "tier": "REGULAR",
                    "tags": {"include": [], "exclude": []},
                    "actions": [
                      {"type": "TASK", "script": "followup.same_day", "dueAt": "2026-03-02T12:00:00+08:00"},
                      {"type": "TASK", "script": "followup.day3", "dueAt": "2026-03-05T10:00:00+08:00"}
                    ],
                    "noActions": [{"type": "TIER_CHANGED"}]
                  }
                }
              ]
            }
            """;

    private static String scenarioExpecting(String expect) {
        return """
                {"name": "n", "customer": {"id": "c-1"},
                 "steps": [{"now": "2026-03-02T10:30:00+08:00", "expect": %s}]}""".formatted(expect);
    }

    @Test
    void minimalScenarioParsesWithDefaults() {
        String json = """
                {"name": "minimal", "customer": {"id": "c-1"}, "steps": [{"now": "2026-03-02T10:30:00+08:00"}]}""";

        Scenario scenario = SiyuJson.read(json, Scenario.class);

        assertThat(scenario.name()).isEqualTo("minimal");
        assertThat(scenario.customer().id()).isEqualTo("c-1");
        ScenarioStep step = scenario.steps().get(0);
        assertThat(step.now()).isEqualTo(OffsetDateTime.parse("2026-03-02T10:30:00+08:00"));
        assertThat(step.events()).isEmpty();
        assertThat(step.expect().isRejected()).isFalse();
        assertThat(step.expect().actions()).isEmpty();
        assertThat(step.expect().noActions()).isEmpty();
    }

    @Test
    void contractScenarioExampleParses() {
        String json = CONTRACT_SCENARIO;

        Scenario scenario = SiyuJson.read(json, Scenario.class);

        Expectation expect = scenario.steps().get(0).expect();
        assertThat(scenario.steps().get(0).events()).singleElement()
                .satisfies(event -> assertThat(event.type()).isEqualTo("PRICE_INQUIRY"));
        assertThat(expect.engagement()).contains(Engagement.QUOTED);
        assertThat(expect.stage()).contains(Stage.GROWTH);
        assertThat(expect.tier()).contains(Tier.REGULAR);
        assertThat(expect.actions()).hasSize(2);
        assertThat(expect.actions().get(1).get("script").textValue()).isEqualTo("followup.day3");
        assertThat(expect.noActions()).singleElement()
                .satisfies(entry -> assertThat(entry.get("type").textValue()).isEqualTo("TIER_CHANGED"));
    }

    @Test
    void rejectedStepIsRead() {
        String json = scenarioExpecting("{\"rejected\": true}");

        Scenario scenario = SiyuJson.read(json, Scenario.class);

        assertThat(scenario.steps().get(0).expect().isRejected()).isTrue();
    }

    @Test
    void emptyNoActionsEntryIsAccepted() {
        String json = scenarioExpecting("{\"noActions\": [{}]}");

        Scenario scenario = SiyuJson.read(json, Scenario.class);

        assertThat(scenario.steps().get(0).expect().noActions()).singleElement()
                .satisfies(entry -> assertThat(entry.isEmpty()).isTrue());
    }

    @Test
    void misspelledFieldInAnExpectedActionIsRefusedNamingTheField() {
        String json = scenarioExpecting("{\"actions\": [{\"type\": \"TASK\", \"scrpt\": \"followup.day3\"}]}");

        InputException e = catchThrowableOfType(InputException.class,
                () -> SiyuJson.read(json, Scenario.class));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("unknown action field 'scrpt' in actions[0]").contains("script")
                .contains("at $.steps[0].expect");
        assertThat(e.path()).contains("$.steps[0].expect");
    }

    @Test
    void anUnknownTaskKindInAnExpectedActionIsRefused() {
        String json = scenarioExpecting("{\"actions\": [{\"type\": \"TASK\", \"kind\": \"FOLLOWUP\"}]}");

        assertThatThrownBy(() -> SiyuJson.read(json, Scenario.class))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown task kind 'FOLLOWUP' in actions[0]").hasMessageContaining("FOLLOW_UP")
                .hasMessageContaining("at $.steps[0].expect");
    }

    @Test
    void misspelledFieldInAForbiddenActionIsRefusedNamingTheField() {
        String json = scenarioExpecting("{\"noActions\": [{\"type\": \"TIER_CHANGED\"}, {\"scrpt\": \"x\"}]}");

        assertThatThrownBy(() -> SiyuJson.read(json, Scenario.class))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown action field 'scrpt' in noActions[1]")
                .hasMessageContaining("at $.steps[0].expect");
    }

    @Test
    void unknownFieldInAnExpectationIsRefusedWithItsPath() {
        String json = scenarioExpecting("{\"engagment\": \"QUOTED\"}");

        assertThatThrownBy(() -> SiyuJson.read(json, Scenario.class))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown field 'engagment'")
                .hasMessageContaining("at $.steps[0].expect");
    }

    @Test
    void unknownFieldInTagExpectationIsRefusedWithItsPath() {
        String json = scenarioExpecting("{\"tags\": {\"include\": [], \"exclud\": []}}");

        assertThatThrownBy(() -> SiyuJson.read(json, Scenario.class))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown field 'exclud'")
                .hasMessageContaining("at $.steps[0].expect.tags");
    }

    @Test
    void scenarioWithoutStepsIsRefused() {
        String json = "{\"name\": \"n\", \"customer\": {\"id\": \"c-1\"}, \"steps\": []}";

        assertThatThrownBy(() -> SiyuJson.read(json, Scenario.class))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("a scenario needs at least one step");
    }

    @Test
    void stepWithoutNowIsRefusedAsMissingRequiredField() {
        String json = "{\"name\": \"n\", \"customer\": {\"id\": \"c-1\"}, \"steps\": [{\"events\": []}]}";

        assertThatThrownBy(() -> SiyuJson.read(json, Scenario.class))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("missing required field 'now'")
                .hasMessageContaining("at $.steps[0]");
    }

    @Test
    void stepTimeWithoutOffsetIsRefusedWithItsPath() {
        String json = "{\"name\": \"n\", \"customer\": {\"id\": \"c-1\"}, \"steps\": [{\"now\": \"2026-03-02T10:30\"}]}";

        assertThatThrownBy(() -> SiyuJson.read(json, Scenario.class))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("expected an ISO-8601 time with offset")
                .hasMessageContaining("at $.steps[0].now");
    }
}
