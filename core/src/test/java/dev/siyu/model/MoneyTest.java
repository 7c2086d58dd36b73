package dev.siyu.model;

import dev.siyu.error.InputException;
import dev.siyu.json.SiyuJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Money is an exact decimal amount of CNY, on the wire and in comparisons. */
class MoneyTest {

    private static final String ORDER = """
            {"id": "c-1", "memory": {"orders": [{"orderId": "o-1", "eventId": "e-1",
             "at": "2026-03-02T10:00:00+08:00", "amount": %s}]}}""";

    @Test
    void jsonNumberIsReadExactlyWithItsScale() {
        String json = "199.10";

        Money money = SiyuJson.read(json, Money.class);

        assertThat(money.amount()).isEqualTo(new BigDecimal("199.10"));
        assertThat(money.amount().scale()).isEqualTo(2);
    }

    @Test
    void jsonStringIsReadExactlyWithItsScale() {
        String json = "\"199.10\"";

        Money money = SiyuJson.read(json, Money.class);

        assertThat(money.amount()).isEqualTo(new BigDecimal("199.10"));
        assertThat(money.amount().scale()).isEqualTo(2);
    }

    @Test
    void numberAndStringGiveTheSameMoney() {
        String number = "199.10";
        String text = "\"199.10\"";

        Money fromNumber = SiyuJson.read(number, Money.class);
        Money fromText = SiyuJson.read(text, Money.class);

        assertThat(fromNumber).isEqualTo(fromText);
    }

    @Test
    void amountBeyondDoublePrecisionIsKeptDigitForDigit() {
        String json = "12345678901234567.89";

        Money money = SiyuJson.read(json, Money.class);

        assertThat(money.toString()).isEqualTo("12345678901234567.89");
        assertThat(money.amount()).isNotEqualTo(new BigDecimal(12345678901234567.89d));
    }

    @Test
    void decimalThatIsInexactAsABinaryFloatIsKeptExact() {
        String json = "0.1";

        Money money = SiyuJson.read(json, Money.class);

        assertThat(money.plus(Money.of("0.2")).amount()).isEqualTo(new BigDecimal("0.3"));
    }

    @Test
    void orderAmountGivenAsANumberIsWrittenBackAsADecimalString() {
        String json = ORDER.formatted("199.10");

        String written = SiyuJson.write(SiyuJson.readCustomer(json));

        assertThat(SiyuJson.readTree(written).at("/memory/orders/0/amount").textValue()).isEqualTo("199.10");
        assertThat(written).contains("\"amount\":\"199.10\"");
    }

    @Test
    void moneyIsWrittenAsAStringKeepingItsScale() {
        Money money = Money.of(new BigDecimal("199.00"));

        String written = SiyuJson.write(money);

        assertThat(written).isEqualTo("\"199.00\"");
    }

    @Test
    void largeAmountIsWrittenInPlainNotScientificNotation() {
        Money money = Money.of(new BigDecimal("1E+4"));

        String written = SiyuJson.write(money);

        assertThat(written).isEqualTo("\"10000\"");
    }

    @Test
    void amountJustBelowAThresholdComparesBelowIt() {
        Money below = Money.of("998.99");
        Money threshold = Money.of("999.00");

        boolean reached = below.isAtLeast(threshold);

        assertThat(reached).isFalse();
        assertThat(below).isLessThan(threshold);
        assertThat(threshold.isAtLeast(below)).isTrue();
    }

    @Test
    void sameAmountWithADifferentScaleIsTheSameAmount() {
        Money oneDecimal = Money.of("999.0");
        Money twoDecimals = Money.of("999.00");

        boolean same = oneDecimal.sameAmountAs(twoDecimals);

        assertThat(same).isTrue();
        assertThat(oneDecimal.isAtLeast(twoDecimals)).isTrue();
        assertThat(oneDecimal.compareTo(twoDecimals)).isZero();
    }

    @Test
    void plusAddsExactly() {
        Money a = Money.of("199.10");
        Money b = Money.of("0.90");

        Money sum = a.plus(b);

        assertThat(sum.toString()).isEqualTo("200.00");
    }

    @Test
    void textThatIsNotADecimalIsRefused() {
        String text = "一百";

        assertThatThrownBy(() -> Money.of(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a decimal amount")
                .hasMessageNotContaining("一百");
    }

    @Test
    void jsonTextThatIsNotADecimalIsRejectedAtItsPath() {
        String json = ORDER.formatted("\"abc\"");

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageNotContaining("abc")
                .hasMessageContaining("at $.memory.orders[0].amount");
    }

    @Test
    void jsonTextThatIsNotADecimalIsRejectedAsNotADecimalAmount() {
        String json = ORDER.formatted("\"abc\"");

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("decimal")
                .hasMessageNotContaining("an object");
    }

    @Test
    void jsonBooleanForMoneyIsRejectedAtItsPath() {
        String json = ORDER.formatted("true");

        assertThatThrownBy(() -> SiyuJson.readCustomer(json))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("wrong type, expected a decimal amount such as 199.00, got a boolean")
                .hasMessageContaining("at $.memory.orders[0].amount");
    }
}
