package dev.siyu.json;

import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.error.InputException;
import dev.siyu.error.SiyuException;
import dev.siyu.model.Customer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad input is refused with an {@link InputException} that says what is wrong and where. */
class SiyuJsonRejectionTest {

    private static InputException refusal(Runnable read) {
        return catchThrowableOfType(InputException.class, read::run);
    }

    @Test
    void unknownTopLevelFieldIsRejectedWithItsNameAndPath() {
        String json = "{\"id\": \"c-1\", \"nmae\": \"张女士\"}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("unknown field 'nmae'").contains(" at $").contains("known:")
                .contains("name");
        assertThat(e.path()).contains("$");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isPositive();
    }

    @Test
    void unknownFieldInMemoryIsRejectedWithItsJsonPath() {
        String json = "{\"id\": \"c-1\", \"memory\": {\"orderz\": []}}";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown field 'orderz'")
                .hasMessageContaining("at $.memory");
        assertThat(refusal(() -> SiyuJson.readCustomer(json)).path()).contains("$.memory");
    }

    @Test
    void aPendingTaskInMemoryThatIsNotATaskIsRejectedWithItsJsonPath() {
        String json = """
                {"id": "c-1", "memory": {"pendingTasks": [{"type": "ALERT", "code": "x", "rule": "r"}]}}""";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("ALERT").contains("$.memory.pendingTasks[0]");
    }

    @Test
    void aPendingTaskInMemoryIsReadAsTheTaskActionItWasWrittenAs() {
        String json = """
                {"id": "c-1", "memory": {"pendingTasks": [{"type": "TASK", "key": "c-1/t", "kind": "CALL", \
                "script": "s", "dueAt": "2026-03-05T10:00:00+08:00", "channel": "1v1", "rule": "r"}]}}""";

        Customer customer = SiyuJson.readCustomer(json);

        assertThat(customer.memory().pendingTasks()).singleElement().satisfies(t -> {
            assertThat(t.kind().name()).isEqualTo("CALL");
            assertThat(t.channel()).contains("1v1");
            assertThat(t.owner()).isEmpty();
        });
        assertThat(SiyuJson.write(customer)).contains("\"pendingTasks\":[{\"type\":\"TASK\",\"key\":\"c-1/t\"");
    }

