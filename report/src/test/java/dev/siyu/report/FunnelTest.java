package dev.siyu.report;

import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Engagement;
import dev.siyu.model.Stage;
import dev.siyu.model.Tier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FunnelTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Customer customer(String json) {
        return SiyuJson.readCustomer(json);
    }

    private static String order(String id, String at, String amount, boolean refunded) {
        return "{\"orderId\":\"" + id + "\",\"eventId\":\"e-" + id + "\",\"at\":\"" + at + "\",\"amount\":\"" + amount + "\""
                + (refunded ? ",\"refundedAt\":\"" + at + "\"" : "") + "}";
    }

    /** Ten friends: 4 silent, 2 conversing, 1 quoted, 2 customers (one VIP), 1 repeat buyer. */
    private static List<Customer> population() {
        return List.of(
                customer("{\"id\":\"a\"}"), customer("{\"id\":\"b\"}"), customer("{\"id\":\"c\"}"),
                customer("{\"id\":\"d\",\"stage\":\"DORMANT\"}"),
                customer("{\"id\":\"e\",\"engagement\":\"CONVERSING\"}"),
                customer("{\"id\":\"f\",\"engagement\":\"CONVERSING\",\"stage\":\"CHURNED\"}"),
                customer("{\"id\":\"g\",\"engagement\":\"QUOTED\",\"stage\":\"GROWTH\",\"memory\":{\"orders\":["
                        + order("g1", "2026-03-05T10:00:00+08:00", "99.00", true) + "]}}"),
                customer("{\"id\":\"h\",\"engagement\":\"CUSTOMER\",\"stage\":\"GROWTH\",\"memory\":{\"orders\":["
                        + order("h1", "2026-03-10T10:00:00+08:00", "199.00", false) + "]}}"),
                customer("{\"id\":\"i\",\"engagement\":\"CUSTOMER\",\"stage\":\"MATURITY\",\"tier\":\"VIP\",\"memory\":{\"orders\":["
                        + order("i1", "2026-03-20T10:00:00+08:00", "999.00", false) + "]}}"),
                customer("{\"id\":\"j\",\"engagement\":\"REPEAT\",\"stage\":\"MATURITY\",\"memory\":{\"orders\":["
                        + order("j1", "2026-03-02T10:00:00+08:00", "9.90", false) + ","
                        + order("j2", "2026-02-20T10:00:00+08:00", "50.00", false) + ","
                        + order("j3", "2026-04-01T00:30:00+08:00", "100.00", false) + "]}}"));
    }

    @Test
    void theFunnelOfAHandMadePopulationIsExact() {
        Funnel funnel = Funnel.of(population(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 30), SHANGHAI);

        assertThat(funnel.customers()).isEqualTo(10);
        assertThat(funnel.engagement()).containsEntry(Engagement.SILENT, 4).containsEntry(Engagement.CONVERSING, 2)
                .containsEntry(Engagement.QUOTED, 1).containsEntry(Engagement.CUSTOMER, 2).containsEntry(Engagement.REPEAT, 1);
        assertThat(funnel.stage()).containsEntry(Stage.INTRODUCTION, 4).containsEntry(Stage.DORMANT, 1)
                .containsEntry(Stage.CHURNED, 1).containsEntry(Stage.GROWTH, 2).containsEntry(Stage.MATURITY, 2);
        assertThat(funnel.tier()).containsEntry(Tier.REGULAR, 9).containsEntry(Tier.VIP, 1).containsEntry(Tier.KEY_ACCOUNT, 0);
        assertThat(funnel.purchasers()).isEqualTo(3);
        assertThat(funnel.firstOrderRate()).isEqualByComparingTo("0.3000");
        assertThat(funnel.repeatRate()).isEqualByComparingTo("0.3333");
        assertThat(funnel.vipRate()).isEqualByComparingTo("0.3333");
        // in the period: h1 199.00 + i1 999.00 + j1 9.90 (j2 before it, j3 after it, g1 refunded)
        assertThat(funnel.orders()).isEqualTo(3);
        assertThat(funnel.gmv().amount()).isEqualByComparingTo("1207.90");
        assertThat(funnel.averageOrderValue().amount()).isEqualByComparingTo("402.63");
        // 1207.90 / 10 customers / (30 days / 30) = 120.79 a month, ×12 a year
        assertThat(funnel.outputPerCustomerPerMonth().amount()).isEqualByComparingTo("120.79");
        assertThat(funnel.outputPerCustomerPerYear().amount()).isEqualByComparingTo("1449.48");
        assertThat(funnel.steps()).containsExactly(
                org.assertj.core.api.Assertions.entry("friends 好友", 10),
                org.assertj.core.api.Assertions.entry("conversing+ 沟通", 6),
                org.assertj.core.api.Assertions.entry("quoted+ 报价", 4),
                org.assertj.core.api.Assertions.entry("buyers 成交", 3),
                org.assertj.core.api.Assertions.entry("repeat 复购", 1),
                org.assertj.core.api.Assertions.entry("VIP 会员", 1));
    }

    @Test
    void anEmptyPopulationHasZeroRatesNotAnError() {
        Funnel funnel = Funnel.of(List.of(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 30), SHANGHAI);

        assertThat(funnel.firstOrderRate()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(funnel.averageOrderValue().amount()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void theTextAndJsonFormsCarryTheSameNumbers() {
        Funnel funnel = Funnel.of(population(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 30), SHANGHAI);

        assertThat(funnel.toText()).contains("first-order rate 30.0%").contains("GMV ¥1,207.90 over 3 orders");
        assertThat(SiyuJson.write(funnel)).contains("\"firstOrderRate\":0.3000").contains("\"gmv\":\"1207.90\"");
    }
}
