package dev.siyu.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siyu.Decision;
import dev.siyu.action.Action;
import dev.siyu.action.Alert;
import dev.siyu.action.CancelTask;
import dev.siyu.action.CustomAction;
import dev.siyu.action.EngagementChanged;
import dev.siyu.action.OwnerAssigned;
import dev.siyu.action.StageChanged;
import dev.siyu.action.SuggestScript;
import dev.siyu.action.TagAdded;
import dev.siyu.action.TagRemoved;
import dev.siyu.action.Task;
import dev.siyu.action.TierChanged;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.Money;
import dev.siyu.model.Stage;
import dev.siyu.model.Tag;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of CONTRACT.md survive a read and a write unchanged. */
class SiyuJsonRoundTripTest {

    static final String CUSTOMER_EXAMPLE = """
            {
              "id": "c-001",
              "name": "张女士",
              "source": "PACKAGE_CARD",
              "owner": "sales-01",
              "zone": "Asia/Shanghai",
              "addedAt": "2026-03-01T09:00:00+08:00",
              "attributes": {"city": "杭州", "doNotDisturb": "false"},
              "tags": ["渠道/来源/PACKAGE_CARD"],
              "engagement": "SILENT",
              "stage": "INTRODUCTION",
              "tier": "REGULAR",
              "memory": {}
            }
            """;

    static final String TOUCHPOINT_EXAMPLE = """
            {"id": "e-17", "type": "ORDER_PAID", "at": "2026-03-02T10:00:00+08:00",
             "channel": "WECOM", "attributes": {"orderId": "o-9", "amount": "199.00",
             "product": "日抛+月抛组合", "productCycleDays": "30", "productKind": "HIT"}}
            """;

    /** A customer after a paid order, with every part of memory filled in. */
    static final String NEXT_CUSTOMER = """
            {
              "id": "c-001",
              "name": "张女士",
              "source": "PACKAGE_CARD",
              "owner": "vip-desk",
              "zone": "Asia/Shanghai",
              "addedAt": "2026-03-01T09:00:00+08:00",
              "attributes": {"city": "杭州", "doNotDisturb": "false"},
              "tags": ["渠道/来源/PACKAGE_CARD", "交易/首单平台/WECOM"],
              "engagement": "CUSTOMER",
              "stage": "GROWTH",
              "tier": "VIP",
              "memory": {
                "orders": [
                  {"orderId": "o-9", "eventId": "e-17", "at": "2026-03-02T10:00:00+08:00", "amount": "199.00",
                   "channel": "WECOM", "product": "日抛+月抛组合", "productCycleDays": 30, "productKind": "HIT"}
                ],
                "archivedOrders": {"paidCount": 2, "firstPaidAt": "2024-05-01T08:30:00+08:00"},
                "touchpoints": {
                  "ORDER_PAID": {"first": "2026-03-02T10:00:00+08:00", "last": "2026-03-02T10:00:00+08:00", "count": 1}
                },
                "pendingTasks": [
                  {"type": "TASK", "key": "c-001/cadence/e-17/day3", "kind": "FOLLOW_UP", "script": "followup.day3",
                   "dueAt": "2026-03-05T10:00:00+08:00", "owner": "sales-01", "text": "张女士,您好", "rule": "quote cadence day 3"}
                ],
                "sentTasks": [
                  {"key": "c-001/greeting", "kind": "GREETING", "dueAt": "2026-03-01T09:05:00+08:00"}
                ],
                "processedEvents": {"e-17": "2026-03-02T10:00:00+08:00"},
                "marks": {"greeting": "2026-03-01T09:05:00+08:00"},
                "horizon": "2026-01-01T00:00:00+08:00"
              }
            }
            """;

