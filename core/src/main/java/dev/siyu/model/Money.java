package dev.siyu.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.siyu.json.MoneyDeserializer;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact amount of CNY. Never passes through a binary floating-point number.
 * On the wire it is a decimal string ({@code "199.00"}); a JSON number is accepted on input.
 *
 * <p>Immutable and thread-safe.
 */
@JsonDeserialize(using = MoneyDeserializer.class)
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        Objects.requireNonNull(amount, "amount");
    }

    /**
     * Parses a decimal such as {@code 199.00} or {@code 10000}.
     *
     * @throws IllegalArgumentException when the text is not a plain decimal number
     */
    public static Money of(String text) {
        Objects.requireNonNull(text, "amount");
        try {
            return new Money(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount of CNY: '" + text + "'");
        }
    }

    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public boolean isAtLeast(Money other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** Numeric equality, whatever the scale: {@code 999.0} equals {@code 999.00}. */
    public boolean sameAmountAs(Money other) {
        return compareTo(other) == 0;
    }

    @JsonValue
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