    @Test
    void unknownFieldInAnEventIsRejectedWithItsJsonPath() {
        String json = """
                {"customer": {"id": "c-1"},
                 "events": [{"id": "e1", "type": "PRICE_INQUIRY", "at": "2026-03-02T10:00:00+08:00"},
                            {"id": "e2", "type": "PRICE_INQUIRY", "at": "2026-03-02T11:00:00+08:00", "chanel": "WECOM"}]}
                """;

        InputException e = refusal(() -> SiyuJson.readRequest(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("unknown field 'chanel'").contains("at $.events[1]")
                .contains("line 3");
        assertThat(e.path()).contains("$.events[1]");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void unknownFieldInAnActionIsRejectedWithItsJsonPath() {
        String json = """
                {"customerId": "c-1", "evaluatedAt": "2026-03-02T12:00:00+08:00", "customer": {"id": "c-1"},
                 "actions": [{"type": "TAG_ADDED", "tag": "a/b/c", "rule": "r", "colour": "red"}]}""";

        assertThatThrownBy(() -> SiyuJson.readDecision(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown field 'colour'")
                .hasMessageContaining("at $.actions[0]");
    }

    @Test
    void numberForTextIdIsRejectedAtItsPath() {
        String json = "{\"id\": 42}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("expected a text").contains("at $.id").doesNotContain("42");
        assertThat(e.path()).contains("$.id");
    }

    @Test
    void objectForEngagementIsRejectedAtItsPathListingTheValidValues() {
        String json = "{\"id\": \"c-1\", \"engagement\": {\"level\": \"SILENT\"}}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("expected one of [SILENT, CONVERSING, QUOTED, CUSTOMER, REPEAT]")
                .contains("at $.engagement");
        assertThat(e.path()).contains("$.engagement");
    }

    @Test
    void objectForEngagementIsReportedAsAWrongTypeNamingWhatWasGiven() {
        String json = "{\"id\": \"c-1\", \"engagement\": {\"level\": \"SILENT\"}}";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("wrong type")
                .hasMessageContaining("got an object")
                .hasMessageNotContaining("missing value")
                .hasMessageContaining("at $.engagement");
    }

    @Test
    void textForTagListIsReportedAsAWrongTypeNamingWhatWasGiven() {
        String json = "{\"id\": \"c-1\", \"tags\": \"a/b/c\"}";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("wrong type, expected an array, got a text")
                .hasMessageContaining("at $.tags");
    }

    @Test
    void textForTagListIsRejectedAtItsPath() {
        String json = "{\"id\": \"c-1\", \"tags\": \"a/b/c\"}";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("expected an array")
                .hasMessageContaining("at $.tags");
    }

    @Test
    void unknownEnumConstantIsRejectedListingTheValidOnes() {
        String json = "{\"id\": \"c-1\", \"stage\": \"TEENAGE\"}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("TEENAGE")
                .contains("INTRODUCTION, GROWTH, MATURITY, DORMANT, CHURNED").contains("at $.stage");
        assertThat(e.path()).contains("$.stage");
    }

    @Test
    void numberForEnumIsRejectedNotTakenAsAnOrdinal() {
        String json = "{\"id\": \"c-1\", \"tier\": 1}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("REGULAR, VIP, KEY_ACCOUNT").contains("at $.tier");
        assertThat(e.path()).contains("$.tier");
    }

    @Test
    void timeWithoutOffsetIsRejectedAtItsPath() {
        String json = "{\"id\": \"c-1\", \"addedAt\": \"2026-03-01T09:00:00\"}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("2026-03-01T09:00:00").contains("a text of 19 characters").contains("with offset")
                .contains("at $.addedAt");
        assertThat(e.path()).contains("$.addedAt");
    }

    @Test
    void timeWithoutOffsetInAnEventIsRejectedAtItsIndexedPath() {
        String json = """
                {"customer": {"id": "c-1"}, "events": [{"id": "e1", "type": "X", "at": "2026-03-02 10:00"}]}""";

        assertThatThrownBy(() -> SiyuJson.readRequest(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("invalid value (a text of 16 characters)")
                .hasMessageNotContaining("2026-03-02 10:00")
                .hasMessageContaining("at $.events[0].at");
    }

    @Test
    void malformedJsonIsRejectedWithLineAndColumn() {
        String json = "{\n  \"id\": \"c-1\",\n  \"name\" \"张女士\"\n}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("malformed JSON").contains("(line 3, column");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isPositive();
    }

    @Test
    void truncatedJsonIsRejectedAsMalformed() {
        String json = "{\"id\": \"c-1\"";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("line 1");
    }

    @Test
    void malformedJsonTreeIsRejectedWithLineAndColumn() {
        String json = "[1,\n 2,,]";

        assertThatThrownBy(() -> SiyuJson.readTree(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("(line 2, column");
    }

    @Test
    void attributeValueThatIsAnObjectIsRejectedNamingTheAttribute() {
        String json = "{\"id\": \"c-1\", \"attributes\": {\"city\": \"杭州\", \"address\": {\"street\": \"x\"}}}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("attribute 'address'").contains("got an object")
                .contains("at $.attributes");
        assertThat(e.path()).hasValueSatisfying(path -> assertThat(path).startsWith("$.attributes"));
    }

    @Test
    void attributeValueThatIsAnArrayIsRejectedNamingTheAttribute() {
        String json = """
                {"id": "e1", "type": "ORDER_PAID", "at": "2026-03-02T10:00:00+08:00",
                 "attributes": {"items": ["a", "b"]}}""";

        assertThatThrownBy(() -> SiyuJson.readTouchpoint(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("attribute 'items'")
                .hasMessageContaining("got an array")
                .hasMessageContaining("at $.attributes");
    }

    @Test
    void attributeValueThatIsNullIsRejected() {
        String json = "{\"id\": \"c-1\", \"attributes\": {\"city\": null}}";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("attribute 'city'")
                .hasMessageContaining("got null");
    }

    @Test
    void customerWithoutIdIsRejectedAsMissingRequiredField() {
        String json = "{\"name\": \"张女士\"}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("missing required field 'id'").contains("at $");
        assertThat(e.path()).contains("$");
    }

    @Test
    void touchpointWithoutAtIsRejectedAsMissingRequiredField() {
        String json = "{\"id\": \"e1\", \"type\": \"PRICE_INQUIRY\"}";

        assertThatThrownBy(() -> SiyuJson.readTouchpoint(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("missing required field 'at'");
    }

    @Test
    void eventWithoutAtIsRejectedWithTheEventsPath() {
        String json = "{\"customer\": {\"id\": \"c-1\"}, \"events\": [{\"id\": \"e1\", \"type\": \"PRICE_INQUIRY\"}]}";

        InputException e = refusal(() -> SiyuJson.readRequest(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("missing required field 'at'").contains("at $.events[0]");
        assertThat(e.path()).contains("$.events[0]");
    }

    @Test
    void blankCustomerIdIsRejected() {
        String json = "{\"id\": \"  \"}";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("customer id must not be blank");
    }

    @Test
    void trailingValueAfterTheJsonValueIsRejected() {
        String json = "{\"id\": \"c-1\"} {\"id\": \"c-2\"}";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void trailingGarbageAfterTheJsonValueIsRejected() {
        String json = "{\"id\": \"c-1\"} garbage";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageNotContaining("garbage")
                .hasMessageContaining("line 1");
    }

    @Test
    void trailingValueIsReportedAsTrailingContentNotAsAMissingValue() {
        String json = "{\"id\": \"c-1\"} 42";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("railing")
                .hasMessageNotContaining("missing value");
    }

    @Test
    void duplicateKeyIsRejectedNamingTheKeyAndLine() {
        String json = "{\"id\": \"c-1\",\n \"id\": \"c-2\"}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("uplicate field 'id'").contains("(line 2");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void duplicateKeyInAttributesIsRejected() {
        String json = "{\"id\": \"c-1\", \"attributes\": {\"city\": \"杭州\", \"city\": \"上海\"}}";

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("uplicate field 'city'");
    }

    @Test
    void duplicateKeyInATreeIsRejected() {
        String json = "{\"a\": 1, \"a\": 2}";

        assertThatThrownBy(() -> SiyuJson.readTree(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("uplicate field 'a'");
    }

    @Test
    void tagWithTwoLevelsIsRejectedAtItsIndexedPath() {
        String json = "{\"id\": \"c-1\", \"tags\": [\"a/b/c\", \"渠道/来源\"]}";

        InputException e = refusal(() -> SiyuJson.readCustomer(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("three levels").contains("'渠道/来源'").contains("at $.tags[1]");
        assertThat(e.path()).contains("$.tags[1]");
    }

    @Test
    void anActionTypeThatIsNoActionNameIsRejected() {
        String json = """
                {"customerId": "c-1", "evaluatedAt": "2026-03-02T12:00:00+08:00", "customer": {"id": "c-1"},
                 "actions": [{"type": "send sms", "rule": "r"}]}""";

        assertThatThrownBy(() -> SiyuJson.readDecision(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown action type")
                .hasMessageContaining("$.actions[0]")
                .hasMessageNotContaining("send sms");
    }

    @Test
    void aCustomActionWithoutItsRuleOrWithANonTextFieldIsRejectedWithItsPath() {
        String noRule = """
                {"customerId": "c-1", "evaluatedAt": "2026-03-02T12:00:00+08:00", "customer": {"id": "c-1"},
                 "actions": [{"type": "SEND_SMS", "text": "hello"}]}""";
        String number = """
                {"customerId": "c-1", "evaluatedAt": "2026-03-02T12:00:00+08:00", "customer": {"id": "c-1"},
                 "actions": [{"type": "SEND_SMS", "rule": "r"}, {"type": "SEND_SMS", "count": 3, "rule": "r"}]}""";

        assertThatThrownBy(() -> SiyuJson.readDecision(noRule))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("missing required field 'rule'")
                .hasMessageContaining("$.actions[0]")
                .hasMessageNotContaining("hello");
        assertThatThrownBy(() -> SiyuJson.readDecision(number))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("expected a text for field 'count'")
                .hasMessageContaining("$.actions[1]");
    }

    @Test
    void inputExceptionIsASiyuException() {
        String json = "{";

        Throwable thrown = catchThrowableOfType(SiyuException.class, () -> SiyuJson.read(json, Decision.class));

        assertThat(thrown).isInstanceOf(InputException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void requestWithoutCustomerIsRejected() {
        String json = "{\"events\": []}";

        assertThatThrownBy(() -> SiyuJson.read(json, EvaluationRequest.class))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("missing required field 'customer'");
    }

    @Test
    void validInputStillReadsAfterStrictSettings() {
        String json = "{\"id\": \"c-1\", \"attributes\": {\"n\": 3, \"ok\": false, \"s\": \"x\"}}";

        Customer customer = SiyuJson.readCustomer(json);

        assertThat(customer.attributes()).containsEntry("n", "3").containsEntry("ok", "false").containsEntry("s", "x");
    }
}