    static final String DECISION_EXAMPLE = """
            {
              "customerId": "c-001",
              "evaluatedAt": "2026-03-02T12:00:00+08:00",
              "customer": %s,
              "actions": [
                {"type": "TASK", "key": "c-001/cadence/e-17/day3", "kind": "FOLLOW_UP",
                 "script": "followup.day3", "dueAt": "2026-03-05T10:00:00+08:00",
                 "owner": "sales-01", "text": "张女士,您好", "rule": "quote cadence day 3"},
                {"type": "CANCEL_TASK", "key": "c-001/cadence/e-16/day1", "reason": "order paid", "rule": "cancel cadence on payment"},
                {"type": "ENGAGEMENT_CHANGED", "from": "CONVERSING", "to": "QUOTED", "rule": "engagement from events"},
                {"type": "STAGE_CHANGED", "from": "INTRODUCTION", "to": "GROWTH", "rule": "stage growth"},
                {"type": "TIER_CHANGED", "from": "REGULAR", "to": "VIP", "rule": "tier vip"},
                {"type": "OWNER_ASSIGNED", "from": "sales-01", "to": "vip-desk", "rule": "vip desk"},
                {"type": "TAG_ADDED", "tag": "交易/首单平台/WECOM", "rule": "first order platform"},
                {"type": "TAG_REMOVED", "tag": "意向/阶段/观望", "rule": "intent cleared on order"},
                {"type": "ALERT", "code": "REPLY_OVERDUE", "eventId": "e-18", "rule": "reply overdue"},
                {"type": "SUGGEST_SCRIPT", "script": "objection.price", "text": "理解您的顾虑", "rule": "price objection"}
              ]
            }
            """.formatted(NEXT_CUSTOMER);

    @Test
    void customerExampleIsWrittenBackAsTheSameJson() {
        JsonNode original = SiyuJson.readTree(CUSTOMER_EXAMPLE);

        String written = SiyuJson.write(SiyuJson.readCustomer(CUSTOMER_EXAMPLE));

        assertThat(SiyuJson.readTree(written)).isEqualTo(original);
    }

