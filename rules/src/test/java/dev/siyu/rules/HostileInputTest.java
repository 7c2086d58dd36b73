package dev.siyu.rules;

import dev.siyu.BatchOutcome;
import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.error.InputException;
import dev.siyu.SiyuEngine;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The red-team inputs: each refuses its own customer with a message that names the customer, the
 * event and the field and repeats no value; the customers before and after it are decided.
 */
class HostileInputTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T12:00:00+08:00");
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    private static EvaluationRequest good(String id) {
        return new EvaluationRequest(Customer.builder(id).name("张女士").build(),
                List.of(Touchpoint.of(id + "-e1", "PRICE_INQUIRY", AT)));
    }

    /** Evaluates good, bad, good in one batch and returns the bad one's outcome. */
    private static BatchOutcome between(EvaluationRequest bad) {
        List<BatchOutcome> outcomes = new ArrayList<>();
        ENGINE.evaluateAll(List.of(good("c-a"), bad, good("c-b")).iterator(), NOW, outcomes::add);
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0).decision()).isPresent();
        assertThat(outcomes.get(2).decision()).isPresent();
        return outcomes.get(1);
    }

    private static EvaluationRequest order(String amount) {
        return new EvaluationRequest(Customer.builder("c-bad").name("李女士").build(), List.of(
                Touchpoint.of("o-1", "ORDER_PAID", AT).with("orderId", "o-1").with("amount", amount)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1e-999999999", "1e999999", "-199.00", "12345678901234567890", "0.0000001", "一百"})
    void anAmountThatIsNotAPlainNonNegativeDecimalRefusesItsCustomerOnly(String amount) {
        BatchOutcome outcome = between(order(amount));

        assertThat(outcome.error()).get().isInstanceOf(InputException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("c-bad").contains("o-1").contains("'amount'").doesNotContain(amount).doesNotContain("李女士");
    }

    @Test
    void anAmountOnAnyEventTypeIsCheckedAtInput() {
        EvaluationRequest quote = new EvaluationRequest(Customer.of("c-bad"),
                List.of(Touchpoint.of("q-1", "QUOTE_SENT", AT).with("amount", "cheap")));

        assertThat(between(quote).error()).get().isInstanceOf(InputException.class)
                .extracting(Throwable::getMessage).asString().contains("q-1").contains("'amount'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483647", "0", "-3", "3651", "30.5", "thirty"})
    void aProductCycleOutsideOneToTenYearsOfDaysRefusesItsCustomerOnly(String days) {
        EvaluationRequest bad = new EvaluationRequest(Customer.of("c-bad"), List.of(Touchpoint.of("o-1", "ORDER_PAID", AT)
                .with("orderId", "o-1").with("amount", "99.00").with("productCycleDays", days)));

        assertThat(between(bad).error()).get().isInstanceOf(InputException.class)
                .extracting(Throwable::getMessage).asString().contains("'productCycleDays'").contains("1 to 3650");
    }

    @Test
    void aProductCycleBeyondTenYearsInTheStoredLedgerIsRefusedAtItsPath() {
        String json = """
                {"id": "c-bad", "memory": {"orders": [{"orderId": "o-1", "eventId": "e-1",
                 "at": "2026-03-01T10:00:00+08:00", "amount": "99.00", "productCycleDays": 2147483647}]}}""";

        InputException e = catchThrowableOfType(InputException.class, () -> SiyuJson.readCustomer(json));

        assertThat(e).hasMessageContaining("productCycleDays must be from 1 to 3650").hasMessageContaining("$.memory.orders[0]");
    }

    @Test
    void aCounterAtItsLimitStaysThereInsteadOfOverflowing() {
        Customer customer = SiyuJson.readCustomer("""
                {"id": "c-max", "memory": {"touchpoints": {"MESSAGE_RECEIVED":
                 {"first": "2026-01-01T10:00:00+08:00", "last": "2026-03-01T10:00:00+08:00", "count": 2147483647}}}}""");

        Decision decision = ENGINE.evaluate(customer, List.of(Touchpoint.of("m-1", "MESSAGE_RECEIVED", AT)), NOW);

        assertThat(decision.customer().memory().touchpoints().get("MESSAGE_RECEIVED").count()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aHorizonLaterThanTheEvaluationTimeRefusesTheCustomerInsteadOfIgnoringItsEvents() {
        Customer tampered = SiyuJson.readCustomer("{\"id\": \"c-bad\", \"memory\": {\"horizon\": \"2030-01-01T00:00:00+08:00\"}}");

        BatchOutcome outcome = between(new EvaluationRequest(tampered, List.of(Touchpoint.of("e-1", "PRICE_INQUIRY", AT))));

        assertThat(outcome.error()).get().isInstanceOf(InputException.class)
                .extracting(Throwable::getMessage).asString().contains("c-bad").contains("memory.horizon");
    }

    @Test
    void aTruncatedLineIsRefusedWithoutRepeatingItsContent() {
        String line = "{\"customer\": {\"id\": \"c-1\", \"name\": \"张女士\", \"attributes\": {\"phone\": \"13800138000\"";

        InputException e = catchThrowableOfType(InputException.class, () -> SiyuJson.readRequest(line));

        assertThat(e.getMessage()).contains("end-of-input").contains("line 1").doesNotContain("张女士").doesNotContain("13800138000");
    }

    @Test
    void aBadTokenIsRefusedWithoutRepeatingIt() {
        String line = "{\"customer\": {\"id\": \"c-1\", \"name\": 张女士}}";

        InputException e = catchThrowableOfType(InputException.class, () -> SiyuJson.readRequest(line));

        assertThat(e.getMessage()).contains("Unrecognized token").contains("column 36").doesNotContain("张女士");
    }

    @Test
    void theHostLocaleDoesNotChangeDecisions() {
        Customer customer = Customer.builder("c-1").engagement(dev.siyu.model.Engagement.CUSTOMER).build();
        OffsetDateTime nationalDay = OffsetDateTime.parse("2026-10-01T08:00:00+08:00");
        String inRoot = SiyuJson.write(ENGINE.evaluate(customer, List.of(), nationalDay));
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));

            String inTurkish = SiyuJson.write(ENGINE.evaluate(customer, List.of(), nationalDay));

            assertThat(inTurkish).isEqualTo(inRoot).contains("\"script\":\"holiday.national_day\"");
        } finally {
            Locale.setDefault(before);
        }
    }
}