    @Test
    void customerExampleIsReadIntoTypedValues() {
        String json = CUSTOMER_EXAMPLE;

        Customer customer = SiyuJson.readCustomer(json);

        assertThat(customer.id()).isEqualTo("c-001");
        assertThat(customer.name()).contains("张女士");
        assertThat(customer.zone()).contains(ZoneId.of("Asia/Shanghai"));
        assertThat(customer.addedAt()).contains(OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(customer.addedAt().orElseThrow().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(customer.attribute("city")).contains("杭州");
        assertThat(customer.tags()).containsExactly(new Tag("渠道", "来源", "PACKAGE_CARD"));
    }

    @Test
    void touchpointExampleIsWrittenBackAsTheSameJson() {
        JsonNode original = SiyuJson.readTree(TOUCHPOINT_EXAMPLE);

        String written = SiyuJson.write(SiyuJson.readTouchpoint(TOUCHPOINT_EXAMPLE));

        JsonNode rewritten = SiyuJson.readTree(written);
        assertThat(rewritten).isEqualTo(original);
        assertThat(rewritten.get("at").textValue()).isEqualTo("2026-03-02T10:00:00+08:00");
        assertThat(rewritten.get("attributes").get("amount").isTextual()).isTrue();
        assertThat(rewritten.get("attributes").get("amount").textValue()).isEqualTo("199.00");
    }

    @Test
    void touchpointKeepsItsOffsetWhenRead() {
        String json = TOUCHPOINT_EXAMPLE;

        Touchpoint touchpoint = SiyuJson.readTouchpoint(json);

        assertThat(touchpoint.at().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(touchpoint.channel()).contains("WECOM");
        assertThat(touchpoint.attribute("amount")).contains("199.00");
    }

    @Test
    void numericAttributeKeepsItsLiteralText() {
        String json = """
                {"id": "e-1", "type": "ORDER_PAID", "at": "2026-03-02T10:00:00+08:00",
                 "attributes": {"amount": 199.00, "paid": true}}""";

        Touchpoint touchpoint = SiyuJson.readTouchpoint(json);

        assertThat(touchpoint.attribute("amount")).contains("199.00");
        assertThat(touchpoint.attribute("paid")).contains("true");
    }

    @Test
    void decisionExampleWithEveryActionTypeIsWrittenBackAsTheSameJson() {
        JsonNode original = SiyuJson.readTree(DECISION_EXAMPLE);

        String written = SiyuJson.write(SiyuJson.readDecision(DECISION_EXAMPLE));

        assertThat(SiyuJson.readTree(written)).isEqualTo(original);
    }

    @Test
    void decisionExampleIsReadIntoOneActionOfEachType() {
        String json = DECISION_EXAMPLE;

        Decision decision = SiyuJson.readDecision(json);

        assertThat(decision.actions()).extracting(Action::getClass).map(Class.class::cast).containsExactly(
                Task.class, CancelTask.class, EngagementChanged.class, StageChanged.class, TierChanged.class,
                OwnerAssigned.class, TagAdded.class, TagRemoved.class, Alert.class, SuggestScript.class);
        assertThat(decision.actions()).extracting(Action::type).containsExactly(
                "TASK", "CANCEL_TASK", "ENGAGEMENT_CHANGED", "STAGE_CHANGED", "TIER_CHANGED",
                "OWNER_ASSIGNED", "TAG_ADDED", "TAG_REMOVED", "ALERT", "SUGGEST_SCRIPT");
        assertThat(decision.tasks()).singleElement().satisfies(task -> {
            assertThat(task.kind()).isEqualTo(TaskKind.FOLLOW_UP);
            assertThat(task.dueAt().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
            assertThat(task.owner()).contains("sales-01");
        });
        assertThat(decision.customer().memory().orders()).singleElement()
                .satisfies(order -> assertThat(order.amount().amount()).isEqualTo(new BigDecimal("199.00")));
    }

    @Test
    void aDecisionWithCustomActionsIsReadBackEqualAndWrittenIdentically() {
        Decision decision = SiyuJson.readDecision(DECISION_EXAMPLE);
        List<Action> actions = new ArrayList<>(decision.actions());
        java.util.Map<String, String> payload = new java.util.LinkedHashMap<>();
        payload.put("group", "buyers");
        payload.put("channel", "");
        actions.add(new CustomAction("INVITE_TO_GROUP", payload, "acme: a first order invites to the buyers' group"));
        actions.add(new CustomAction("PING", java.util.Map.of(), "acme: ping"));
        Decision withCustom = new Decision(decision.customerId(), decision.evaluatedAt(), decision.nextEvaluationAt(),
                decision.customer(), actions);

        String written = SiyuJson.write(withCustom);
        Decision read = SiyuJson.readDecision(written);

        assertThat(written).contains("{\"type\":\"INVITE_TO_GROUP\",\"group\":\"buyers\",\"channel\":\"\","
                + "\"rule\":\"acme: a first order invites to the buyers' group\"}");
        assertThat(read).isEqualTo(withCustom);
        assertThat(read.actions(CustomAction.class)).extracting(CustomAction::type).containsExactly("INVITE_TO_GROUP", "PING");
        assertThat(read.actions(CustomAction.class).get(0).payload().keySet()).containsExactly("group", "channel");
        assertThat(SiyuJson.write(read)).isEqualTo(written);
        assertThat(read.actions().subList(0, 10)).isEqualTo(decision.actions());
    }

    @Test
    void moneyInTheOrderLedgerStaysADecimalStringWithItsScale() {
        JsonNode original = SiyuJson.readTree(NEXT_CUSTOMER);

        JsonNode rewritten = SiyuJson.readTree(SiyuJson.write(SiyuJson.readCustomer(NEXT_CUSTOMER)));

        JsonNode amount = rewritten.get("memory").get("orders").get(0).get("amount");
        assertThat(amount.isTextual()).isTrue();
        assertThat(amount.textValue()).isEqualTo("199.00");
        assertThat(rewritten).isEqualTo(original);
    }

    @Test
    void timesWrittenKeepTheirOffset() {
        Decision decision = new Decision("c-1", OffsetDateTime.parse("2026-03-02T12:00:00+08:00"), Customer.of("c-1"),
                List.of(new Task("k", TaskKind.CARE, "care.1", OffsetDateTime.parse("2026-03-05T10:00:00+08:00"),
                        Optional.empty(), Optional.empty(), "r")));

        JsonNode written = SiyuJson.readTree(SiyuJson.write(decision));

        assertThat(written.get("evaluatedAt").textValue()).isEqualTo("2026-03-02T12:00:00+08:00");
        assertThat(written.get("actions").get(0).get("dueAt").textValue()).isEqualTo("2026-03-05T10:00:00+08:00");
    }

    @Test
    void writingTheSameDecisionTwiceGivesIdenticalText() {
        Decision decision = SiyuJson.readDecision(DECISION_EXAMPLE);

        String first = SiyuJson.write(decision);
        String second = SiyuJson.write(decision);

        assertThat(second).isEqualTo(first);
        assertThat(SiyuJson.writePretty(decision)).isEqualTo(SiyuJson.writePretty(decision));
    }

    @Test
    void equalDecisionsReadFromDifferentlyOrderedInputAreWrittenIdentically() {
        String reordered = """
                {"actions": [], "customer": {"tier": "VIP", "attributes": {"zeta": "1", "alpha": "2"}, "id": "c-1"},
                 "evaluatedAt": "2026-03-02T12:00:00+08:00", "customerId": "c-1"}""";
        String ordered = """
                {"customerId": "c-1", "evaluatedAt": "2026-03-02T12:00:00+08:00",
                 "customer": {"id": "c-1", "attributes": {"alpha": "2", "zeta": "1"}, "tier": "VIP"}, "actions": []}""";

        String fromReordered = SiyuJson.write(SiyuJson.readDecision(reordered));
        String fromOrdered = SiyuJson.write(SiyuJson.readDecision(ordered));

        assertThat(fromReordered).isEqualTo(fromOrdered);
        assertThat(fromReordered).startsWith("{\"customerId\":\"c-1\",\"evaluatedAt\":");
    }

    @Test
    void attributesAreWrittenSortedByKeyWhateverTheInputOrder() {
        String json = """
                {"id": "c-1", "attributes": {"zeta": "1", "alpha": "2", "mid": "3", "Beta": "4"}}""";

        String written = SiyuJson.write(SiyuJson.readCustomer(json));

        List<String> keys = new ArrayList<>();
        SiyuJson.readTree(written).get("attributes").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("Beta", "alpha", "mid", "zeta");
        assertThat(written).contains("\"attributes\":{\"Beta\":\"4\",\"alpha\":\"2\",\"mid\":\"3\",\"zeta\":\"1\"}");
    }

    @Test
    void attributesOfABuiltCustomerAreWrittenSortedByKey() {
        Customer customer = Customer.builder("c-1").attribute("b", "2").attribute("c", "3").attribute("a", "1")
                .engagement(Engagement.QUOTED).stage(Stage.GROWTH).tier(Tier.VIP).build();

        String written = SiyuJson.write(customer);

        assertThat(written).isEqualTo("{\"id\":\"c-1\",\"attributes\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"},"
                + "\"engagement\":\"QUOTED\",\"stage\":\"GROWTH\",\"tier\":\"VIP\",\"memory\":{}}");
    }

    @Test
    void moneyValueIsWrittenAsADecimalString() {
        Money money = Money.of("199.00");

        String written = SiyuJson.write(money);

        assertThat(written).isEqualTo("\"199.00\"");
    }
}
